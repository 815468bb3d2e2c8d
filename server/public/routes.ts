// The public API: health, the snippet's configuration, and assignment for server-side rendering.
import { Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import { assignVariant } from '../assign/index.js';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import type { SiteEntry } from '../collect/catalog.js';
import { LIMITS } from '../experiments/vocabulary.js';
import { parseInput } from '../http/validate.js';
import { allowSiteOrigin } from '../http/site-origin.js';
import { etagOf, matchesIfNoneMatch } from '../http/etag.js';
import { buildSnippetConfig, toPublicVariant } from './snippet-config.js';

// Short enough that pausing an experiment reaches visitors within a minute.
const CONFIG_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=30';

const siteKey = z.string().regex(/^pk_[A-Za-z0-9]{1,64}$/, 'must be a site key such as pk_…');
export const configQuery = z.object({ site: siteKey });
export const assignQuery = z.object({
  site: siteKey,
  experiment: z.string().min(1).max(LIMITS.key),
  visitor: z.string().min(1).max(128),
});

export function publicRoutes({ db, now, catalog, config: { trustProxy } }: AppDeps): Hono {
  const app = new Hono();
  // Served on every page view: built once per cached catalog entry, not once per request.
  const configs = new WeakMap<SiteEntry, { body: string; etag: string }>();

  app.get('/healthz', async (c) => {
    try {
      await sql`SELECT 1`.execute(db);
    } catch {
      throw new HttpError('unavailable', 'The database does not answer.');
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok', time: now() });
  });

  app.get('/v1/config', async (c) => {
    const { site: publicKey } = parseInput(configQuery, c.req.query());
    const entry = await requireSite(publicKey);
    allowSiteOrigin(c, entry.site.allowedOrigins, trustProxy);
    let config = configs.get(entry);
    if (!config) {
      const body = JSON.stringify(buildSnippetConfig(entry.site, [...entry.running.values()]));
      config = { body, etag: etagOf(body) };
      configs.set(entry, config);
    }
    const { body, etag } = config;
    c.header('ETag', etag);
    c.header('Cache-Control', CONFIG_CACHE_CONTROL);
    if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(body);
  });

  app.get('/v1/assign', async (c) => {
    const query = parseInput(assignQuery, c.req.query());
    const entry = await requireSite(query.site);
    allowSiteOrigin(c, entry.site.allowedOrigins, trustProxy);
    c.header('Cache-Control', 'no-store');
    if (!entry.statuses.has(query.experiment)) {
      throw new HttpError('unknown_experiment', `The site has no experiment "${query.experiment}".`, 'experiment');
    }
    const answer = { experiment: query.experiment, visitor: query.visitor };
    const experiment = entry.running.get(query.experiment);
    if (!experiment) return c.json({ ...answer, variant: null, reason: 'not_running' });
    const weights = experiment.variants.map((variant) => variant.weight);
    const index = assignVariant({ seed: experiment.seed, coverage: experiment.coverage, weights }, query.visitor);
    const variant = experiment.variants[index];
    if (!variant) return c.json({ ...answer, variant: null, reason: 'outside_coverage' });
    return c.json({ ...answer, variant: toPublicVariant(variant), reason: 'assigned' });
  });

  async function requireSite(publicKey: string): Promise<SiteEntry> {
    const entry = await catalog.get(publicKey);
    if (!entry) throw new HttpError('unknown_site', `No site has the key ${publicKey}.`, 'site');
    return entry;
  }

  return app;
}

// GET /api/sites/:id/installation: what the install page shows. The tag to paste, the slot
// markup of the site's experiments, and the check: when the last batch of events arrived, and
// from which page origin ("last event seen 12 s ago from shop.example").
import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin.js';
import { lastSeenOf } from '../collect/last-seen.js';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { listExperiments } from '../experiments/experiment-queries.js';
import { findSite } from '../experiments/site-queries.js';

export function installationRoutes(deps: AppDeps): Hono {
  const { db, config, now } = deps;
  const lastSeen = lastSeenOf(deps);
  const app = new Hono();

  app.get('/sites/:id/installation', requireAdmin(deps), async (c) => {
    const site = await findSite(db, c.req.param('id'));
    if (!site) throw new HttpError('not_found', `No site with id "${c.req.param('id')}".`);
    const experiments = await listExperiments(db, site.id, ['draft', 'running', 'paused']);
    const sighting = await lastSeen.find(site.id);
    const at = now();
    c.header('Cache-Control', 'no-store');
    return c.json({
      siteId: site.id,
      publicKey: site.publicKey,
      scriptTag: `<script async src="${config.publicUrl}/c.js" data-site="${site.publicKey}"></script>`,
      slots: [...new Set(experiments.map((experiment) => experiment.slot))].map((slot) => ({
        slot,
        markup: `<div data-candor-slot="${slot}"></div>`,
      })),
      lastSeen: sighting && { ...sighting, secondsAgo: Math.max(0, Math.round((at - sighting.at) / 1000)) },
      now: at,
    });
  });

  return app;
}

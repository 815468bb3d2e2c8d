// GET /api/experiments/:id/results: the results document, computed from the daily sums, the sums
// per segment cell and the first-conversion counts (O(variants × days) and O(variants × cells)
// rows, whatever the number of events), kept until the sums change (load-results.ts), with an
// ETag so the dashboard's poll gets a 304 while they stand still. A
// percentile revenue cap that fell due since the server's last minute check is fixed first.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { findExperiment } from '../experiments/experiment-queries.js';
import { findSite } from '../experiments/site-queries.js';
import { parseInput } from '../http/validate.js';
import { fixDueRevenueCaps } from '../collect/fix-revenue-caps.js';
import { matchesIfNoneMatch } from '../http/etag.js';
import { loadResults, ResultsCache } from './load-results.js';

export const resultsQuery = z.object({
  alpha: z.coerce.number().min(0.001).max(0.2).default(0.05),
  adjust: z.enum(['holm', 'benjamini-hochberg', 'none']).default('holm'),
  margin: z.coerce.number().min(-0.5).max(0).default(-0.05),
  strata: z
    .string()
    .max(400)
    .optional()
    .transform((value) => (value ? value.split(',').map((name) => name.trim()).filter(Boolean) : undefined))
    .describe('Segment dimensions to cross into strata for the adjusted figures, comma-separated (e.g. zip_code,newbie); by default the most that qualify.'),
  maxStaleness: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(0)
    .describe('Milliseconds: a document computed at most this long ago from sums that have moved since may be given instead of a new one (its freshness says so). 0, the default: always the latest sums.'),
});

/** Whether Accept-Encoding names gzip without q=0. */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    return (coding === 'gzip' || coding === 'x-gzip') && !params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
  });
}

export function resultsRoutes({ db, dialect, now }: AppDeps): Hono {
  const app = new Hono();
  const cache = new ResultsCache();

  const experimentOf = async (id: string) => {
    const experiment = await findExperiment(db, id);
    if (!experiment) throw new HttpError('not_found', `No experiment with id "${id}".`);
    return experiment;
  };

  const capCheckOf = (experiment: Awaited<ReturnType<typeof experimentOf>>) =>
    experiment.revenueCap?.kind === 'percentile' && experiment.revenueCapValue === null && experiment.startedAt !== null && experiment.importedAt === null
      ? fixDueRevenueCaps(db, dialect, now(), experiment.id)
      : Promise.resolve([]);

  app.get('/experiments/:id/results', async (c) => {
    let experiment = await experimentOf(c.req.param('id'));
    const query = parseInput(resultsQuery, c.req.query());
    // A percentile cap due since the last background check is fixed now, before the sums are read.
    const [capCheck] = await capCheckOf(experiment);
    if (capCheck?.state === 'fixed') experiment = await experimentOf(experiment.id);
    const request = { alpha: query.alpha, adjustment: query.adjust, margin: query.margin, strata: query.strata, maxStalenessMs: query.maxStaleness };
    const site = await findSite(db, experiment.siteId);
    const answer = await loadResults(db, experiment, request, now(), { dialect, cache, capCheck, presets: site?.disclosurePresets });
    // Kept by the browser but asked again every time: the dashboard's poll costs a 304 while the sums stand still.
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Accept-Encoding');
    const gzipped = acceptsGzip(c.req.header('accept-encoding')) ? answer.gzipped() : null;
    // One tag per representation, as for static assets.
    const etag = gzipped ? `${answer.etag.slice(0, -1)}-gzip"` : answer.etag;
    c.header('ETag', etag);
    if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    if (gzipped) return c.body(new Uint8Array(gzipped), 200, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Encoding': 'gzip' });
    return c.body(answer.body(), 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });
  return app;
}

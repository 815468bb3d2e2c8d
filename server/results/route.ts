// GET /api/experiments/:id/results: the results document, computed from the daily sums, with the
// answers 1–5, noticed yes/no and video marks per arm from the counts kept in the same sums: two
// reads of O(variants × days) rows, so computed afresh on every request, with no cache. A
// percentile revenue cap that fell due since the server's last minute check is fixed first.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { findExperiment } from '../experiments/experiment-queries.js';
import { parseInput } from '../http/validate.js';
import { buildResults } from './build-results.js';
import { readDistributions } from './distributions.js';
import { readExperimentSums } from './read-sums.js';
import { fixDueRevenueCaps } from '../collect/fix-revenue-caps.js';
import { revenueCapSection } from './revenue-cap-section.js';

export const resultsQuery = z.object({
  alpha: z.coerce.number().min(0.001).max(0.2).default(0.05),
  adjust: z.enum(['holm', 'benjamini-hochberg', 'none']).default('holm'),
  margin: z.coerce.number().min(-0.5).max(0).default(-0.05),
});

export function resultsRoutes({ db, dialect, now }: AppDeps): Hono {
  const app = new Hono();

  const experimentOf = async (id: string) => {
    const experiment = await findExperiment(db, id);
    if (!experiment) throw new HttpError('not_found', `No experiment with id "${id}".`);
    return experiment;
  };

  app.get('/experiments/:id/results', async (c) => {
    let experiment = await experimentOf(c.req.param('id'));
    const query = parseInput(resultsQuery, c.req.query());
    // A percentile cap due since the last background check is fixed now, before the sums are read.
    const [capCheck] = await capCheckOf(experiment);
    if (capCheck?.state === 'fixed') experiment = await experimentOf(experiment.id);
    const [sums, distributions] = await Promise.all([readExperimentSums(db, experiment.id), readDistributions(db, experiment)]);
    c.header('Cache-Control', 'no-store');
    const document = buildResults(experiment, sums, { alpha: query.alpha, adjustment: query.adjust, margin: query.margin, now: now() }, distributions);
    return c.json({ ...document, revenueCap: revenueCapSection(experiment, capCheck) });
  });

  const capCheckOf = (experiment: Awaited<ReturnType<typeof experimentOf>>) =>
    experiment.revenueCap?.kind === 'percentile' && experiment.revenueCapValue === null && experiment.startedAt !== null && experiment.importedAt === null
      ? fixDueRevenueCaps(db, dialect, now(), experiment.id)
      : Promise.resolve([]);
  return app;
}

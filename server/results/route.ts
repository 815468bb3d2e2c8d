// GET /api/experiments/:id/results: the results document, computed from the daily sums, with the
// answers 1–5, noticed yes/no and video marks per arm from the counts kept in the same sums: two
// reads of O(variants × days) rows, so computed afresh on every request, with no cache.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { findExperiment } from '../experiments/experiment-queries.js';
import { parseInput } from '../http/validate.js';
import { buildResults } from './build-results.js';
import { readDistributions } from './distributions.js';
import { readExperimentSums } from './read-sums.js';

export const resultsQuery = z.object({
  alpha: z.coerce.number().min(0.001).max(0.2).default(0.05),
  adjust: z.enum(['holm', 'benjamini-hochberg', 'none']).default('holm'),
  margin: z.coerce.number().min(-0.5).max(0).default(-0.05),
});

export function resultsRoutes({ db, now }: AppDeps): Hono {
  const app = new Hono();

  const experimentOf = async (id: string) => {
    const experiment = await findExperiment(db, id);
    if (!experiment) throw new HttpError('not_found', `No experiment with id "${id}".`);
    return experiment;
  };

  app.get('/experiments/:id/results', async (c) => {
    const experiment = await experimentOf(c.req.param('id'));
    const query = parseInput(resultsQuery, c.req.query());
    const [sums, distributions] = await Promise.all([readExperimentSums(db, experiment.id), readDistributions(db, experiment)]);
    c.header('Cache-Control', 'no-store');
    return c.json(buildResults(experiment, sums, { alpha: query.alpha, adjustment: query.adjust, margin: query.margin, now: now() }, distributions));
  });
  return app;
}

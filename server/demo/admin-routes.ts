// POST /api/demo (behind the admin token): the dashboard's "Load the demo". Creates the demo
// site and its running experiment if need be and sends the simulated visitors, once; a second
// call answers 409 demo_loaded and changes nothing.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { PostEvents } from '../collect/in-process.js';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { parseInput, readJson } from '../http/validate.js';
import { loadDemo } from './load.js';
import { DemoError } from './setup.js';

const MAX_VISITORS = 20_000;

// Both optional: the dashboard posts nothing; tests and scripts ask for a smaller or other run.
export const demoRequest = z.strictObject({
  visitors: z.number().int().min(1).max(MAX_VISITORS).optional(),
  seed: z.string().trim().min(1).max(64).optional(),
});

export function demoAdminRoutes(deps: AppDeps, postEvents: PostEvents): Hono {
  const app = new Hono();

  app.post('/demo', async (c) => {
    const options = await readOptions(c);
    let loaded;
    try {
      loaded = await loadDemo(deps, postEvents, options);
    } catch (err) {
      if (err instanceof DemoError) throw new HttpError(err.reason, err.message);
      throw err;
    }
    const { site, experiment } = loaded.demo;
    if (loaded.outcome === 'not_running') {
      throw new HttpError('invalid_transition', `The demo experiment "${experiment.key}" is ${experiment.status} and cannot take visitors again.`);
    }
    if (loaded.outcome === 'already_loaded') {
      throw new HttpError(
        'demo_loaded',
        `The demo was loaded on ${new Date(loaded.loadedAt).toISOString().slice(0, 10)}: open the site "${site.name}" to see its experiment.`,
      );
    }
    return c.json({ site, experiment, visitors: loaded.report.visitors, events: loaded.report.accepted });
  });

  return app;
}

async function readOptions(c: Context): Promise<z.output<typeof demoRequest>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  return parseInput(demoRequest, await readJson(c));
}

// POST /api/plan: how many visitors, and how many days at the shop's traffic, a test needs to
// detect the planned effect on each metric. Pure arithmetic on the request: no database.
import { Hono } from 'hono';
import { z } from 'zod';
import { readInput } from '../http/validate.js';
import { METRIC_NAMES, metricDefinition } from '../metrics/registry.js';
import { buildPlan, DEFAULT_PLAN_ALPHA, DEFAULT_PLAN_ARMS, DEFAULT_PLAN_POWER } from './plan.js';

const metricInput = z.strictObject({
  metric: z.enum(METRIC_NAMES),
  baseline: z.number().meta({ description: "The control's rate (0–1) for a binary metric, its mean per visitor otherwise." }),
  sd: z.number().gt(0).optional().meta({ description: 'The per-visitor standard deviation; required for a continuous metric (a mean).' }),
});

export const planRequest = z
  .strictObject({
    dailyVisitors: z.number().gt(0).meta({ description: 'Visitors entering the experiment per day, all arms together.' }),
    arms: z.number().int().min(2).max(8).default(DEFAULT_PLAN_ARMS),
    plannedEffect: z
      .number()
      .gt(-10)
      .lt(10)
      .refine((x) => x !== 0, 'the planned effect cannot be 0')
      .meta({ description: 'The relative change to detect: 0.1 is +10%, −0.2 is −20%.' }),
    alpha: z.number().gt(0).lt(0.5).default(DEFAULT_PLAN_ALPHA),
    power: z.number().gt(0.5).lt(1).default(DEFAULT_PLAN_POWER),
    metrics: z.array(metricInput).min(1).max(20),
  })
  .superRefine((request, ctx) => {
    request.metrics.forEach(({ metric, baseline, sd }, i) => {
      const kind = metricDefinition(metric).kind;
      if (kind === 'binary' && !(baseline > 0 && baseline < 1)) {
        ctx.addIssue({ code: 'custom', path: ['metrics', i, 'baseline'], message: `the baseline of ${metric} is a rate and must lie strictly between 0 and 1` });
      }
      if (kind === 'continuous' && sd === undefined) {
        ctx.addIssue({ code: 'custom', path: ['metrics', i, 'sd'], message: `${metric} is a mean: give its per-visitor standard deviation` });
      }
      if (kind === 'continuous' && baseline === 0) {
        ctx.addIssue({ code: 'custom', path: ['metrics', i, 'baseline'], message: `a relative effect on a mean of 0 is no effect: give ${metric}'s mean today` });
      }
    });
  });

export function planningRoutes(): Hono {
  const app = new Hono();
  app.post('/plan', async (c) => c.json(buildPlan(await readInput(c, planRequest))));
  return app;
}

// What POST /api/plan answers, as a zod schema the API document (server/openapi/) is generated
// from; plan.ts's Plan must satisfy it (checked below), so the code and the document agree.
import { z } from 'zod';
import { METRIC_NAMES } from '../metrics/registry.js';
import type { Plan } from './plan.js';

export const planAnswerSchema = z
  .strictObject({
    plannedEffect: z.number().meta({ description: 'The relative change planned for: 0.1 is +10%.' }),
    alpha: z.number(),
    power: z.number(),
    dailyVisitors: z.number().meta({ description: 'Visitors entering the experiment per day, all arms together.' }),
    arms: z.number().int(),
    metrics: z.array(
      z.strictObject({
        metric: z.enum(METRIC_NAMES),
        kind: z.enum(['binary', 'continuous', 'ratio']),
        baseline: z.number().meta({ description: "The control's rate (binary) or mean per visitor today." }),
        sd: z.number().nullable().meta({ description: 'The per-visitor standard deviation given for a mean.' }),
        perArm: z.number().int().nullable().meta({ description: 'Visitors each arm needs for the power asked (two-sided test at alpha); null when there is no formula (see note).' }),
        total: z.number().int().nullable().meta({ description: 'perArm × arms.' }),
        days: z.number().int().nullable().meta({ description: 'Days to reach total at dailyVisitors, rounded up.' }),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Plan' });

// The builder's type must fit the schema: a compile error here means the two have drifted.
const fits: (plan: Plan) => z.input<typeof planAnswerSchema> = (plan) => plan;
void fits;

// PROVISIONAL: the results document as buildResults (build-results.ts) answers it today, declared
// for the API document. The results work of issue 13 replaces this file with the full declaration;
// keep the names `resultsDocumentSchema` and `ResultsDocument`. Figures the server cannot compute
// are sent as null (NaN and infinities become null in JSON), so every figure here may be null.
import { z } from 'zod';
import { EXPERIMENT_STATUSES } from '../experiments/status.js';
import { DISCLOSURE_STYLES, METRIC_NAMES, ORIGINS } from '../experiments/vocabulary.js';

const figure = z.number().nullable();

const comparisonSchema = z.looseObject({
  variant: z.string(),
  pValue: figure,
  pValueTest: z.string(),
  adjustedPValue: figure,
  verdict: z.string(),
  sentence: z.string(),
});

const metricSchema = z.looseObject({
  metric: z.enum(METRIC_NAMES),
  label: z.string(),
  role: z.enum(['primary', 'guardrail', 'secondary']),
  kind: z.enum(['binary', 'continuous', 'ratio']),
  arms: z.array(z.looseObject({ n: z.number().int() })),
  comparisons: z.array(comparisonSchema),
});

export const resultsDocumentSchema = z
  .strictObject({
    experiment: z.strictObject({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      status: z.enum(EXPERIMENT_STATUSES),
      primaryMetric: z.enum(METRIC_NAMES),
      guardrailMetrics: z.array(z.enum(METRIC_NAMES)),
      startedAt: z.number().nullable(),
      stoppedAt: z.number().nullable(),
      imported: z.boolean(),
      importedAt: z.number().nullable(),
    }),
    generatedAt: z.number(),
    alpha: z.number(),
    adjustment: z.enum(['holm', 'benjamini-hochberg', 'none']),
    peekingSafe: z.boolean(),
    variants: z.array(
      z.strictObject({
        key: z.string(),
        name: z.string(),
        origin: z.enum(ORIGINS),
        disclosure: z.enum(DISCLOSURE_STYLES),
        control: z.boolean(),
        weight: z.number(),
        visitors: z.number().int(),
      }),
    ),
    health: z.strictObject({
      srm: z.looseObject({}),
      progress: z.strictObject({ visitors: z.number().int(), planned: z.number().int().nullable(), fraction: figure, daysRunning: z.number().int() }),
    }),
    headlines: z.array(z.strictObject({ metric: z.enum(METRIC_NAMES), variant: z.string(), sentence: z.string(), verdict: z.string() })),
    metrics: z.array(metricSchema),
    disclosure: z.strictObject({ metric: z.enum(METRIC_NAMES), grid: z.looseObject({}).nullable(), nonInferiority: z.unknown() }),
    series: z.unknown(),
  })
  .meta({ id: 'ResultsDocument' });

export type ResultsDocument = z.infer<typeof resultsDocumentSchema>;

// The sections of the results document a shop acts on: results by segment (corrected, with an
// interaction test), post-stratified figures beside the raw ones, the revenue cap in words, a
// decision per arm, and lift by days since first exposure. Part of document-schema.ts.
import { z } from 'zod';
import { METRIC_NAMES } from '../experiments/vocabulary.js';
import { effect, figure, verdict } from './document-primitives.js';

const segmentLevel = z.object({
  level: z.string(),
  n: z.number().int().min(0).describe('Visitors of this level in the treatment arm.'),
  controlN: z.number().int().min(0).describe('Visitors of this level in the control arm.'),
  absolute: effect.describe('Treatment minus control within the level.'),
  relative: effect.describe('Relative lift within the level, by the delta method.'),
  adjustedPValue: figure.describe('The level\'s p-value adjusted across every segment level × arm × metric shown.'),
  verdict,
});

const segmentComparison = z.object({
  variant: z.string(),
  levels: z.array(segmentLevel),
  interaction: z
    .object({
      statistic: figure.describe("Cochran's Q: the weighted spread of the levels' absolute effects."),
      df: z.number().int().min(0),
      pValue: figure,
      adjustedPValue: figure.describe('Adjusted across every dimension × arm × metric shown.'),
      differs: z.boolean().describe('True when the adjusted interaction p-value is below alpha: the effect really differs between levels.'),
    })
    .describe('Does the effect differ between levels? A chi-square test of heterogeneity.'),
});

const segmentDimension = z.object({
  name: z.string().describe('device, visit, source, or an imported column.'),
  label: z.string(),
  levels: z.array(z.object({ level: z.string(), visitors: z.number().int().min(0) })),
  metrics: z.array(z.object({ metric: z.enum(METRIC_NAMES), label: z.string(), comparisons: z.array(segmentComparison) })),
});

export const segments = z.object({
  visitorsWithSegment: z.number().int().min(0),
  dimensions: z.array(segmentDimension),
  tests: z.number().int().min(0).describe('How many level tests the correction covers.'),
  note: z.string(),
});

const adjustedComparison = z.object({
  variant: z.string(),
  raw: effect.describe('The unadjusted difference in means (Welch), for comparison.'),
  adjusted: effect.describe("Post-stratified difference: Σ w_s (ȳ_t,s − ȳ_c,s), Neyman variance (= Lin's interacted OLS with HC2 errors)."),
  relative: effect.describe('The adjusted relative lift, by the delta method.'),
  varianceReduction: figure.describe('1 − adjusted variance / raw variance: the share of the variance the strata removed.'),
});

export const adjusted = z.object({
  strata: z.array(z.string()).describe('The segment dimensions crossed into strata.'),
  cells: z.number().int().min(0),
  minimumPerCell: z.number().int().min(0),
  available: z.boolean(),
  reason: z.string().nullable().describe('Why no adjusted figure is given, when none is.'),
  metrics: z.array(z.object({ metric: z.enum(METRIC_NAMES), comparisons: z.array(adjustedComparison) })),
});

export const revenueCap = z.object({
  kind: z.enum(['value', 'percentile']),
  value: figure.describe('The cap in force; null while a percentile cap waits for its first days.'),
  percentile: z.number().nullable(),
  days: z.number().nullable(),
  fixedAt: z.number().nullable(),
  statement: z.string().describe('The cap in words, as the results state it.'),
});

export const decision = z.object({
  metric: z.enum(METRIC_NAMES),
  role: z.enum(['primary', 'guardrail']),
  variant: z.string(),
  decision: z.enum(['ship', 'keep-control', 'keep-running', 'no-difference', 'inconclusive', 'no-data']),
  sentence: z.string(),
  basis: z.enum(['always-valid', 'fixed-horizon']),
  daysMore: figure.describe('About how many more days at the observed traffic reach 80% power on the planned effect.'),
  expectedLoss: z
    .object({ treatment: figure, control: figure })
    .describe('Bayesian expected loss, in the metric\'s units, of choosing the treatment or keeping the control.'),
  lossSentence: z.string(),
});

const noveltyPoint = z.object({
  daysSince: z.number().int().min(0),
  arms: z.array(z.object({ variant: z.string(), n: z.number().int().min(0), rate: figure })),
  lifts: z.array(z.object({ variant: z.string(), estimate: figure, lower: figure, upper: figure })),
});

export const novelty = z.object({
  metric: z.enum(METRIC_NAMES),
  label: z.string(),
  points: z.array(noveltyPoint),
  note: z.string(),
});

// The results document, declared once: GET /api/experiments/:id/results answers exactly this,
// the dashboard reads it through the inferred type, and the OpenAPI document is generated from
// it. A figure the server cannot compute (an arm with no visitors, a variance of zero) is null,
// never NaN: the type says which figures can be missing, so a reader has to handle them.
import { z } from 'zod';
import { DISCLOSURE_PRESETS, DISCLOSURE_STYLES, MEDIA_TYPES, METRIC_NAMES, ORIGINS, SURVEY_QUESTION_NAMES } from '../experiments/vocabulary.js';
import { EXPERIMENT_STATUSES } from '../experiments/status.js';
import { effect, figure, interval, verdict } from './document-primitives.js';
import { adjusted, decision, novelty, revenueCap, segments } from './action-sections-schema.js';

const role = z.enum(['primary', 'guardrail', 'secondary']);
const analysisKind = z.enum(['binary', 'continuous', 'ratio']);
const pValueTest = z.enum(['pooled-z', 'welch-t', 'delta-method', 'always-valid']);

const armSummary = interval.extend({ variant: z.string(), n: z.number().int().min(0) });

const comparison = z.object({
  variant: z.string(),
  absolute: effect
    .extend({ df: figure.optional().describe("Welch's degrees of freedom (means only).") })
    .describe('Treatment minus control, fixed-horizon.'),
  relative: effect.describe('Relative lift (treatment / control − 1), fixed-horizon, by the delta method.'),
  alwaysValid: z
    .object({ lower: figure, upper: figure, pValue: figure })
    .nullable()
    .describe('Always-valid (peeking-safe) interval and p-value of the relative lift; null for ratio metrics.'),
  chanceToBeat: figure.describe('Bayesian chance that the treatment beats the control; null for secondary and ratio metrics.'),
  expectedLoss: figure.describe('Bayesian expected loss of choosing the treatment (if it is worse), in the metric\'s units.'),
  expectedLossControl: figure.describe('Bayesian expected loss of keeping the control (if the treatment is better).'),
  pValue: figure.describe('The p-value of the test named by pValueTest.'),
  pValueTest,
  adjustedPValue: figure.describe('pValue adjusted (Holm or Benjamini–Hochberg) within its family of metrics.'),
  verdict,
  sentence: z.string().describe('The comparison in one sentence a shop owner reads.'),
});

const metricResult = z.object({
  metric: z.enum(METRIC_NAMES),
  label: z.string(),
  role,
  kind: analysisKind,
  arms: z.array(armSummary),
  comparisons: z.array(comparison),
});

const variantSummary = z.object({
  key: z.string(),
  name: z.string(),
  origin: z.enum(ORIGINS),
  disclosure: z.enum(DISCLOSURE_STYLES),
  control: z.boolean(),
  weight: z.number(),
  visitors: z.number().int().min(0),
  mediaType: z.enum(MEDIA_TYPES).describe('The creative\'s kind; an imported arm has none of its own and says "image".'),
  undisclosedUnderResearch: z
    .boolean()
    .describe('Made with AI and shown without the disclosure a preset asks for (or none at all): allowed only because the site\'s presets include research.'),
  policyNotes: z
    .array(z.object({ rule: z.enum(DISCLOSURE_PRESETS), message: z.string() }))
    .describe('What each preset would have asked of this arm and research let go, in words.'),
});

const srm = z.object({
  chiSquare: figure,
  df: figure,
  pValue: figure,
  expected: z.array(figure),
  enoughData: z.boolean(),
  mismatch: z.boolean(),
});

const gridCell = z.object({
  origin: z.enum(ORIGINS),
  disclosed: z.boolean(),
  keys: z.array(z.string()),
  n: z.number().int().min(0),
  mean: figure,
  standardError: figure,
});

const contrast = effect.extend({ name: z.string(), label: z.string() });

const nonInferiority = z.object({
  metric: z.enum(METRIC_NAMES),
  disclosed: z.array(z.string()),
  undisclosed: z.array(z.string()),
  margin: z.number(),
  alpha: z.number(),
  estimate: figure,
  standardError: figure,
  lowerBound: figure,
  statistic: figure,
  pValue: figure,
  nonInferior: z.boolean(),
});

const factorTerm = effect.extend({
  name: z.string(),
  factor: z.enum(['origin', 'disclosure', 'style', 'wording', 'timing', 'origin × disclosure']),
  level: z.string(),
  reference: z.string(),
  label: z.string(),
});

const factorModel = z
  .object({
    available: z.boolean(),
    errors: z.literal('HC2'),
    n: z.number().int().min(0),
    residualDf: z.number().int().min(0),
    factors: z.array(z.object({ name: factorTerm.shape.factor, levels: z.array(z.string()), reference: z.string() })),
    intercept: effect.nullable(),
    terms: z.array(factorTerm).describe('Each level against its factor\'s reference, the other factors held (treatment coding).'),
    confounded: z.array(z.string()).describe('Terms that move with earlier ones in these arms, left out of the model.'),
    note: z.string(),
  })
  .describe('Origin × disclosure × style × wording × timing: OLS on the visitor-level data (from the sums), HC2 errors.');

const noticedShare = z.object({
  answered: z.number().int().min(0),
  yes: z.number().min(0),
  share: figure.describe('Answering visitors who noticed it was AI.'),
  lower: figure,
  upper: figure,
});

const designs = z.object({
  metric: z.enum(METRIC_NAMES),
  costMetric: z.enum(METRIC_NAMES).describe('The primary metric, or its per-visitor numerator for a ratio metric.'),
  baseline: z.object({
    against: z.enum(['undisclosed-ai', 'control']).describe('The AI-made arms without disclosure, pooled; the control when there is none.'),
    variants: z.array(z.string()),
    n: z.number().int().min(0),
    noticed: noticedShare,
  }),
  margin: z.number(),
  alpha: z.number(),
  designs: z.array(
    z.object({
      variant: z.string(),
      origin: z.enum(ORIGINS),
      style: z.enum(DISCLOSURE_STYLES),
      wording: z.string().nullable(),
      showForSeconds: z.number().nullable(),
      n: z.number().int().min(0),
      noticed: noticedShare,
      cost: interval.extend({ standardError: figure, pValue: figure }).describe('Relative lift on the cost metric against the baseline.'),
      nonInferiority: z.object({ lowerBound: figure, pValue: figure, nonInferior: z.boolean() }),
      sentence: z.string(),
    }),
  ),
  note: z.string(),
});

const seriesPoint = z.object({
  date: z.string().describe('The cohort day, YYYY-MM-DD (UTC).'),
  arms: z.array(z.object({ variant: z.string(), n: z.number().int().min(0), estimate: figure })),
  lifts: z.array(
    z.object({ variant: z.string(), estimate: figure, lower: figure, upper: figure, alwaysValidLower: figure, alwaysValidUpper: figure }),
  ),
});

const watchReached = z.object({ '25': z.number(), '50': z.number(), '75': z.number(), '100': z.number() });

export const distributionsSchema = z.object({
  trust: z.array(
    z.object({
      variant: z.string(),
      counts: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]).describe('counts[k − 1]: answering visitors whose mean trust, rounded half up, is k.'),
      answered: z.number(),
      outOfScale: z.number().describe('Answered, with a mean outside 0.5–5.5 (only an imported file can hold one).'),
    }),
  ),
  noticed: z.array(z.object({ variant: z.string(), yes: z.number(), no: z.number() })),
  video: z.array(z.object({ variant: z.string(), exposed: z.number(), started: z.number(), reached: watchReached })),
});

const survey = z.object({
  question: z.enum(SURVEY_QUESTION_NAMES),
  text: z.string(),
  low: z.string().nullable(),
  high: z.string().nullable(),
  delaySeconds: z.number(),
});

/**
 * Which sums the figures were computed from. A document is kept until its experiment's sums move
 * (sums_version); a caller may accept one a little older (maxStaleness) while events flow in, and
 * then this says so: never older numbers without the word.
 */
export const freshnessSchema = z
  .object({
    sumsVersion: z.number().int().min(0).describe("The experiment's sums_version the figures were computed from."),
    builtAt: z.number().describe('When they were computed (epoch ms); the same as generatedAt.'),
    latestSumsVersion: z.number().int().min(0).describe('The sums_version when this answer was sent.'),
    current: z.boolean().describe('True when no commit has moved the sums since: the figures are the latest.'),
    note: z.string().nullable().describe('When not current: how far behind the figures are, in words.'),
  })
  .describe('Which sums the figures were computed from, and whether newer ones exist.');

export const resultsDocumentSchema = z
  .object({
    freshness: freshnessSchema,
    experiment: z.object({
      id: z.string(),
      siteId: z.string(),
      key: z.string(),
      name: z.string(),
      status: z.enum(EXPERIMENT_STATUSES),
      primaryMetric: z.enum(METRIC_NAMES),
      guardrailMetrics: z.array(z.enum(METRIC_NAMES)),
      startedAt: z.number().nullable(),
      stoppedAt: z.number().nullable(),
      imported: z.boolean(),
      importedAt: z.number().nullable(),
      survey: survey.nullable(),
    }),
    generatedAt: z.number(),
    alpha: z.number(),
    adjustment: z.enum(['holm', 'benjamini-hochberg', 'none']),
    peekingSafe: z.boolean().describe('True while the experiment is live: verdicts then rest on the always-valid figures.'),
    variants: z.array(variantSummary),
    videoArms: z.array(z.string()).describe('The arms with a video to watch (for an imported test: every arm, when it measured video metrics).'),
    summary: z.object({ verdict, text: z.string() }).describe("The one-line answer on the primary metric, for a shop owner."),
    guardrailAlarms: z.array(z.string()).describe('A sentence for each guardrail an arm clearly harms.'),
    health: z.object({
      srm,
      progress: z.object({
        visitors: z.number().int().min(0),
        planned: z.number().nullable(),
        fraction: z.number().nullable(),
        daysRunning: z.number().int().min(0),
      }),
    }),
    headlines: z.array(z.object({ metric: z.enum(METRIC_NAMES), variant: z.string(), sentence: z.string(), verdict })),
    metrics: z.array(metricResult),
    disclosure: z.object({
      metric: z.enum(METRIC_NAMES),
      grid: z.object({
        analysis: z.enum(['factorial', 'pairwise', 'none']),
        cells: z.array(gridCell),
        contrasts: z.array(contrast),
        note: z.string(),
      }),
      nonInferiority: nonInferiority.nullable(),
      factors: factorModel,
    }),
    designs: designs.describe('Noticed against cost: each disclosure design\'s noticed share beside its cost on the primary metric, non-inferior at the margin or not.'),
    series: z.array(seriesPoint),
    distributions: distributionsSchema.describe('How each arm\'s visitors spread: trust answers 1–5, noticed yes/no, video marks reached.'),
    plannedEffect: z.number().describe('The relative lift the test is planned to detect.'),
    segments: segments.describe('Each segment dimension\'s levels, with corrected lifts and an interaction test.'),
    adjusted: adjusted.describe('Post-stratified estimates, beside the raw ones.'),
    revenueCap: revenueCap.nullable(),
    decisions: z.array(decision).describe('A plain decision for each arm on the primary and each guardrail metric.'),
    novelty: z.array(novelty).describe('Lift by days since first exposure (first conversions), for novelty or wear-out.'),
  })
  .describe('Everything the results page draws, in one document.')
  .meta({ id: 'ResultsDocument' });

export type ResultsDocument = z.infer<typeof resultsDocumentSchema>;
export type Freshness = z.infer<typeof freshnessSchema>;
/** What buildResults computes; the freshness is the route's, per answer (load-results.ts). */
export type BuiltResults = Omit<ResultsDocument, 'freshness'>;

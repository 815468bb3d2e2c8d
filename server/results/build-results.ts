// The results document (pure): from an experiment and its daily sums to every figure the
// dashboard draws. While an experiment runs, verdicts use the always-valid (peeking-safe)
// figures, with the fixed-horizon ones beside; once stopped, the fixed-horizon ones.
import type { Experiment, Variant } from '../experiments/model.js';
import { isLive } from '../experiments/status.js';
import type { MetricName } from '../experiments/vocabulary.js';
import { addSums, adjustPValues, analyseGrid, nonInferiority, plannedPairSize, sampleFromSums, sampleRatioMismatch, type Adjustment } from '../stats/index.js';
import { compareArms, summariseArm, type ArmComparison, type ArmSummary } from './compare.js';
import { headline, type Verdict } from './headline.js';
import { analysisKind, metricLabel, metricsToReport } from './metrics.js';
import { emptySums, VISITORS_METRIC, type ExperimentSums, type Sums } from './read-sums.js';
import { fixedHorizonTest, type AnalysisKind, type PValueTest } from './p-values.js';
import { buildSeries } from './series.js';

export interface ResultsOptions {
  alpha: number;
  adjustment: Adjustment;
  /** Non-inferiority margin on the relative lift, e.g. −0.05. */
  margin: number;
  now: number;
}

/** Without a planned sample size, always-valid intervals are tuned for this many visitors per pair. */
export const DEFAULT_TUNING_N = 10_000;

export function buildResults(experiment: Experiment, sums: ExperimentSums, options: ResultsOptions) {
  const control = experiment.variants.find((variant) => variant.control)!;
  const treatments = experiment.variants.filter((variant) => !variant.control);
  const running = isLive(experiment.status);
  const weights = experiment.variants.map((variant) => variant.weight);
  const sumsOf = (variant: Variant, metric: MetricName): Sums => sums.totals.get(variant.id)?.get(metric) ?? emptySums();
  const visitors = experiment.variants.map((variant) => sumsOf(variant, VISITORS_METRIC).n);
  const confidence = Math.round((1 - options.alpha) * 1000) / 10;
  const tuningN = (treatment: Variant) =>
    experiment.plannedSampleSize
      ? plannedPairSize(experiment.plannedSampleSize, weights, experiment.variants.indexOf(control), experiment.variants.indexOf(treatment))
      : DEFAULT_TUNING_N;

  const hasVideo = experiment.variants.some((variant) => variant.media.type === 'video');
  const imported = experiment.importedAt !== null;
  // An imported test measured only the metrics it mapped; the other metrics' sums are all 0.
  const measured = imported ? (Object.keys(experiment.metricLabels) as MetricName[]) : undefined;
  const metrics = metricsToReport(experiment.primaryMetric, experiment.guardrailMetrics, hasVideo, measured).map(({ metric, role }) => {
    const kind = analysisKind(metric);
    const arms = experiment.variants.map((variant) => ({ variant: variant.key, ...summariseArm(kind, sumsOf(variant, metric), options.alpha) }));
    const comparisons = treatments.map((treatment) => ({
      variant: treatment.key,
      // The Bayesian view costs ~1 ms a comparison (its expected loss is an integral): for the
      // metrics a decision rests on, not for every secondary one.
      ...compareArms(kind, sumsOf(control, metric), sumsOf(treatment, metric), { alpha: options.alpha, tuningN: tuningN(treatment), bayes: role !== 'secondary' }),
    }));
    return { metric, label: metricLabel(metric, experiment.metricLabels), role, kind, arms, comparisons };
  });

  // Holm (or BH) within each family: the primary metric's arms, the guardrails, the rest.
  const adjusted = new Map<object, number>();
  for (const role of ['primary', 'guardrail', 'secondary'] as const) {
    const family = metrics.filter((metric) => metric.role === role).flatMap((metric) => metric.comparisons.map((comparison) => ({ comparison, kind: metric.kind })));
    const pValues = family.map(({ comparison, kind }) => decisivePValue(comparison, kind, running).pValue);
    const { adjusted: values } = adjustPValues(pValues, options.adjustment, options.alpha);
    family.forEach(({ comparison }, index) => adjusted.set(comparison, values[index]!));
  }

  const reported = metrics.map((metric) => ({
    ...metric,
    comparisons: metric.comparisons.map((comparison) => {
      const { pValue, pValueTest, estimate } = decisivePValue(comparison, metric.kind, running);
      const adjustedPValue = adjusted.get(comparison) ?? NaN;
      const verdict = verdictOf(comparison, estimate, adjustedPValue, options.alpha, metric.arms);
      const interval = running && comparison.alwaysValid ? comparison.alwaysValid : comparison.relative;
      const treatment = experiment.variants.find((variant) => variant.key === comparison.variant)!;
      const sentence = headline({
        metricLabel: metric.label,
        treatment: treatment.name,
        control: control.name,
        estimate: comparison.relative.estimate,
        lower: interval.lower,
        upper: interval.upper,
        verdict,
        alwaysValid: running && comparison.alwaysValid !== null,
        running,
        confidence,
      });
      return { ...comparison, pValue, pValueTest, adjustedPValue, verdict, sentence };
    }),
  }));

  const primary = reported[0]!;
  const primaryKind = analysisKind(experiment.primaryMetric);
  const gridKind = primaryKind === 'ratio' ? 'continuous' : primaryKind;
  const planned = experiment.plannedSampleSize;
  const total = visitors.reduce((a, b) => a + b, 0);
  return {
    experiment: {
      id: experiment.id,
      key: experiment.key,
      name: experiment.name,
      status: experiment.status,
      primaryMetric: experiment.primaryMetric,
      guardrailMetrics: experiment.guardrailMetrics,
      startedAt: experiment.startedAt,
      stoppedAt: experiment.stoppedAt,
      imported,
      importedAt: experiment.importedAt,
    },
    generatedAt: options.now,
    alpha: options.alpha,
    adjustment: options.adjustment,
    peekingSafe: running,
    variants: experiment.variants.map((variant, index) => ({
      key: variant.key,
      name: variant.name,
      origin: variant.origin,
      disclosure: variant.disclosure.style,
      control: variant.control,
      weight: variant.weight,
      visitors: visitors[index]!,
    })),
    health: {
      srm: sampleRatioMismatch(visitors, weights),
      progress: {
        visitors: total,
        planned,
        fraction: planned ? Math.min(1, total / planned) : null,
        daysRunning: experiment.startedAt === null ? 0 : Math.floor(((experiment.stoppedAt ?? options.now) - experiment.startedAt) / 86_400_000),
      },
    },
    headlines: reported.filter((metric) => metric.role !== 'secondary').flatMap((metric) => metric.comparisons.map((comparison) => ({ metric: metric.metric, variant: comparison.variant, sentence: comparison.sentence, verdict: comparison.verdict }))),
    metrics: reported,
    disclosure: {
      metric: experiment.primaryMetric,
      grid: analyseGrid(
        experiment.variants.map((variant) => ({
          key: variant.key,
          origin: variant.origin,
          disclosed: variant.disclosure.style !== 'none',
          sample: sampleFromSums(sumsOf(variant, primaryKind === 'ratio' ? 'clicked' : experiment.primaryMetric)),
        })),
        { kind: gridKind, alpha: options.alpha },
      ),
      nonInferiority: disclosureCost(experiment, sumsOf, gridKind, options),
    },
    series: buildSeries(experiment, sums, primaryKind, { alpha: options.alpha, tuningN }),
  };
}

/**
 * The p-value a comparison reports and adjusts, the test that made it, and the estimate whose sign
 * a clear verdict takes: while running, the always-valid test of the relative lift; otherwise the
 * fixed-horizon test of the difference the README names for the metric's kind.
 */
function decisivePValue(comparison: ArmComparison, kind: AnalysisKind, running: boolean): { pValue: number; pValueTest: PValueTest; estimate: number } {
  if (running && comparison.alwaysValid) return { pValue: comparison.alwaysValid.pValue, pValueTest: 'always-valid', estimate: comparison.relative.estimate };
  return { pValue: comparison.absolute.pValue, pValueTest: fixedHorizonTest(kind), estimate: comparison.absolute.estimate };
}

/** Clear exactly when the adjusted p-value shown beside it is below alpha; its direction is the estimate's. */
function verdictOf(comparison: ArmComparison, estimate: number, adjustedPValue: number, alpha: number, arms: ArmSummary[]): Verdict {
  if (arms.some((arm) => arm.n === 0) || !Number.isFinite(comparison.relative.estimate)) return 'no-data';
  if (!(adjustedPValue < alpha)) return 'inconclusive';
  if (estimate > 0) return 'better';
  if (estimate < 0) return 'worse';
  return 'inconclusive';
}

/**
 * "Does disclosing cost us less than the margin?": the AI-made arms with a disclosure against
 * those without, each side pooled; null when the arms do not hold both.
 */
function disclosureCost(experiment: Experiment, sumsOf: (variant: Variant, metric: MetricName) => Sums, kind: 'binary' | 'continuous', options: ResultsOptions) {
  const metric = analysisKind(experiment.primaryMetric) === 'ratio' ? 'clicked' : experiment.primaryMetric;
  const aiMade = experiment.variants.filter((variant) => variant.origin !== 'traditional');
  const disclosed = aiMade.filter((variant) => variant.disclosure.style !== 'none');
  const undisclosed = aiMade.filter((variant) => variant.disclosure.style === 'none');
  if (disclosed.length === 0 || undisclosed.length === 0) return null;
  const pool = (variants: Variant[]) => sampleFromSums(addSums(variants.map((variant) => sumsOf(variant, metric))));
  return {
    metric,
    disclosed: disclosed.map((variant) => variant.key),
    undisclosed: undisclosed.map((variant) => variant.key),
    ...nonInferiority(pool(undisclosed), pool(disclosed), { kind, margin: options.margin, alpha: options.alpha }),
  };
}

export type ResultsDocument = ReturnType<typeof buildResults>;

// The metrics section: for each metric worth reporting, every arm's figure and each treatment
// against the control, its p-value adjusted within its family (Holm or BH over the primary
// metric's arms, the guardrails, the rest), its verdict and its sentence.
import type { Experiment, Variant } from '../experiments/model.js';
import { adjustPValues } from '../stats/index.js';
import { compareArms, summariseArm, type ArmComparison, type ArmSummary } from './compare.js';
import { headline, type Verdict } from './headline.js';
import { analysisKind, metricLabel, metricsToReport } from './metrics.js';
import { fixedHorizonTest, type AnalysisKind, type PValueTest } from './p-values.js';
import type { ResultsContext } from './results-context.js';

export function buildMetricResults(context: ResultsContext) {
  const { experiment, control, treatments, options, running, sumsOf } = context;
  const hasVideo = experiment.variants.some((variant) => variant.media.type === 'video');
  // An imported test measured only the metrics it mapped; the other metrics' sums are all 0.
  const measured = context.imported ? (Object.keys(experiment.metricLabels) as Experiment['primaryMetric'][]) : undefined;
  // Capped revenue has no figures without a cap: not worth a row (nor a test in the family) then.
  const reported = metricsToReport(experiment.primaryMetric, experiment.guardrailMetrics, hasVideo, measured).filter(
    ({ metric, role }) => metric !== 'revenue_capped' || role !== 'secondary' || experiment.revenueCap !== null,
  );
  const metrics = reported.map(({ metric, role }) => {
    const kind = analysisKind(metric);
    const arms = experiment.variants.map((variant) => ({ variant: variant.key, ...summariseArm(kind, sumsOf(variant, metric), options.alpha) }));
    const comparisons = treatments.map((treatment) => ({
      variant: treatment.key,
      // The Bayesian view costs ~1 ms a comparison (its expected loss is an integral): for the
      // metrics a decision rests on, not for every secondary one.
      ...compareArms(kind, sumsOf(control, metric), sumsOf(treatment, metric), { alpha: options.alpha, tuningN: context.tuningN(treatment), bayes: role !== 'secondary' }),
    }));
    return { metric, label: metricLabel(metric, experiment.metricLabels), role, kind, arms, comparisons };
  });

  const adjusted = new Map<object, number>();
  for (const role of ['primary', 'guardrail', 'secondary'] as const) {
    const family = metrics.filter((metric) => metric.role === role).flatMap((metric) => metric.comparisons.map((comparison) => ({ comparison, kind: metric.kind })));
    const pValues = family.map(({ comparison, kind }) => decisivePValue(comparison, kind, running).pValue);
    const { adjusted: values } = adjustPValues(pValues, options.adjustment, options.alpha);
    family.forEach(({ comparison }, index) => adjusted.set(comparison, values[index]!));
  }

  const nameOf = (key: string): Variant => experiment.variants.find((variant) => variant.key === key)!;
  return metrics.map((metric) => ({
    ...metric,
    comparisons: metric.comparisons.map((comparison) => {
      const { pValue, pValueTest, estimate } = decisivePValue(comparison, metric.kind, running);
      const adjustedPValue = adjusted.get(comparison) ?? NaN;
      const verdict = verdictOf(comparison, estimate, adjustedPValue, options.alpha, metric.arms);
      const interval = running && comparison.alwaysValid ? comparison.alwaysValid : comparison.relative;
      const sentence = headline({
        metricLabel: metric.label,
        treatment: nameOf(comparison.variant).name,
        control: control.name,
        estimate: comparison.relative.estimate,
        lower: interval.lower,
        upper: interval.upper,
        verdict,
        alwaysValid: running && comparison.alwaysValid !== null,
        running,
        confidence: context.confidence,
      });
      return { ...comparison, pValue, pValueTest, adjustedPValue, verdict, sentence };
    }),
  }));
}

export type MetricResults = ReturnType<typeof buildMetricResults>;

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

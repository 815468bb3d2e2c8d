// The decisions section: for each arm, on the primary metric and on each guardrail, what a shop
// owner should do, in plain words. It rests on the verdicts the metrics section already gives
// (always-valid while the experiment is live, fixed-horizon once it stopped) and on the planned
// effect: an interval that excludes the planned effect either way means "no difference worth
// waiting for"; otherwise a live test is told about how many more days, at its own traffic, the
// planned effect needs for 80% power. The Bayesian expected loss is given beside, in words.
import type { Variant } from '../experiments/model.js';
import { sampleFromSums, sampleMean, sampleSizeMeans, sampleSizePerArm, sampleVariance } from '../stats/index.js';
import { DAY_MS } from '../collect/vocabulary.js';
import type { MetricResults } from './metric-results.js';
import { formatMetricValue } from './metric-values.js';
import type { ResultsContext } from './results-context.js';

export type DecisionKind = 'ship' | 'keep-control' | 'keep-running' | 'no-difference' | 'inconclusive' | 'no-data';

export interface Decision {
  metric: MetricResults[number]['metric'];
  role: 'primary' | 'guardrail';
  variant: string;
  decision: DecisionKind;
  sentence: string;
  basis: 'always-valid' | 'fixed-horizon';
  daysMore: number | null;
  expectedLoss: { treatment: number | null; control: number | null };
  lossSentence: string;
}

/** The power the "keep running" estimate aims for. */
export const DECISION_POWER = 0.8;

export function buildDecisions(context: ResultsContext, metrics: MetricResults, plannedEffect: number): Decision[] {
  const { experiment, control, running, sumsOf, visitors } = context;
  const effect = Math.abs(plannedEffect);
  const daysSoFar = daysOfTraffic(context);
  const decisions: Decision[] = [];
  for (const metric of metrics) {
    if (metric.role === 'secondary') continue;
    // The control's rate or mean and the planned effect fix the visitors needed: once per metric.
    let needed: number | null | undefined;
    for (const comparison of metric.comparisons) {
      const treatment = experiment.variants.find((variant) => variant.key === comparison.variant)!;
      const interval = running && comparison.alwaysValid ? comparison.alwaysValid : comparison.relative;
      const basis = running && comparison.alwaysValid ? 'always-valid' : 'fixed-horizon';
      const pairVisitors = Math.min(visitors[experiment.variants.indexOf(control)]!, visitors[experiment.variants.indexOf(treatment)]!);
      const pairDaily = daysSoFar > 0 ? pairVisitors / daysSoFar : 0;
      let kind: DecisionKind;
      let daysMore: number | null = null;
      if (comparison.verdict === 'no-data') kind = 'no-data';
      else if (comparison.verdict === 'better') kind = 'ship';
      else if (comparison.verdict === 'worse') kind = 'keep-control';
      else if (interval.lower !== null && interval.upper !== null && interval.lower > -effect && interval.upper < effect) kind = 'no-difference';
      else if (running) {
        kind = 'keep-running';
        if (needed === undefined) needed = visitorsPerArmNeeded(metric.kind, sumsOf(control, metric.metric), effect);
        daysMore = needed === null || pairDaily <= 0 ? null : Math.max(1, Math.ceil((needed - pairVisitors) / pairDaily));
      } else kind = 'inconclusive';
      const words = { treatment: treatment.name, control: control.name, metric: metric.label, effect, daysMore, role: metric.role as 'primary' | 'guardrail' };
      decisions.push({
        metric: metric.metric,
        role: metric.role as 'primary' | 'guardrail',
        variant: comparison.variant,
        decision: kind,
        sentence: decisionSentence(kind, words),
        basis,
        daysMore,
        expectedLoss: { treatment: comparison.expectedLoss, control: comparison.expectedLossControl },
        lossSentence: lossSentence(comparison.expectedLoss, comparison.expectedLossControl, metric.metric, treatment, control),
      });
    }
  }
  return decisions;
}

/** Whole days the experiment has taken visitors, at least one once it has any. */
function daysOfTraffic({ experiment, options }: ResultsContext): number {
  if (experiment.startedAt === null) return 0;
  return Math.max(1, ((experiment.stoppedAt ?? options.now) - experiment.startedAt) / DAY_MS);
}

/** Visitors per arm for 80% power on the planned relative effect at the control's observed rate or mean; null when unknown. */
function visitorsPerArmNeeded(kind: MetricResults[number]['kind'], controlSums: Parameters<typeof sampleFromSums>[0], effect: number): number | null {
  const sample = sampleFromSums(controlSums);
  if (sample.n < 2 || effect === 0) return null;
  if (kind === 'binary') {
    const plan = sampleSizePerArm({ baseline: sample.sum / sample.n, relativeEffect: effect, power: DECISION_POWER });
    return Number.isFinite(plan.perArm) ? plan.perArm : null;
  }
  if (kind === 'continuous') {
    // Rounded up to whole visitors and read as "about N days": a millionth is close enough, and
    // a fifth of the noncentral t evaluations of the exact solution (5 ms → about 1 ms).
    const plan = sampleSizeMeans({ mean: sampleMean(sample), sd: Math.sqrt(sampleVariance(sample)), relativeEffect: effect, power: DECISION_POWER, relativeTolerance: 1e-6 });
    return Number.isFinite(plan.perArm) ? plan.perArm : null;
  }
  return null;
}

interface DecisionWords {
  treatment: string;
  control: string;
  metric: string;
  effect: number;
  daysMore: number | null;
  role: 'primary' | 'guardrail';
}

export function decisionSentence(kind: DecisionKind, words: DecisionWords): string {
  const { treatment, control, metric } = words;
  const planned = `${Math.round(words.effect * 1000) / 10}%`;
  switch (kind) {
    case 'ship':
      return words.role === 'primary' ? `“${treatment}” wins on ${metric}.` : `“${treatment}” does no harm on ${metric}: it does better than “${control}”.`;
    case 'keep-control':
      return words.role === 'primary'
        ? `Keep “${control}”: “${treatment}” does worse on ${metric}.`
        : `Keep “${control}”: “${treatment}” harms ${metric}.`;
    case 'no-difference':
      return `No difference worth waiting for on ${metric}: “${treatment}” moves it by less than the planned ${planned} either way.`;
    case 'keep-running':
      return words.daysMore === null
        ? `Keep running: ${metric} cannot tell “${treatment}” from “${control}” yet.`
        : `Keep running: about ${words.daysMore} more ${words.daysMore === 1 ? 'day' : 'days'} at this shop's traffic for 80% power on a ${planned} change in ${metric}.`;
    case 'inconclusive':
      return `The test stopped before ${metric} could tell “${treatment}” from “${control}”: neither a clear change nor clearly less than ${planned}.`;
    case 'no-data':
      return `Not enough data on ${metric} to decide about “${treatment}” yet.`;
  }
}

function lossSentence(treatmentLoss: number | null, controlLoss: number | null, metric: MetricResults[number]['metric'], treatment: Variant, control: Variant): string {
  if (treatmentLoss === null || controlLoss === null || !Number.isFinite(treatmentLoss) || !Number.isFinite(controlLoss)) return 'No Bayesian view for this metric.';
  return (
    `Choosing “${treatment.name}” risks losing ${formatMetricValue(metric, treatmentLoss)} per visitor on average if it is in fact worse; ` +
    `keeping “${control.name}” risks ${formatMetricValue(metric, controlLoss)}.`
  );
}

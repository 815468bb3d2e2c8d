// One metric, one arm against the control: the fixed-horizon figures (absolute and relative),
// the always-valid ones, and the Bayesian view, whatever the metric's kind.
import type { Sums } from './read-sums.js';
import {
  bayesMeans,
  bayesProportions,
  compareProportions,
  compareRatios,
  meanInterval,
  ratioInterval,
  sampleFromSums,
  sequentialCompare,
  welchTest,
  wilsonInterval,
  type Effect,
  type Interval,
} from '../stats/index.js';

import type { AnalysisKind } from './p-values.js';

export type { AnalysisKind };

export interface ArmSummary extends Interval {
  n: number;
}

export interface ArmComparison {
  absolute: Effect;
  relative: Effect;
  /** Always-valid (peeking-safe) interval and p-value of the relative lift; null for ratio metrics. */
  alwaysValid: { lower: number; upper: number; pValue: number } | null;
  chanceToBeat: number | null;
  /** What choosing the treatment loses on average if it is worse, in the metric's units. */
  expectedLoss: number | null;
  /** What keeping the control loses on average if the treatment is better. */
  expectedLossControl: number | null;
}

export function summariseArm(kind: AnalysisKind, sums: Sums, alpha: number): ArmSummary {
  if (kind === 'binary') {
    const { n, estimate, lower, upper } = wilsonInterval(sampleFromSums(sums), alpha);
    return { n, estimate, lower, upper };
  }
  if (kind === 'ratio') {
    const { n, estimate, lower, upper } = ratioInterval(sums, alpha);
    return { n, estimate, lower, upper };
  }
  const { n, estimate, lower, upper } = meanInterval(sampleFromSums(sums), alpha);
  return { n, estimate, lower, upper };
}

export function compareArms(kind: AnalysisKind, control: Sums, treatment: Sums, options: { alpha: number; tuningN: number; bayes?: boolean }): ArmComparison {
  if (kind === 'ratio') {
    const { difference, relativeLift } = compareRatios(control, treatment, options.alpha);
    return { absolute: difference, relative: relativeLift, alwaysValid: null, chanceToBeat: null, expectedLoss: null, expectedLossControl: null };
  }
  const c = sampleFromSums(control);
  const t = sampleFromSums(treatment);
  const fixed = kind === 'binary' ? compareProportions(c, t, options.alpha) : welchTest(c, t, options.alpha);
  const sequential = sequentialCompare(c, t, kind, { tuningN: options.tuningN, alpha: options.alpha });
  const bayes = options.bayes !== false && c.n > 0 && t.n > 0 ? (kind === 'binary' ? bayesProportions(c, t) : bayesMeans(c, t)) : null;
  const { lower, upper, pValue } = sequential.relativeLift;
  return {
    absolute: fixed.difference,
    relative: fixed.relativeLift,
    alwaysValid: { lower, upper, pValue },
    chanceToBeat: bayes ? bayes.chanceToBeat : null,
    expectedLoss: bayes ? bayes.expectedLoss : null,
    expectedLossControl: bayes ? bayes.expectedLossControl : null,
  };
}

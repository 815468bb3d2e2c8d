// Normal-theory inference for an estimate with a known variance, and the first-order delta method
// for a relative lift (treatment/control − 1) of two independent means (Casella & Berger,
// Statistical Inference, 2nd ed., §5.5.4; Deng, Knoblich & Lu, "Applying the Delta Method in
// Metric Analytics", KDD 2018).
import { normalCdf, normalIsf } from './distributions.js';
import type { ArmMoments } from './moments.js';
import { DEFAULT_ALPHA, type Effect } from './types.js';

/**
 * estimate ± z(1−α/2)·√variance with a two-sided z-test of zero. Edge cases: a NaN variance gives
 * NaN interval and p-value; a zero variance gives the degenerate interval [estimate, estimate]
 * and p = 0 when the estimate is not 0 (statistic ±∞), NaN when it is.
 */
export function normalEffect(estimate: number, variance: number, alpha = DEFAULT_ALPHA): Effect {
  const standardError = Math.sqrt(variance);
  const half = normalIsf(alpha / 2) * standardError;
  const statistic = standardError === 0 && estimate === 0 ? NaN : estimate / standardError;
  const pValue = Number.isNaN(statistic) ? NaN : 2 * normalCdf(-Math.abs(statistic));
  return { estimate, standardError, lower: estimate - half, upper: estimate + half, statistic, pValue };
}

/** Variance of mT/mC by the first-order delta method for independent arms. */
export function relativeLiftVariance(control: ArmMoments, treatment: ArmMoments): number {
  const mc = control.mean;
  return treatment.varianceOfMean / (mc * mc) + (treatment.mean * treatment.mean * control.varianceOfMean) / (mc * mc * mc * mc);
}

/**
 * Relative lift treatment/control − 1 with a delta-method interval and z-test; every field NaN
 * when the control mean is 0 or undefined.
 */
export function relativeLift(control: ArmMoments, treatment: ArmMoments, alpha = DEFAULT_ALPHA): Effect {
  if (!(control.mean !== 0 && Number.isFinite(control.mean))) {
    return { estimate: NaN, standardError: NaN, lower: NaN, upper: NaN, statistic: NaN, pValue: NaN };
  }
  return normalEffect(treatment.mean / control.mean - 1, relativeLiftVariance(control, treatment), alpha);
}

// Continuous metrics (revenue, watch %, trust score): the mean with a t interval, and Welch's
// unequal-variance t-test with Welch–Satterthwaite degrees of freedom for the difference
// (B. L. Welch, Biometrika 1947; as scipy.stats.ttest_ind(equal_var=False)); relative lift by the
// delta method (effects.ts), with a normal interval.
import { tCdf, tIsf } from './distributions.js';
import { relativeLift } from './effects.js';
import { armMoments, sampleMean, sampleVariance } from './moments.js';
import { DEFAULT_ALPHA, type Effect, type Interval, type Sample } from './types.js';

export interface MeanSummary extends Interval {
  n: number;
  /** Unbiased sample variance of the per-visitor values. */
  variance: number;
  standardError: number;
}

/**
 * The mean with its t interval (n − 1 degrees of freedom). n = 0: all NaN; n = 1: the mean, NaN
 * variance and interval; zero variance: the degenerate interval [mean, mean].
 */
export function meanInterval(sample: Sample, alpha = DEFAULT_ALPHA): MeanSummary {
  const estimate = sampleMean(sample);
  const variance = sampleVariance(sample);
  const standardError = Math.sqrt(variance / sample.n);
  const half = standardError === 0 ? 0 : tIsf(alpha / 2, sample.n - 1) * standardError;
  return { n: sample.n, estimate, variance, standardError, lower: estimate - half, upper: estimate + half };
}

export interface WelchDifference extends Effect {
  /** Welch–Satterthwaite degrees of freedom (NaN when neither arm varies). */
  df: number;
}

export interface MeanComparison {
  control: MeanSummary;
  treatment: MeanSummary;
  /** treatment − control with Welch's t interval and test. */
  difference: WelchDifference;
  relativeLift: Effect;
}

/**
 * Welch's t-test of treatment − control. Either arm with n < 2: NaN test and interval. Neither arm
 * varying: degenerate interval [d, d], statistic ±∞ and p = 0 when d ≠ 0, NaN when d = 0.
 */
export function welchTest(control: Sample, treatment: Sample, alpha = DEFAULT_ALPHA): MeanComparison {
  const c = armMoments(control, 'continuous');
  const t = armMoments(treatment, 'continuous');
  const estimate = t.mean - c.mean;
  const vc = c.varianceOfMean;
  const vt = t.varianceOfMean;
  const variance = vc + vt;
  const standardError = Math.sqrt(variance);
  const df = (variance * variance) / ((vc * vc) / (control.n - 1) + (vt * vt) / (treatment.n - 1));
  let statistic = estimate / standardError;
  let pValue = 2 * tCdf(-Math.abs(statistic), df);
  let half = tIsf(alpha / 2, df) * standardError;
  if (standardError === 0) {
    statistic = estimate === 0 ? NaN : estimate / 0;
    pValue = estimate === 0 ? NaN : 0;
    half = 0;
  }
  return {
    control: meanInterval(control, alpha),
    treatment: meanInterval(treatment, alpha),
    difference: { estimate, standardError, df, statistic, pValue, lower: estimate - half, upper: estimate + half },
    relativeLift: relativeLift(c, t, alpha),
  };
}

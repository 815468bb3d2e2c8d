// Ratio metrics (clicks per exposure: Σx/Σy over visitors, the visitor being the unit that was
// randomised): the delta method for each arm's ratio, then the difference and the relative lift of
// two independent arms with normal intervals (Deng, Knoblich & Lu, "Applying the Delta Method in
// Metric Analytics", KDD 2018, §3; Casella & Berger §5.5.4).
import { normalIsf } from './distributions.js';
import { normalEffect, relativeLift } from './effects.js';
import type { ArmMoments } from './moments.js';
import { DEFAULT_ALPHA, type Effect, type Interval, type Sums } from './types.js';

export interface RatioSummary extends Interval {
  n: number;
  standardError: number;
}

/**
 * The ratio x̄/ȳ and the delta-method variance of it,
 * (s_x² − 2R·s_xy + R²·s_y²) / (n·ȳ²), with unbiased (n − 1) sample moments.
 * NaN ratio when Σy = 0; NaN variance when n < 2.
 */
export function ratioMoments(sample: Sums): ArmMoments {
  const { n, sumX, sumY, sumX2, sumY2, sumXy } = sample;
  const meanX = sumX / n;
  const meanY = sumY / n;
  const ratio = sumY !== 0 ? sumX / sumY : NaN;
  if (!(n >= 2) || Number.isNaN(ratio)) return { n, mean: ratio, varianceOfMean: NaN };
  const varX = (sumX2 - meanX * sumX) / (n - 1);
  const varY = (sumY2 - meanY * sumY) / (n - 1);
  const covXY = (sumXy - meanX * sumY) / (n - 1);
  const variance = (varX - 2 * ratio * covXY + ratio * ratio * varY) / (n * meanY * meanY);
  return { n, mean: ratio, varianceOfMean: Math.max(0, variance) };
}

export function ratioInterval(sample: Sums, alpha = DEFAULT_ALPHA): RatioSummary {
  const m = ratioMoments(sample);
  const standardError = Math.sqrt(m.varianceOfMean);
  const half = normalIsf(alpha / 2) * standardError;
  return { n: m.n, estimate: m.mean, standardError, lower: m.mean - half, upper: m.mean + half };
}

export interface RatioComparison {
  control: RatioSummary;
  treatment: RatioSummary;
  /** treatment − control, z interval and test (see normalEffect for the edge cases). */
  difference: Effect;
  relativeLift: Effect;
}

export function compareRatios(control: Sums, treatment: Sums, alpha = DEFAULT_ALPHA): RatioComparison {
  const c = ratioMoments(control);
  const t = ratioMoments(treatment);
  return {
    control: ratioInterval(control, alpha),
    treatment: ratioInterval(treatment, alpha),
    difference: normalEffect(t.mean - c.mean, c.varianceOfMean + t.varianceOfMean, alpha),
    relativeLift: relativeLift(c, t, alpha),
  };
}

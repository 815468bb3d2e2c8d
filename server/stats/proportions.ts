// Binary metrics (a rate per visitor). Rate: Wilson score interval (E. B. Wilson, JASA 1927; as
// statsmodels' proportion_confint(method="wilson")). Difference: pooled two-proportion z-test for
// the p-value (statsmodels' proportions_ztest) and the unpooled Wald interval for the absolute
// difference (confint_proportions_2indep(method="wald")); relative lift by the delta method.
import { normalCdf, normalIsf } from './distributions.js';
import { normalEffect, relativeLift } from './effects.js';
import { armMoments } from './moments.js';
import { DEFAULT_ALPHA, type Effect, type Interval, type Sample } from './types.js';

export interface Rate extends Interval {
  n: number;
  conversions: number;
}

/**
 * The conversion rate with its Wilson interval, clamped to [0, 1]. With n = 0 the estimate is NaN
 * and the interval the whole [0, 1]; with no or all conversions one end is exactly 0 or 1.
 */
export function wilsonInterval(sample: Sample, alpha = DEFAULT_ALPHA): Rate {
  const { n, sum: conversions } = sample;
  if (!(n > 0)) return { n, conversions, estimate: NaN, lower: 0, upper: 1 };
  const z = normalIsf(alpha / 2);
  const z2 = z * z;
  const p = conversions / n;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  const lower = conversions === 0 ? 0 : Math.max(0, center - half);
  const upper = conversions === n ? 1 : Math.min(1, center + half);
  return { n, conversions, estimate: p, lower, upper };
}

export interface ProportionComparison {
  control: Rate;
  treatment: Rate;
  /**
   * treatment − control: standardError and lower/upper are the unpooled Wald figures; statistic and
   * pValue are the pooled z-test's. The p-value is NaN when either arm is empty or when neither arm
   * varies (no conversions at all, or all converted); the interval is degenerate when both arms
   * sit at 0% or 100%.
   */
  difference: Effect;
  /** treatment/control − 1 by the delta method; NaN fields when the control rate is 0. */
  relativeLift: Effect;
}

/** Pooled two-proportion z statistic and two-sided p-value. */
export function pooledZTest(control: Sample, treatment: Sample): { statistic: number; pValue: number } {
  const pooled = (control.sum + treatment.sum) / (control.n + treatment.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / control.n + 1 / treatment.n));
  const difference = treatment.sum / treatment.n - control.sum / control.n;
  if (!(se > 0)) return { statistic: NaN, pValue: NaN };
  const statistic = difference / se;
  return { statistic, pValue: 2 * normalCdf(-Math.abs(statistic)) };
}

export function compareProportions(control: Sample, treatment: Sample, alpha = DEFAULT_ALPHA): ProportionComparison {
  const c = armMoments(control, 'binary');
  const t = armMoments(treatment, 'binary');
  const wald = normalEffect(t.mean - c.mean, c.varianceOfMean + t.varianceOfMean, alpha);
  const pooled = pooledZTest(control, treatment);
  return {
    control: wilsonInterval(control, alpha),
    treatment: wilsonInterval(treatment, alpha),
    difference: { ...wald, statistic: pooled.statistic, pValue: pooled.pValue },
    relativeLift: relativeLift(c, t, alpha),
  };
}

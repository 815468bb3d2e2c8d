// Does an effect differ between the levels of a segment? Cochran's Q: the inverse-variance
// weighted sum of squared deviations of the levels' effects from their weighted mean, χ² with
// levels − 1 degrees of freedom under "the same effect everywhere" (W. G. Cochran, "The
// combination of estimates from different experiments", Biometrics 10, 1954; the Q of
// statsmodels' combine_effects). The levels' effects are independent (disjoint visitors).
import { chi2Sf } from './distributions.js';

export interface HeterogeneityTest {
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * Cochran's Q over the levels' absolute effects. Levels with a non-finite estimate or a zero or
 * non-finite standard error are left out; with fewer than two left, statistic and p are NaN.
 */
export function heterogeneityTest(effects: readonly { estimate: number; standardError: number }[]): HeterogeneityTest {
  const usable = effects.filter((e) => Number.isFinite(e.estimate) && Number.isFinite(e.standardError) && e.standardError > 0);
  const df = Math.max(usable.length - 1, 0);
  if (usable.length < 2) return { statistic: NaN, df, pValue: NaN };
  let weightSum = 0;
  let weighted = 0;
  for (const e of usable) {
    const w = 1 / e.standardError ** 2;
    weightSum += w;
    weighted += w * e.estimate;
  }
  const mean = weighted / weightSum;
  let statistic = 0;
  for (const e of usable) statistic += ((e.estimate - mean) / e.standardError) ** 2;
  return { statistic, df, pValue: chi2Sf(statistic, df) };
}

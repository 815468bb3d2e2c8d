// Sample ratio mismatch: Pearson's χ² goodness-of-fit test of the visitors each arm received
// against the configured weights (as scipy.stats.chisquare; Fabijan et al., "Diagnosing Sample
// Ratio Mismatch in Online Controlled Experiments", KDD 2019). Flagged at p < 0.001, and only once
// every arm has at least 8 visitors, so small early counts raise no alarm.
import { chi2Sf } from './distributions.js';

export interface SrmOptions {
  /** p-value below which the split is flagged; default 0.001. */
  threshold?: number;
  /** Visitors every arm needs before a flag is raised; default 8. */
  minPerArm?: number;
}

export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  /** Visitors each arm should have had under the weights, in the input order. */
  expected: number[];
  /** Every arm with a positive weight has at least minPerArm visitors. */
  enoughData: boolean;
  /** enoughData and pValue < threshold. */
  mismatch: boolean;
}

/**
 * counts[i] visitors against weights[i] (any positive scale). Arms with weight 0 expect nobody:
 * they leave the test when empty and make χ² infinite (p = 0) when not. No visitors, fewer than
 * two weighted arms, or counts and weights of different lengths: NaN statistic and p, no flag.
 */
export function sampleRatioMismatch(counts: readonly number[], weights: readonly number[], options: SrmOptions = {}): SrmResult {
  const threshold = options.threshold ?? 0.001;
  const minPerArm = options.minPerArm ?? 8;
  const total = counts.reduce((a, b) => a + b, 0);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / weightTotal);
  const weighted = weights.filter((w) => w > 0).length;
  if (counts.length !== weights.length || !(total > 0) || !(weightTotal > 0) || weighted < 2) {
    return { chiSquare: NaN, df: NaN, pValue: NaN, expected, enoughData: false, mismatch: false };
  }
  let chiSquare = 0;
  let enoughData = true;
  counts.forEach((observed, i) => {
    const e = expected[i] ?? 0;
    if (e > 0) {
      chiSquare += ((observed - e) * (observed - e)) / e;
      if (observed < minPerArm) enoughData = false;
    } else if (observed > 0) {
      chiSquare = Infinity;
    }
  });
  const df = weighted - 1;
  const pValue = chi2Sf(chiSquare, df);
  return { chiSquare, df, pValue, expected, enoughData, mismatch: enoughData && pValue < threshold };
}

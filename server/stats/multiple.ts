// Multiple comparisons over several arms and metrics: Holm's step-down adjustment, controlling the
// family-wise error rate (S. Holm, Scand. J. Statistics 1979), and Benjamini–Hochberg's step-up
// adjustment, controlling the false discovery rate (JRSS B 1995); as statsmodels'
// multipletests(method="holm" | "fdr_bh").

export type Adjustment = 'holm' | 'benjamini-hochberg' | 'none';

export interface AdjustedPValues {
  method: Adjustment;
  /** Adjusted p-values in the input order; NaN where the input was NaN. */
  adjusted: number[];
  /** adjusted < alpha. */
  rejected: boolean[];
}

/** Indices of the non-NaN p-values, smallest p first (stable for ties). */
function ascending(pValues: readonly number[]): number[] {
  return pValues
    .map((p, i) => i)
    .filter((i) => !Number.isNaN(pValues[i]))
    .sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
}

/** Holm: the i-th smallest of m p-values becomes max over j ≤ i of min(1, (m − j + 1)·p_(j)). NaN p-values are left out of m. */
export function holm(pValues: readonly number[]): number[] {
  const order = ascending(pValues);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * (pValues[index] as number)));
    adjusted[index] = running;
  });
  return adjusted;
}

/** Benjamini–Hochberg: the i-th smallest becomes min over j ≥ i of min(1, m·p_(j)/j). NaN p-values are left out of m. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const order = ascending(pValues);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] as number;
    running = Math.min(running, (m * (pValues[index] as number)) / (rank + 1));
    adjusted[index] = running;
  }
  return adjusted;
}

export function adjustPValues(pValues: readonly number[], method: Adjustment = 'holm', alpha = 0.05): AdjustedPValues {
  const adjusted = method === 'holm' ? holm(pValues) : method === 'benjamini-hochberg' ? benjaminiHochberg(pValues) : [...pValues];
  return { method, adjusted, rejected: adjusted.map((p) => p < alpha) };
}

// The p-th percentile of a sample (pure), by linear interpolation between the closest ranks:
// numpy's default (method 'linear') and R's type 7, so a cap can be checked against either.

/** p in [0, 100]; values in any order (they are not changed). NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = ((sorted.length - 1) * p) / 100;
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (rank - below) * (sorted[above]! - sorted[below]!);
}

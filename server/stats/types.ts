// The shapes every statistics function takes and returns: per-arm sufficient statistics in, plain
// objects with named fields out. NaN marks a figure the data cannot give (n too small, no variance).

/**
 * One arm's sums for a per-visitor metric: n visitors, Σx and Σx². For a binary metric
 * sum = sumSquares = the number of visitors who converted.
 */
export interface Sample {
  n: number;
  sum: number;
  sumSquares: number;
}

/**
 * One arm's running sums for a metric, as the daily sums store them (one name from the database
 * to the statistics): n visitors, Σx, Σx², and for a ratio metric Σx / Σy (clicks per exposure:
 * x = clicks, y = exposures of each visitor) Σy, Σy² and the cross-product Σxy the delta method
 * needs. `sumXy` is spelled as the column sum_xy maps to in camelCase.
 */
export interface Sums {
  n: number;
  sumX: number;
  sumX2: number;
  sumY: number;
  sumY2: number;
  sumXy: number;
}

/** A point estimate with a two-sided interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/** An estimate with its standard error, interval and the test of "no effect" (normal or t). */
export interface Effect extends Interval {
  standardError: number;
  /** The test statistic (z or t) for a zero effect. */
  statistic: number;
  pValue: number;
}

/** How a metric's per-visitor values are distributed; decides the variance of an arm's mean. */
export type MetricKind = 'binary' | 'continuous';

export const DEFAULT_ALPHA = 0.05;

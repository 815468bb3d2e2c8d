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
 * One arm's sums for a ratio metric Σx / Σy over n visitors (clicks per exposure: x = clicks,
 * y = exposures of each visitor), with the cross-products the delta method needs.
 */
export interface RatioSample {
  n: number;
  sumX: number;
  sumY: number;
  sumX2: number;
  sumY2: number;
  sumXY: number;
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

// An arm's mean and the variance of that mean, from its sufficient statistics (n, Σx, Σx²).
// Binary metrics use the binomial variance p(1−p)/n (the Wald form); continuous ones the unbiased
// sample variance s²/n.
import type { MetricKind, Sample } from './types.js';

export interface ArmMoments {
  n: number;
  mean: number;
  /** Variance of the arm's mean (the squared standard error). */
  varianceOfMean: number;
}

/** Σx/n; NaN when n = 0. */
export function sampleMean(sample: Sample): number {
  return sample.n > 0 ? sample.sum / sample.n : NaN;
}

/**
 * The unbiased sample variance (Σx² − (Σx)²/n)/(n − 1); NaN when n < 2, and 0 rather than a
 * negative rounding residue when every value is the same.
 */
export function sampleVariance(sample: Sample): number {
  const { n, sum, sumSquares } = sample;
  if (!(n >= 2)) return NaN;
  return Math.max(0, (sumSquares - (sum / n) * sum) / (n - 1));
}

/** The mean and the variance of the mean; NaN fields when n is too small (0, or 1 for continuous). */
export function armMoments(sample: Sample, kind: MetricKind): ArmMoments {
  const mean = sampleMean(sample);
  if (kind === 'binary') {
    return { n: sample.n, mean, varianceOfMean: sample.n > 0 ? (mean * (1 - mean)) / sample.n : NaN };
  }
  return { n: sample.n, mean, varianceOfMean: sampleVariance(sample) / sample.n };
}

/** Sums the sufficient statistics of several arms (cells of a design pooled into one). */
export function poolSamples(samples: readonly Sample[]): Sample {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (const s of samples) {
    n += s.n;
    sum += s.sum;
    sumSquares += s.sumSquares;
  }
  return { n, sum, sumSquares };
}

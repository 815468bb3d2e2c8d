// Adapters from the stored running sums (a variant's n, Σx, Σx², Σy, Σy², Σxy per metric, as
// server/collect/sums.ts keeps them) to the sample shapes the statistics functions take.
import type { RatioSample, Sample } from './types.js';

export interface StoredSums {
  n: number;
  sumX: number;
  sumX2: number;
  sumY: number;
  sumY2: number;
  sumXy: number;
}

/** The per-visitor metric x (binary, count or continuous). */
export function sampleFromSums(sums: Pick<StoredSums, 'n' | 'sumX' | 'sumX2'>): Sample {
  return { n: sums.n, sum: sums.sumX, sumSquares: sums.sumX2 };
}

/** The ratio metric Σx/Σy (clicks per exposure). */
export function ratioSampleFromSums(sums: StoredSums): RatioSample {
  return { n: sums.n, sumX: sums.sumX, sumY: sums.sumY, sumX2: sums.sumX2, sumY2: sums.sumY2, sumXY: sums.sumXy };
}

/** Adds daily rows into one cumulative row (rows of one variant and metric). */
export function addSums(rows: readonly StoredSums[]): StoredSums {
  const total: StoredSums = { n: 0, sumX: 0, sumX2: 0, sumY: 0, sumY2: 0, sumXy: 0 };
  for (const row of rows) {
    total.n += row.n;
    total.sumX += row.sumX;
    total.sumX2 += row.sumX2;
    total.sumY += row.sumY;
    total.sumY2 += row.sumY2;
    total.sumXy += row.sumXy;
  }
  return total;
}

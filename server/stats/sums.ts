// Adapters from the stored running sums (a variant's n, Σx, Σx², Σy, Σy², Σxy per metric, as
// server/collect/sums.ts keeps them) to the sample shapes the statistics functions take. A ratio
// metric's functions take the sums as they are.
import type { Sample, Sums } from './types.js';

/** The per-visitor metric x (binary, count or continuous). */
export function sampleFromSums(sums: Pick<Sums, 'n' | 'sumX' | 'sumX2'>): Sample {
  return { n: sums.n, sum: sums.sumX, sumSquares: sums.sumX2 };
}

/** Adds daily rows into one cumulative row (rows of one variant and metric). */
export function addSums(rows: readonly Sums[]): Sums {
  const total: Sums = { n: 0, sumX: 0, sumX2: 0, sumY: 0, sumY2: 0, sumXy: 0 };
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

/** Moves running sums by one visitor's x (and ratio denominator y), added (sign 1) or taken out (−1). */
export function addObservation(into: Sums, sign: 1 | -1, x: number, y: number): void {
  into.n += sign;
  into.sumX += sign * x;
  into.sumX2 += sign * x * x;
  into.sumY += sign * y;
  into.sumY2 += sign * y * y;
  into.sumXy += sign * x * y;
}

/** True when a change to running sums changes nothing (opposite contributions cancelled). */
export function isZeroSums(row: Sums): boolean {
  return row.n === 0 && row.sumX === 0 && row.sumX2 === 0 && row.sumY === 0 && row.sumY2 === 0 && row.sumXy === 0;
}

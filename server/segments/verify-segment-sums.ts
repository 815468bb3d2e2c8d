// `verify`'s check of segment_sums: the stored rows against the rows the rebuilt facts imply.
import type { SegmentSumRow } from './segment-sums.js';

export interface SegmentSumDifference {
  experimentId: string;
  variantId: string;
  segment: string;
  metric: string;
  stored: StoredSegmentRow | null;
  expected: SegmentSumRow | null;
}

/** A stored row as read back: its metric is whatever text the table holds. */
export type StoredSegmentRow = Omit<SegmentSumRow, 'metric'> & { metric: string };

const FIELDS = ['n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'] as const;

export function compareSegmentSums(stored: readonly StoredSegmentRow[], expected: readonly SegmentSumRow[], tolerance: number): SegmentSumDifference[] {
  const key = (row: StoredSegmentRow) => `${row.experimentId}\u0000${row.variantId}\u0000${row.segment}\u0000${row.metric}`;
  const expectedByKey = new Map(expected.map((row) => [key(row), row]));
  const differences: SegmentSumDifference[] = [];
  const close = (a: number, b: number) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
  // A row whose facts all left may linger as zeros after adding and subtracting: that is no difference.
  const isEmpty = (row: StoredSegmentRow) => FIELDS.every((field) => Math.abs(row[field]) <= tolerance * 1e3);
  for (const row of stored) {
    const want = expectedByKey.get(key(row)) ?? null;
    expectedByKey.delete(key(row));
    const same = want ? FIELDS.every((field) => close(Number(row[field]), want[field])) : isEmpty(row);
    if (!same) differences.push({ ...pick(row), stored: row, expected: want });
  }
  for (const want of expectedByKey.values()) differences.push({ ...pick(want), stored: null, expected: want });
  return differences;
}

function pick(row: StoredSegmentRow) {
  return { experimentId: row.experimentId, variantId: row.variantId, segment: row.segment, metric: row.metric };
}

// Sufficient statistics per variant and segment cell (pure), beside the daily ones: each fact
// with a known cell adds n = 1, x and y for every registry metric it defines. No day, and no
// distribution or internal rows: results by segment read cumulative metric totals only.
import { METRIC_NAMES, metricDefinition, type Fact, type MetricName } from '../metrics/registry.js';
import type { Sums } from '../stats/types.js';
import { addObservation, isZeroSums } from '../stats/sums.js';

export interface SegmentSumRow extends Sums {
  experimentId: string;
  variantId: string;
  segment: string;
  metric: MetricName;
}

/** Rows being summed, by (experiment, variant, cell) and then by metric, as sums.ts groups its own. */
export type SegmentDeltas = Map<string, Map<MetricName, SegmentSumRow>>;

const DEFINITIONS = METRIC_NAMES.map((metric) => ({ metric, value: metricDefinition(metric).value, per: metricDefinition(metric).per }));

function addFact(into: SegmentDeltas, fact: Fact, sign: 1 | -1): void {
  if (fact.segment === '') return;
  const key = `${fact.experimentId}\u0000${fact.variantId}\u0000${fact.segment}`;
  let group = into.get(key);
  if (!group) into.set(key, (group = new Map()));
  for (const { metric, value, per } of DEFINITIONS) {
    const x = value(fact);
    if (x === null) continue;
    const y = per ? per(fact) : 0;
    let row = group.get(metric);
    if (!row) {
      row = { experimentId: fact.experimentId, variantId: fact.variantId, segment: fact.segment, metric, n: 0, sumX: 0, sumX2: 0, sumY: 0, sumY2: 0, sumXy: 0 };
      group.set(metric, row);
    }
    addObservation(row, sign, x, y);
  }
}

/** Adds the change from `before` to `after` (either may be absent) into `into`. */
export function addSegmentChange(into: SegmentDeltas, before: Fact | null, after: Fact | null): void {
  if (before) addFact(into, before, -1);
  if (after) addFact(into, after, 1);
}

export function segmentRows(deltas: SegmentDeltas): SegmentSumRow[] {
  return [...deltas.values()].flatMap((group) => [...group.values()]);
}

/** The rows that still change something once opposite contributions have cancelled. */
export function nonZeroSegmentRows(deltas: SegmentDeltas): SegmentSumRow[] {
  return segmentRows(deltas).filter((row) => !isZeroSums(row));
}

export interface SegmentRowKey {
  experimentId: string;
  variantId: string;
  segment: string;
}

/** The cell a change takes a fact out of: its variant or its cell changed, or it went. */
export function segmentCellsLeft(before: Fact | null, after: Fact | null): SegmentRowKey[] {
  if (!before || before.segment === '') return [];
  if (after && after.variantId === before.variantId && after.segment === before.segment) return [];
  return [{ experimentId: before.experimentId, variantId: before.variantId, segment: before.segment }];
}

// Per-variant daily sufficient statistics (pure): each fact contributes one row per metric it
// defines (n = 1, x, and y for ratio metrics), the distribution counts (distribution-sums.ts) and
// the first-conversion days (since-sums.ts); a changed fact moves the sums by new − old.
import type { Sums } from '../stats/types.js';
import { addObservation, isZeroSums } from '../stats/sums.js';
import { FURTHEST_MARKS, furthestMark, STARTED_IMPLIED, startedImplied, TRUST_BUCKETS, trustScore, type SumMetric as DistributionSumMetric } from './distribution-sums.js';
import type { Fact } from './facts.js';
import { METRIC_NAMES, metricDefinition } from '../metrics/registry.js';
import { sinceMetrics, type SinceMetric } from './since-sums.js';

/** Every name a daily sum row can have: the metrics, the distribution counts, the first-conversion days. */
export type SumMetric = DistributionSumMetric | SinceMetric;

export interface SumValue {
  metric: SumMetric;
  x: number;
  /** The denominator of a ratio metric per visitor (clicks per exposure); 0 otherwise. */
  y: number;
}

/** The registry's entries, flattened once: the fold walks them for every fact. */
const DEFINITIONS = METRIC_NAMES.map((metric) => ({ metric, value: metricDefinition(metric).value, per: metricDefinition(metric).per }));

/** A fact's row values: each metric's, as the registry computes it, then the distribution counts. */
export function metricValues(fact: Fact): SumValue[] {
  const values: SumValue[] = [];
  // Survey metrics give none for a visitor who did not answer.
  for (let i = 0; i < DEFINITIONS.length; i++) {
    const { metric, value, per } = DEFINITIONS[i]!;
    const x = value(fact);
    if (x !== null) values.push({ metric, x, y: per ? per(fact) : 0 });
  }
  const score = trustScore(fact.trustSum, fact.trustAnswers);
  if (score !== null) values.push({ metric: TRUST_BUCKETS[score], x: 1, y: 0 });
  // Only visitors who watched: most facts, an image's, get nothing more.
  const mark = furthestMark(fact);
  if (mark !== null) values.push({ metric: FURTHEST_MARKS[mark], x: 1, y: 0 });
  if (startedImplied(fact)) values.push({ metric: STARTED_IMPLIED, x: 1, y: 0 });
  for (const metric of sinceMetrics(fact)) values.push({ metric, x: 1, y: 0 });
  return values;
}

/** One stored row of sufficient statistics: a variant's metric on one cohort day. */
export interface SumRow extends Sums {
  experimentId: string;
  variantId: string;
  day: number;
  metric: SumMetric;
}

/**
 * Rows being summed, by (experiment, variant, day) and then by metric. Two levels, because a
 * fact touches a dozen metrics of one group: hashing a long key per metric cost 8× more.
 */
export type SumDeltas = Map<string, Map<SumMetric, SumRow>>;

function addFact(into: SumDeltas, fact: Fact, sign: 1 | -1): void {
  const key = `${fact.experimentId}\u0000${fact.variantId}\u0000${fact.exposureDay}`;
  let group = into.get(key);
  if (!group) into.set(key, (group = new Map()));
  for (const { metric, x, y } of metricValues(fact)) {
    let row = group.get(metric);
    if (!row) {
      row = { experimentId: fact.experimentId, variantId: fact.variantId, day: fact.exposureDay, metric, n: 0, sumX: 0, sumX2: 0, sumY: 0, sumY2: 0, sumXy: 0 };
      group.set(metric, row);
    }
    addObservation(row, sign, x, y);
  }
}

/** Adds the change from `before` to `after` (either may be absent) into `into`. */
export function addFactChange(into: SumDeltas, before: Fact | null, after: Fact | null): void {
  if (before) addFact(into, before, -1);
  if (after) addFact(into, after, 1);
}

/** Every row, as summed. */
export function sumRows(deltas: SumDeltas): SumRow[] {
  return [...deltas.values()].flatMap((group) => [...group.values()]);
}

/** The rows that still change something once opposite contributions have cancelled. */
export function nonZeroRows(deltas: SumDeltas): SumRow[] {
  return sumRows(deltas).filter((row) => !isZeroSums(row));
}

// Reads an experiment's daily sums: totals per variant and metric, and the running totals by
// cohort day that the cumulative charts draw. O(variants × days × metrics) rows, whatever the
// number of events. Metrics only: the distribution counts kept beside them are distributions.ts's.
import type { Db } from '../db/connect.js';
import { METRIC_NAMES, type MetricName } from '../experiments/vocabulary.js';
import { addSums, type Sums } from '../stats/index.js';

export type { Sums };

export interface DailySums extends Sums {
  day: number;
}

/** sums.get(variantId).get(metric) → totals; series likewise → one running total per day, in order. */
export interface ExperimentSums {
  totals: Map<string, Map<MetricName, Sums>>;
  cumulative: Map<string, Map<MetricName, DailySums[]>>;
  days: number[];
}

export const emptySums = (): Sums => addSums([]);

/** Every exposed visitor has a row for this metric, so its n counts the visitors of an arm. */
export const VISITORS_METRIC: MetricName = 'viewable';

/** addSums([into, row]) in place, field by field (the same bits, without two objects a row). */
function add(into: Sums, row: Sums): void {
  into.n += row.n;
  into.sumX += row.sumX;
  into.sumX2 += row.sumX2;
  into.sumY += row.sumY;
  into.sumY2 += row.sumY2;
  into.sumXy += row.sumXy;
}

/** One row of variant_daily_sums as the results read it. */
export interface DailySumRow extends Sums {
  variantId: string;
  metric: string;
  day: number;
}

const METRICS: ReadonlySet<string> = new Set(METRIC_NAMES);

export async function readExperimentSums(db: Db, experimentId: string): Promise<ExperimentSums> {
  const rows = await db
    .selectFrom('variantDailySums')
    .select(['variantId', 'metric', 'day', 'n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'])
    .where('experimentId', '=', experimentId)
    .where('metric', 'in', METRIC_NAMES)
    .orderBy('day')
    .execute();
  return experimentSumsFromRows(rows);
}

/**
 * Pure: the totals and running totals of the metrics' rows (other names are skipped). Each
 * (variant, metric) must come in day order; the order between them does not matter, since every
 * total adds its own rows only, one a day, so any such order gives the same bits.
 */
export function experimentSumsFromRows(rows: readonly DailySumRow[]): ExperimentSums {
  const totals = new Map<string, Map<MetricName, Sums>>();
  const cumulative = new Map<string, Map<MetricName, DailySums[]>>();
  const days = new Set<number>();
  for (const row of rows) {
    if (!METRICS.has(row.metric)) continue;
    const metric = row.metric as MetricName;
    days.add(row.day);
    const total = nested(totals, row.variantId, metric, emptySums);
    add(total, row);
    nested(cumulative, row.variantId, metric, (): DailySums[] => []).push({ day: row.day, ...total });
  }
  return { totals, cumulative, days: [...days].sort((a, b) => a - b) };
}

function nested<T>(outer: Map<string, Map<MetricName, T>>, variantId: string, metric: MetricName, make: () => T): T {
  let inner = outer.get(variantId);
  if (!inner) outer.set(variantId, (inner = new Map()));
  let value = inner.get(metric);
  if (value === undefined) inner.set(metric, (value = make()));
  return value;
}

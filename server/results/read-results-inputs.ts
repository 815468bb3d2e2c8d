// Everything the results document reads: the experiment's daily sums and its sums per segment
// cell. Turning rows into JS objects is most of a read's cost, so the daily sums come as totals
// summed by the database wherever that gives the same bits, and day by day only where a day
// matters or the order of the additions could: the primary metric (the series), the visitors and
// the first-conversion counts (novelty), and any (arm, name) holding a fraction. A total of
// whole numbers (counts, Σx of 0/1 values) is exact in a double in any order, so the database's
// SUM and the day-ordered sum in memory agree to the bit; fractions (revenue, mean trust) are summed
// in memory in day order, as readExperimentSums does. O(variants × names) + O(variants × days × a few
// names) + O(variants × cells × metrics) rows, whatever the number of events.
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Experiment } from '../experiments/model.js';
import { SINCE_METRICS } from '../collect/since-sums.js';
import { METRIC_NAMES, type MetricName } from '../experiments/vocabulary.js';
import { buildDistributions, distributionCountsFromRows, type Distributions } from './distributions.js';
import { noveltyFromRows, type NoveltySums } from './read-novelty-sums.js';
import { experimentSumsFromRows, VISITORS_METRIC, type DailySumRow, type ExperimentSums, type Sums } from './read-sums.js';
import type { SegmentSums } from './read-segment-sums.js';
import { METRIC_REGISTRY } from '../metrics/registry.js';

export interface ResultsInputs {
  sums: ExperimentSums;
  distributions: Distributions;
  segments: SegmentSums;
  novelty: NoveltySums;
}

/** One (arm, name)'s sums over every day, and whether any of its daily values is not a whole number. */
interface TotalRow extends Sums {
  variantId: string;
  metric: string;
  fractional: number;
}

const isFraction = (column: string) => sql.raw(`${column} <> round(${column})`);

async function readTotals(db: Db, experimentId: string): Promise<TotalRow[]> {
  const fraction = sql<number>`max(case when ${isFraction('sum_x')} or ${isFraction('sum_x2')} or ${isFraction('sum_y')} or ${isFraction('sum_y2')} or ${isFraction('sum_xy')} then 1 else 0 end)`;
  const rows = await db
    .selectFrom('variantDailySums')
    .where('experimentId', '=', experimentId)
    .groupBy(['variantId', 'metric'])
    .select([
      'variantId',
      'metric',
      sql<number>`sum(n)`.as('n'),
      sql<number>`sum(sum_x)`.as('sumX'),
      sql<number>`sum(sum_x2)`.as('sumX2'),
      sql<number>`sum(sum_y)`.as('sumY'),
      sql<number>`sum(sum_y2)`.as('sumY2'),
      sql<number>`sum(sum_xy)`.as('sumXy'),
      fraction.as('fractional'),
    ])
    .execute();
  // pg's SUM of a bigint is a numeric, which arrives as a string.
  return rows.map((row) => ({ ...row, n: Number(row.n), sumX: Number(row.sumX), sumX2: Number(row.sumX2), sumY: Number(row.sumY), sumY2: Number(row.sumY2), sumXy: Number(row.sumXy), fractional: Number(row.fractional) }));
}

async function readDays(db: Db, experimentId: string): Promise<number[]> {
  const rows = await db.selectFrom('variantDailySums').where('experimentId', '=', experimentId).where('metric', 'in', METRIC_NAMES).select('day').distinct().execute();
  return rows.map((row) => Number(row.day)).sort((a, b) => a - b);
}

async function readDaysOf(db: Db, experimentId: string, names: readonly string[]): Promise<DailySumRow[]> {
  return db
    .selectFrom('variantDailySums')
    .select(['variantId', 'metric', 'day', 'n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'])
    .where('experimentId', '=', experimentId)
    .where('metric', 'in', names)
    .orderBy('variantId')
    .orderBy('day')
    .execute();
}

const METRICS: ReadonlySet<string> = new Set(METRIC_NAMES);

/** Whole numbers whose total stays below 2^53: every partial sum is exact, in any order. */
function isExactTotal(row: TotalRow): boolean {
  if (row.fractional) return false;
  return [row.sumX, row.sumX2, row.sumY, row.sumY2, row.sumXy].every((total) => Math.abs(total) < Number.MAX_SAFE_INTEGER);
}

/** The metrics the segment sections analyse: rates and means (a ratio's levels would need the delta method per level). */
const SEGMENT_METRICS = METRIC_NAMES.filter((metric) => METRIC_REGISTRY[metric].kind !== 'ratio');

/**
 * readSegmentSums for the sections by segment, which compare rates and means only, from n, Σx and
 * Σx² (sampleFromSums): the ratio metrics' rows and the y columns are not read (their y is 0 here).
 */
async function readSegmentSumsForSections(db: Db, experimentId: string): Promise<SegmentSums> {
  const rows = await db
    .selectFrom('segmentSums')
    .select(['variantId', 'segment', 'metric', 'n', 'sumX', 'sumX2'])
    .where('experimentId', '=', experimentId)
    .where('metric', 'in', SEGMENT_METRICS)
    .execute();
  const cells: SegmentSums['cells'] = new Map();
  for (const { variantId, segment, metric, n, sumX, sumX2 } of rows) {
    // A cell every one of whose visitors left keeps zero rows until rewritten: not a cell.
    if (Number(n) === 0) continue;
    let byCell = cells.get(variantId);
    if (!byCell) cells.set(variantId, (byCell = new Map()));
    let byMetric = byCell.get(segment);
    if (!byMetric) byCell.set(segment, (byMetric = new Map()));
    byMetric.set(metric as MetricName, { n: Number(n), sumX, sumX2, sumY: 0, sumY2: 0, sumXy: 0 });
  }
  return { cells };
}

/** throughDay: as readNoveltySums takes it (load-results.ts's noveltyThroughDay). */
export async function readResultsInputs(db: Db, experiment: Pick<Experiment, 'id' | 'variants' | 'primaryMetric'>, throughDay: number): Promise<ResultsInputs> {
  const [totals, days, segments] = await Promise.all([readTotals(db, experiment.id), readDays(db, experiment.id), readSegmentSumsForSections(db, experiment.id)]);
  const fractional = [...new Set(totals.filter((row) => METRICS.has(row.metric) && !isExactTotal(row)).map((row) => row.metric))];
  const byDay = [...new Set([experiment.primaryMetric, VISITORS_METRIC, ...SINCE_METRICS, ...fractional])];
  const rows = await readDaysOf(db, experiment.id, byDay);
  // The metrics read by day: their totals and running totals as readExperimentSums makes them.
  const sums = experimentSumsFromRows(rows);
  sums.days = days;
  const dayByDay = new Set(byDay);
  for (const row of totals) {
    if (!METRICS.has(row.metric) || dayByDay.has(row.metric)) continue;
    let inner = sums.totals.get(row.variantId);
    if (!inner) sums.totals.set(row.variantId, (inner = new Map()));
    const { n, sumX, sumX2, sumY, sumY2, sumXy } = row;
    inner.set(row.metric as MetricName, { n, sumX, sumX2, sumY, sumY2, sumXy });
  }
  return {
    sums,
    // Counts and Σx of 0/1 values only (distributions.ts), whole numbers: the database's totals are exact.
    distributions: buildDistributions(experiment, distributionCountsFromRows(totals)),
    segments,
    novelty: noveltyFromRows(rows, throughDay),
  };
}

// Reads the first-conversion counts by days since first exposure (collect/since-sums.ts): for each
// conversion, arm and day d, how many visitors have had their whole day d (eligible) and how many
// of them converted for the first time on it. O(variants × cohort days × 14) rows.
import type { Db } from '../db/connect.js';
import { SINCE_CONVERSIONS, SINCE_DAYS, SINCE_METRICS, sinceMetric, type SinceConversion } from '../collect/since-sums.js';
import { VISITORS_METRIC, type DailySumRow } from './read-sums.js';

export type NoveltyMetric = SinceConversion;

export interface NoveltyPoint {
  daysSince: number;
  eligible: number;
  converted: number;
}

export interface NoveltySums {
  byMetric: Map<NoveltyMetric, Map<string /* variantId */, NoveltyPoint[]>>;
}

/**
 * Whether every visitor of cohort (exposure) day c has had the whole of their day d by the start
 * of calendar day throughDay. A visitor's day d is the 24 hours from d days after their own first
 * exposure, which may be late on day c: it ends at the latest as calendar day c + d + 1 ends. So
 * c + d + 1 < throughDay; with c + d < throughDay the last cohort's day d would still be under way
 * (or cut by the stop) and its conversions undercounted.
 */
export function isDayOver(cohortDay: number, daysSince: number, throughDay: number): boolean {
  return cohortDay + daysSince + 1 < throughDay;
}

/**
 * throughDay: the day number (days since the epoch, UTC) that is not over, today's for a live
 * experiment and the stop day for a stopped one. Days with no eligible visitor are left out, so
 * each arm's points run from day 0 up to the last day some cohort has had, at most day 13.
 */
export async function readNoveltySums(db: Db, experimentId: string, throughDay: number): Promise<NoveltySums> {
  const rows = await db
    .selectFrom('variantDailySums')
    .select(['variantId', 'day', 'metric', 'n', 'sumX'])
    .where('experimentId', '=', experimentId)
    .where('metric', 'in', [VISITORS_METRIC, ...SINCE_METRICS])
    .execute();
  return noveltyFromRows(rows, throughDay);
}

const READ: ReadonlySet<string> = new Set(SINCE_METRICS);

/** Pure: the first-conversion counts from an experiment's daily rows (rows of other names are skipped). */
export function noveltyFromRows(rows: ReadonlyArray<Pick<DailySumRow, 'variantId' | 'day' | 'metric' | 'n' | 'sumX'>>, throughDay: number): NoveltySums {
  const cohorts = new Map<string, Map<number, number>>();
  // variant → since name → cohort day → converted: nested maps, not a joined string key per lookup
  // (a document looks up conversions × arms × 14 × days of them).
  const converted = new Map<string, Map<string, Map<number, number>>>();
  for (const row of rows) {
    if (row.metric === VISITORS_METRIC) {
      if (!cohorts.has(row.variantId)) cohorts.set(row.variantId, new Map());
      cohorts.get(row.variantId)!.set(row.day, Number(row.n));
    } else if (READ.has(row.metric)) {
      let byName = converted.get(row.variantId);
      if (!byName) converted.set(row.variantId, (byName = new Map()));
      let byDay = byName.get(row.metric);
      if (!byDay) byName.set(row.metric, (byDay = new Map()));
      byDay.set(row.day, row.sumX);
    }
  }

  const byMetric: NoveltySums['byMetric'] = new Map();
  for (const conversion of SINCE_CONVERSIONS) {
    const byVariant = new Map<string, NoveltyPoint[]>();
    for (const [variantId, sizes] of cohorts) {
      const points: NoveltyPoint[] = [];
      for (let daysSince = 0; daysSince < SINCE_DAYS; daysSince++) {
        const point = { daysSince, eligible: 0, converted: 0 };
        const convertedOn = converted.get(variantId)?.get(sinceMetric(conversion, daysSince));
        for (const [day, n] of sizes) {
          if (!isDayOver(day, daysSince, throughDay)) continue;
          point.eligible += n;
          point.converted += convertedOn?.get(day) ?? 0;
        }
        if (point.eligible > 0) points.push(point);
      }
      byVariant.set(variantId, points);
    }
    byMetric.set(conversion, byVariant);
  }
  return { byMetric };
}

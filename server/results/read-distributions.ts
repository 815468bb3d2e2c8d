// Reads how an experiment's visitors spread over the answers and video marks: one pass over its
// visitor facts, one row per variant of conditional counts; collected and imported facts alike,
// the events never read. The primary key (experiment_id first) finds the rows, but each row is
// then a lookup of its own: ~3–4 µs a visitor on SQLite, so seconds at 1M (bench/results.ts).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.js';

/** The video marks the snippet reports (collect/vocabulary.ts VIDEO_MILESTONES). */
export const WATCH_MARKS = [25, 50, 75, 100] as const;
export type WatchMark = (typeof WATCH_MARKS)[number];

/** One variant's counts as the query returns them; buildDistributions shapes them for the document. */
export interface DistributionRow {
  variantId: string;
  exposed: number;
  /** trust[k − 1]: visitors whose mean trust rounds half up to k. */
  trust: [number, number, number, number, number];
  trustAnswered: number;
  noticedYes: number;
  noticedNo: number;
  started: number;
  reached: Record<WatchMark, number>;
}

const count = (condition: Expression<SqlBool>) => sql<number>`count(case when ${condition} then 1 end)`;

/**
 * A visitor's trust is trust_sum / trust_answers; rounded half up it is k when
 * k − ½ ≤ mean < k + ½, compared here as (2k − 1)·answers ≤ 2·sum < (2k + 1)·answers: no division,
 * so a mean of exactly 3.5 (answers 3 and 4) is 4 on both databases, whatever their float rules.
 */
const trustRoundsTo = (k: number) =>
  sql<SqlBool>`trust_answers > 0 and 2 * trust_sum >= ${sql.lit(2 * k - 1)} * trust_answers and 2 * trust_sum < ${sql.lit(2 * k + 1)} * trust_answers`;

// Completing a video implies every mark, and reaching a mark implies starting: collected facts
// already agree (collect/facts.ts), and an imported file that mapped only some of the three
// columns still gives counts that never fall as the marks rise.
const reached = (mark: WatchMark) => sql<SqlBool>`(watch_pct >= ${sql.lit(mark)} or video_completed = 1)`;
const started = sql<SqlBool>`(video_started = 1 or watch_pct > 0 or video_completed = 1)`;

export async function readDistributions(db: Db, experimentId: string): Promise<DistributionRow[]> {
  const rows = await db
    .selectFrom('visitorFacts')
    .where('experimentId', '=', experimentId)
    .groupBy('variantId')
    .select((eb) => [
      'variantId',
      eb.fn.countAll<number>().as('exposed'),
      count(trustRoundsTo(1)).as('trust1'),
      count(trustRoundsTo(2)).as('trust2'),
      count(trustRoundsTo(3)).as('trust3'),
      count(trustRoundsTo(4)).as('trust4'),
      count(trustRoundsTo(5)).as('trust5'),
      count(sql<SqlBool>`trust_answers > 0`).as('trustAnswered'),
      // noticed_disclosure is empty until the visitor answers the noticed question: 1 if they
      // ever said yes, 0 if they only said no.
      count(sql<SqlBool>`noticed_disclosure = 1`).as('noticedYes'),
      count(sql<SqlBool>`noticed_disclosure = 0`).as('noticedNo'),
      count(started).as('started'),
      count(reached(25)).as('reached25'),
      count(reached(50)).as('reached50'),
      count(reached(75)).as('reached75'),
      count(reached(100)).as('reached100'),
    ])
    .execute();
  // pg's COUNT is a bigint, which connect.ts already reads as a number; Number() keeps SQLite and pg alike.
  return rows.map((row) => ({
    variantId: row.variantId,
    exposed: Number(row.exposed),
    trust: [Number(row.trust1), Number(row.trust2), Number(row.trust3), Number(row.trust4), Number(row.trust5)],
    trustAnswered: Number(row.trustAnswered),
    noticedYes: Number(row.noticedYes),
    noticedNo: Number(row.noticedNo),
    started: Number(row.started),
    reached: { 25: Number(row.reached25), 50: Number(row.reached50), 75: Number(row.reached75), 100: Number(row.reached100) },
  }));
}

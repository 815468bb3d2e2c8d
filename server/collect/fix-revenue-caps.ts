// Fixing a percentile revenue cap once its first days are over, and bringing the experiment's
// facts and sums under a cap fixed after they were folded. A value cap is fixed at the first start
// (experiments/experiment-queries.ts), before any fact exists; a percentile cap is the p-th
// percentile of what the control arm's buyers, exposed in the first `days` whole days, spent.
// Buyers, not all visitors: at a 1.5% purchase rate the 99th percentile of all visitors is 0.
//
// Safe to run from several processes at once, and again after a crash: the cap is set by one
// conditional UPDATE (… WHERE revenue_cap_value IS NULL), and each fact is brought under it in
// short transactions that take the site's lock, re-read the facts and move only those still
// uncapped, as the writer does (site-locks.ts); the writer itself folds every later fact under it.
import type { Db, Dialect } from '../db/connect.js';
import { revenueCapFromColumn } from '../experiments/plan-settings.js';
import { percentile } from '../stats/percentile.js';
import { withoutUpdatedAt } from './facts.js';
import { lockSites } from './site-locks.js';
import { addFactChange, nonZeroRows, type SumDeltas } from './sums.js';
import { addSegmentChange, nonZeroSegmentRows, type SegmentDeltas } from '../segments/segment-sums.js';
import { addToSegmentSums } from './segment-sums-store.js';
import { addToSums } from './sums-store.js';
import { DAY_MS } from './vocabulary.js';

/** Facts per transaction: on SQLite a few tens of milliseconds of the write lock each. */
export const CAP_BACKFILL_VISITORS = 5000;
/** SQLite: the pause between two transactions, so a writer on the same file gets its turn (as imports/write-import.ts). */
const SQLITE_PAUSE_MS = 15;

export type CapCheck =
  | { experimentId: string; state: 'fixed'; value: number; facts: number }
  | { experimentId: string; state: 'waiting'; reason: 'first-days' | 'no-control-buyers'; dueAt: number };

interface CapRow {
  id: string;
  siteId: string;
  startedAt: number | null;
  revenueCap: string | null;
  revenueCapValue: number | null;
}

/**
 * Fixes every percentile cap whose first days are over, and brings each newly capped experiment's
 * facts under it. `only` limits the check to one experiment (the results route's). Returns what
 * became of each cap still unfixed before the call.
 */
export async function fixDueRevenueCaps(db: Db, dialect: Dialect, now: number, only?: string): Promise<CapCheck[]> {
  let query = db
    .selectFrom('experiments')
    .select(['id', 'siteId', 'startedAt', 'revenueCap', 'revenueCapValue'])
    .where('revenueCap', 'is not', null)
    .where('revenueCapValue', 'is', null)
    .where('startedAt', 'is not', null)
    .where('importedAt', 'is', null);
  if (only !== undefined) query = query.where('id', '=', only);
  const checks: CapCheck[] = [];
  for (const row of await query.execute()) checks.push(await checkCap(db, dialect, row, now));
  return checks;
}

async function checkCap(db: Db, dialect: Dialect, row: CapRow, now: number): Promise<CapCheck> {
  const cap = revenueCapFromColumn(row.revenueCap)!;
  const startedAt = row.startedAt!;
  if (cap.kind === 'value') return fixCap(db, dialect, row, cap.value, now);
  const dueAt = startedAt + cap.days * DAY_MS;
  if (now < dueAt) return { experimentId: row.id, state: 'waiting', reason: 'first-days', dueAt };
  const revenues = await controlBuyersRevenue(db, row.id, startedAt, dueAt);
  // Visitors of those days may still buy: the check comes again at the next tick.
  if (revenues.length === 0) return { experimentId: row.id, state: 'waiting', reason: 'no-control-buyers', dueAt };
  return fixCap(db, dialect, row, percentile(revenues, cap.percentile), now);
}

/** The revenue, as it stands, of each control visitor first exposed in [start, end) who bought. */
export async function controlBuyersRevenue(db: Db, experimentId: string, start: number, end: number): Promise<number[]> {
  const rows = await db
    .selectFrom('visitorFacts')
    .innerJoin('variants', 'variants.id', 'visitorFacts.variantId')
    .select('visitorFacts.revenue')
    .where('visitorFacts.experimentId', '=', experimentId)
    .where('variants.isControl', '=', 1)
    .where('visitorFacts.firstExposureAt', '>=', start)
    .where('visitorFacts.firstExposureAt', '<', end)
    .where('visitorFacts.revenue', '>', 0)
    .execute();
  return rows.map((row) => row.revenue);
}

async function fixCap(db: Db, dialect: Dialect, row: CapRow, value: number, now: number): Promise<CapCheck> {
  await db.transaction().execute(async (trx) => {
    // The writer folds under the site's lock too: once this commits, every flush sees the cap.
    await lockSites(trx, dialect, [row.siteId]);
    await trx
      .updateTable('experiments')
      .set((eb) => ({ revenueCapValue: value, revenueCapFixedAt: now, sumsVersion: eb('sumsVersion', '+', 1) }))
      .where('id', '=', row.id)
      .where('revenueCapValue', 'is', null)
      .execute();
  });
  // Whoever set it, the cap in force is the stored one (another process may have won).
  const stored = await db.selectFrom('experiments').select('revenueCapValue').where('id', '=', row.id).executeTakeFirstOrThrow();
  const facts = await capFacts(db, dialect, { id: row.id, siteId: row.siteId }, stored.revenueCapValue!);
  return { experimentId: row.id, state: 'fixed', value: stored.revenueCapValue!, facts };
}

/**
 * Gives every fact of the experiment not yet under the cap the cap, and moves the daily sums by the
 * change, and the segment sums likewise (only revenue_capped's rows move: the other metrics'
 * contributions cancel exactly).
 * Pages through the facts by visitor id; returns how many facts it changed.
 */
export async function capFacts(db: Db, dialect: Dialect, experiment: { id: string; siteId: string }, cap: number): Promise<number> {
  let after = '';
  let changed = 0;
  for (;;) {
    const page = await db.transaction().execute(async (trx) => {
      await lockSites(trx, dialect, [experiment.siteId]);
      const rows = await trx
        .selectFrom('visitorFacts')
        .selectAll()
        .where('experimentId', '=', experiment.id)
        .where('visitorId', '>', after)
        .orderBy('visitorId')
        .limit(CAP_BACKFILL_VISITORS)
        .execute();
      const uncapped = rows.filter((row) => row.revenueCap === null);
      if (uncapped.length > 0) {
        const deltas: SumDeltas = new Map();
        const segmentDeltas: SegmentDeltas = new Map();
        for (const row of uncapped) {
          const before = withoutUpdatedAt(row);
          addFactChange(deltas, before, { ...before, revenueCap: cap });
          addSegmentChange(segmentDeltas, before, { ...before, revenueCap: cap });
        }
        await trx
          .updateTable('visitorFacts')
          .set({ revenueCap: cap })
          .where('experimentId', '=', experiment.id)
          .where('visitorId', 'in', uncapped.map((row) => row.visitorId))
          .where('revenueCap', 'is', null)
          .execute();
        await addToSums(trx, nonZeroRows(deltas));
        await addToSegmentSums(trx, nonZeroSegmentRows(segmentDeltas));
        await trx.updateTable('experiments').set((eb) => ({ sumsVersion: eb('sumsVersion', '+', 1) })).where('id', '=', experiment.id).execute();
      }
      return { last: rows.at(-1)?.visitorId, count: uncapped.length };
    });
    changed += page.count;
    if (page.last === undefined) return changed;
    after = page.last;
    if (dialect === 'sqlite') await new Promise((resolve) => setTimeout(resolve, SQLITE_PAUSE_MS));
  }
}

/**
 * Brings under their cap the facts of every experiment whose cap is fixed: what a process stopped
 * in the middle of capFacts left undone. Run once when a server starts; a pass over the facts.
 */
export async function capLeftoverFacts(db: Db, dialect: Dialect): Promise<number> {
  const rows = await db
    .selectFrom('experiments')
    .select(['id', 'siteId', 'revenueCapValue'])
    .where('revenueCapValue', 'is not', null)
    .where('importedAt', 'is', null)
    .execute();
  let changed = 0;
  for (const row of rows) changed += await capFacts(db, dialect, row, row.revenueCapValue!);
  return changed;
}

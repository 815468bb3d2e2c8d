// One flush, one transaction: store the raw events (an id seen before is a duplicate), fold them
// into per-visitor facts, move the daily and per-segment sums by each fact's change (and the
// experiments' sums versions with them), and count the drops.
// Nothing is acknowledged before this commits.
import type { Transaction } from 'kysely';
import type { Db, Dialect } from '../db/connect.js';
import type { Database, EventsTable } from '../db/types.js';
import { resolveOrderTruth, type OrderTruth, type OrderTruthOutcome } from './order-truth.js';
import { lockSites } from './site-locks.js';
import { addFactChange, nonZeroRows, type SumDeltas } from './sums.js';
import { addToSums, recomputeSumRows, rowsLeft } from './sums-store.js';
import { chunks, updateFacts, upsertFacts } from './update-facts.js';
import { bumpSumsVersions } from './sums-version.js';
import { addSegmentChange, nonZeroSegmentRows, segmentCellsLeft, type SegmentDeltas } from '../segments/segment-sums.js';
import { addToSegmentSums, recomputeSegmentCells } from './segment-sums-store.js';
import { dayOf, type DropReason } from './vocabulary.js';

/** An event that passed every pipeline step, with its experiment and variant resolved to ids. */
export type AcceptedEvent = Omit<EventsTable, 'receivedAt'>;

export interface CommitJob {
  siteId: string;
  events: readonly AcceptedEvent[];
  drops: ReadonlyMap<DropReason, number>;
  /** A shop's signed orders and refunds, resolved against stored purchases in the transaction. */
  orderTruth?: readonly OrderTruth[];
}

export interface CommitResult {
  inserted: number;
  duplicates: number;
  /** What became of each order truth of the job, in order; absent when it had none. */
  orderTruth?: OrderTruthOutcome[];
}

export async function commitJobs(db: Db, dialect: Dialect, jobs: readonly CommitJob[], now: number): Promise<CommitResult[]> {
  return db.transaction().execute(async (trx) => {
    await lockSites(trx, dialect, jobs.map((job) => job.siteId));
    const seen = new Set<string>();
    const rows: EventsTable[] = [];
    // Order truth first: its purchase must win the order over a pixel's in the same flush.
    const truthOutcomes = new Map<CommitJob, OrderTruthOutcome[]>();
    for (const job of jobs) {
      if (!job.orderTruth) continue;
      const resolved = await resolveOrderTruth(trx, job.siteId, job.orderTruth);
      truthOutcomes.set(job, resolved.outcomes);
      for (const event of resolved.events) {
        seen.add(`${event.siteId}\u0000${event.id}`);
        rows.push({ ...event, receivedAt: now });
      }
    }
    for (const job of jobs) {
      for (const event of job.events) {
        const key = `${event.siteId}\u0000${event.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ ...event, receivedAt: now });
      }
    }
    const inserted = await insertEvents(trx, rows);
    const stored = rows.filter((row) => inserted.has(`${row.siteId}\u0000${row.id}`));

    const changes = await updateFacts(trx, stored);
    await upsertFacts(trx, changes.map((change) => change.after), now);
    const deltas: SumDeltas = new Map();
    for (const change of changes) addFactChange(deltas, change.before, change.after);
    const daily = nonZeroRows(deltas);
    const left = changes.flatMap((change) => rowsLeft(change.before, change.after));
    await addToSums(trx, daily);
    await recomputeSumRows(trx, left);
    // The same facts' sums per segment cell, beside the daily ones.
    const segmentDeltas: SegmentDeltas = new Map();
    for (const change of changes) addSegmentChange(segmentDeltas, change.before, change.after);
    const bySegment = nonZeroSegmentRows(segmentDeltas);
    const cellsLeft = changes.flatMap((change) => segmentCellsLeft(change.before, change.after));
    await addToSegmentSums(trx, bySegment);
    await recomputeSegmentCells(trx, cellsLeft);
    await bumpSumsVersions(trx, [...daily, ...left, ...bySegment, ...cellsLeft].map((row) => row.experimentId));

    const results = jobs.map((job) => {
      let count = 0;
      for (const event of job.events) {
        const key = `${event.siteId}\u0000${event.id}`;
        if (inserted.delete(key)) count++;
      }
      const outcomes = truthOutcomes.get(job);
      return { inserted: count, duplicates: job.events.length - count, ...(outcomes && { orderTruth: outcomes }) };
    });
    await countDrops(trx, jobs, results, dayOf(now));
    return results;
  });
}

async function insertEvents(trx: Transaction<Database>, rows: readonly EventsTable[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const part of chunks(rows)) {
    const returned = await trx
      .insertInto('events')
      .values(part)
      // Any unique conflict: the event id, or a purchase's order id already counted.
      .onConflict((oc) => oc.doNothing())
      .returning(['siteId', 'id'])
      .execute();
    for (const row of returned) inserted.add(`${row.siteId}\u0000${row.id}`);
  }
  return inserted;
}

async function countDrops(trx: Transaction<Database>, jobs: readonly CommitJob[], results: readonly CommitResult[], day: number): Promise<void> {
  const counts = new Map<string, { siteId: string; reason: DropReason; count: number }>();
  const add = (siteId: string, reason: DropReason, count: number) => {
    if (count === 0) return;
    const key = `${siteId}\u0000${reason}`;
    const entry = counts.get(key);
    if (entry) entry.count += count;
    else counts.set(key, { siteId, reason, count });
  };
  jobs.forEach((job, index) => {
    for (const [reason, count] of job.drops) add(job.siteId, reason, count);
    add(job.siteId, 'duplicate', results[index]!.duplicates);
  });
  const rows = [...counts.values()].sort((a, b) => (a.siteId + a.reason).localeCompare(b.siteId + b.reason));
  if (rows.length === 0) return;
  await trx
    .insertInto('dropCounts')
    .values(rows.map((row) => ({ ...row, day })))
    .onConflict((oc) => oc.columns(['siteId', 'day', 'reason']).doUpdateSet((eb) => ({ count: eb('dropCounts.count', '+', eb.ref('excluded.count')) })))
    .execute();
}

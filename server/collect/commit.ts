// One flush, one transaction: store the raw events (an id seen before is a duplicate), fold them
// into per-visitor facts, move the daily and per-segment sums by each fact's change (and the
// experiments' sums versions with them), and count the drops. The dialect's store
// (flush-store.ts) does the reads and writes; the rare rewrites (a fact leaving its row, order
// truth) use the query builder in the same transaction.
// Nothing is acknowledged before this commits.
import type { Db } from '../db/connect.js';
import type { EventsTable } from '../db/types.js';
import { eventKey, type DropCountRow, type FlushStoreFactory } from './flush-store.js';
import { resolveOrderTruth, type OrderTruth, type OrderTruthOutcome } from './order-truth.js';
import { addFactChange, nonZeroRows, type SumDeltas } from './sums.js';
import { recomputeSumRows, rowsLeft } from './sums-store.js';
import { updateFacts } from './update-facts.js';
import { addSegmentChange, nonZeroSegmentRows, segmentCellsLeft, type SegmentDeltas } from '../segments/segment-sums.js';
import { recomputeSegmentCells } from './segment-sums-store.js';
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

export async function commitJobs(db: Db, storeFor: FlushStoreFactory, jobs: readonly CommitJob[], now: number): Promise<CommitResult[]> {
  return db.transaction().execute(async (trx) => {
    const store = storeFor(trx);
    const exclusive = jobs.some((job) => job.orderTruth !== undefined && job.orderTruth.length > 0);
    await store.lockForFlush(
      jobs.map((job) => job.siteId),
      jobs.flatMap((job) => job.events.map((event) => ({ siteId: event.siteId, visitorId: event.visitorId }))),
      exclusive,
    );
    const seen = new Set<string>();
    const rows: EventsTable[] = [];
    // Each row's eventKey, made once: a flush looks every event up three times.
    const rowKeys: string[] = [];
    // Order truth first: its purchase must win the order over a pixel's in the same flush.
    const truthOutcomes = new Map<CommitJob, OrderTruthOutcome[]>();
    for (const job of jobs) {
      if (!job.orderTruth) continue;
      const resolved = await resolveOrderTruth(trx, job.siteId, job.orderTruth);
      truthOutcomes.set(job, resolved.outcomes);
      for (const event of resolved.events) {
        const key = eventKey(event.siteId, event.id);
        seen.add(key);
        rows.push({ ...event, receivedAt: now });
        rowKeys.push(key);
      }
    }
    const jobKeys = jobs.map((job) => job.events.map((event) => eventKey(event.siteId, event.id)));
    jobs.forEach((job, index) => {
      const keys = jobKeys[index]!;
      job.events.forEach((event, at) => {
        const key = keys[at]!;
        if (seen.has(key)) return;
        seen.add(key);
        rows.push({ ...event, receivedAt: now });
        rowKeys.push(key);
      });
    });
    const inserted = await store.insertEvents(rows);
    const stored = rows.filter((_, index) => inserted.has(rowKeys[index]!));

    const changes = await updateFacts(store, stored);
    await store.upsertFacts(changes.map((change) => change.after), now);
    const deltas: SumDeltas = new Map();
    for (const change of changes) addFactChange(deltas, change.before, change.after);
    const daily = nonZeroRows(deltas);
    const left = changes.flatMap((change) => rowsLeft(change.before, change.after));
    await store.addToSums(daily);
    await recomputeSumRows(trx, left);
    // The same facts' sums per segment cell, beside the daily ones.
    const segmentDeltas: SegmentDeltas = new Map();
    for (const change of changes) addSegmentChange(segmentDeltas, change.before, change.after);
    const bySegment = nonZeroSegmentRows(segmentDeltas);
    const cellsLeft = changes.flatMap((change) => segmentCellsLeft(change.before, change.after));
    await store.addToSegmentSums(bySegment);
    await recomputeSegmentCells(trx, cellsLeft);
    const touched = new Set([...daily, ...left, ...bySegment, ...cellsLeft].map((row) => row.experimentId));
    await store.bumpSumsVersions([...touched].sort());

    const results = jobs.map((job, index) => {
      let count = 0;
      for (const key of jobKeys[index]!) if (inserted.delete(key)) count++;
      const outcomes = truthOutcomes.get(job);
      return { inserted: count, duplicates: job.events.length - count, ...(outcomes && { orderTruth: outcomes }) };
    });
    await store.addDropCounts(dropCountRows(jobs, results, dayOf(now)));
    return results;
  });
}

/** The drops of a flush, per site and reason, sorted (so concurrent writers update them in one order). */
function dropCountRows(jobs: readonly CommitJob[], results: readonly CommitResult[], day: number): DropCountRow[] {
  const counts = new Map<string, DropCountRow>();
  const add = (siteId: string, reason: DropReason, count: number) => {
    if (count === 0) return;
    const key = `${siteId}\u0000${reason}`;
    const entry = counts.get(key);
    if (entry) entry.count += count;
    else counts.set(key, { siteId, reason, count, day });
  };
  jobs.forEach((job, index) => {
    for (const [reason, count] of job.drops) add(job.siteId, reason, count);
    add(job.siteId, 'duplicate', results[index]!.duplicates);
  });
  return [...counts.values()].sort((a, b) => (a.siteId + a.reason).localeCompare(b.siteId + b.reason));
}

// What one flush needs of the database, as a port: commit.ts decides (pure folding, deltas and
// the order of steps) and a store per dialect writes. Every call runs inside the flush's one
// transaction, opened by commit.ts. A store may use the fastest way its database offers (prepared
// statements on SQLite, one multi-row statement per table on PostgreSQL), but must keep the
// contract below, which the writer's tests check on both dialects.
import type { Transaction } from 'kysely';
import type { Database, EventsTable, VisitorFactsTable } from '../db/types.js';
import type { SegmentSumRow } from '../segments/segment-sums.js';
import type { ExperimentWindow, Fact } from './facts.js';
import type { SumRow } from './sums.js';

/** One visitor of one site: facts and raw events are per site, visitor ids are random. */
export interface VisitorRef {
  siteId: string;
  visitorId: string;
}

export interface DropCountRow {
  siteId: string;
  day: number;
  reason: string;
  count: number;
}

/** `${siteId}\u0000${id}`: how the writer names an event across sites. */
export const eventKey = (siteId: string, id: string) => `${siteId}\u0000${id}`;

export interface FlushStore {
  /**
   * Before anything is read or written: no other transaction may fold events of these sites'
   * visitors at the same time in a way that loses an update. Flushes of one site run at once,
   * each holding its own visitors (site-locks.ts, visitor-locks.ts); every shared row they both
   * write (sums, sums versions, drop counts) is written in key order, so they cannot deadlock
   * on it. `exclusive` is asked by a flush that resolves order truth (it reads other visitors'
   * purchases): it must wait for every other flush of those sites. SQLite has one writer, so
   * its store does nothing here.
   */
  lockForFlush(sites: readonly string[], visitors: readonly VisitorRef[], exclusive: boolean): Promise<void>;
  /**
   * Stores the rows not stored before and returns their eventKey. Not stored: an event whose key
   * is stored (a replay), and a purchase of an order another purchase claimed in purchase_orders,
   * earlier or before it in `rows` (claimOrders, in purchase-orders.ts).
   */
  insertEvents(rows: readonly EventsTable[]): Promise<Set<string>>;
  /** Every experiment of these sites, as the window its facts fold in. */
  readWindows(siteIds: readonly string[]): Promise<ExperimentWindow[]>;
  /** Every stored fact of these visitors (of their own site). */
  readFacts(visitors: readonly VisitorRef[]): Promise<VisitorFactsTable[]>;
  /** Every stored raw event of these visitors (of their own site), this flush's included. */
  readEvents(visitors: readonly VisitorRef[]): Promise<EventsTable[]>;
  /** Inserts or replaces each fact whole, stamped `now`. */
  upsertFacts(facts: readonly Fact[], now: number): Promise<void>;
  /** Adds each row's sums into the stored row of its key (variant_daily_sums), creating it; in key order (key-order.ts). */
  addToSums(rows: readonly SumRow[]): Promise<void>;
  /** The same for segment_sums. */
  addToSegmentSums(rows: readonly SegmentSumRow[]): Promise<void>;
  /** experiments.sums_version + 1 for each id (given unique and sorted). */
  bumpSumsVersions(experimentIds: readonly string[]): Promise<void>;
  /** Adds each count into drop_counts (site, day, reason). */
  addDropCounts(rows: readonly DropCountRow[]): Promise<void>;
}

/** Makes the store for one flush transaction. */
export type FlushStoreFactory = (trx: Transaction<Database>) => FlushStore;

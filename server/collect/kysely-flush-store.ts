// The flush store written with Kysely's query builder: correct on both dialects, and the
// reference the faster stores are checked against. Multi-row statements in chunks of 500 rows.
import type { Transaction } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { Database, EventsTable, VisitorFactsTable } from '../db/types.js';
import { windowOf } from './facts.js';
import { eventKey, type DropCountRow, type FlushStore, type VisitorRef } from './flush-store.js';
import { claimOrders, claimsOrder } from './purchase-orders.js';
import { addToSegmentSums } from './segment-sums-store.js';
import { lockSites } from './site-locks.js';
import { lockVisitors } from './visitor-locks.js';
import { addToSums } from './sums-store.js';
import { bumpSumsVersions } from './sums-version.js';
import { chunks, upsertFacts } from './update-facts.js';

export function kyselyFlushStore(trx: Transaction<Database>, dialect: Dialect): FlushStore {
  return {
    async lockForFlush(sites, visitors, exclusive) {
      await lockSites(trx, dialect, sites, exclusive);
      // An exclusive flush has its sites to itself: no other flush holds their visitors.
      if (dialect === 'postgres' && !exclusive) await lockVisitors(trx, visitors);
    },
    insertEvents: (rows) => insertEvents(trx, rows),
    async readWindows(siteIds) {
      if (siteIds.length === 0) return [];
      const rows = await trx.selectFrom('experiments').select(['id', 'siteId', 'stoppedAt', 'revenueCapValue']).where('siteId', 'in', siteIds).execute();
      return rows.map(windowOf);
    },
    readFacts: (visitors) => selectByVisitors(trx, 'visitorFacts', visitors),
    readEvents: (visitors) => selectByVisitors(trx, 'events', visitors),
    upsertFacts: (facts, now) => upsertFacts(trx, facts, now),
    addToSums: (rows) => addToSums(trx, rows),
    addToSegmentSums: (rows) => addToSegmentSums(trx, rows),
    bumpSumsVersions: (ids) => bumpSumsVersions(trx, ids),
    addDropCounts: (rows) => addDropCounts(trx, rows),
  };
}

async function insertEvents(trx: Transaction<Database>, rows: readonly EventsTable[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  const claimed = await claimOrders(trx, rows);
  const kept = rows.filter((row) => !claimsOrder(row) || claimed.has(eventKey(row.siteId, row.id)));
  for (const part of chunks(kept)) {
    const returned = await trx
      .insertInto('events')
      .values(part)
      // A replay: the event's key (site and id; on PostgreSQL its ts too) is stored.
      .onConflict((oc) => oc.doNothing())
      .returning(['siteId', 'id'])
      .execute();
    for (const row of returned) inserted.add(eventKey(row.siteId, row.id));
  }
  return inserted;
}

/** The rows of these visitors: by visitor id (random, so it alone finds them), then kept to their own site. */
async function selectByVisitors<T extends 'events' | 'visitorFacts'>(
  trx: Transaction<Database>,
  table: T,
  visitors: readonly VisitorRef[],
): Promise<Array<T extends 'events' ? EventsTable : VisitorFactsTable>> {
  const wanted = new Set(visitors.map((visitor) => eventKey(visitor.siteId, visitor.visitorId)));
  const rows: Array<EventsTable | VisitorFactsTable> = [];
  for (const part of chunks([...new Set(visitors.map((visitor) => visitor.visitorId))])) {
    const found = await trx.selectFrom(table as 'events').selectAll().where('visitorId', 'in', part).execute();
    for (const row of found) if (wanted.has(eventKey(row.siteId, row.visitorId))) rows.push(row);
  }
  return rows as never;
}

async function addDropCounts(trx: Transaction<Database>, rows: readonly DropCountRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('dropCounts')
    .values([...rows])
    .onConflict((oc) => oc.columns(['siteId', 'day', 'reason']).doUpdateSet((eb) => ({ count: eb('dropCounts.count', '+', eb.ref('excluded.count')) })))
    .execute();
}

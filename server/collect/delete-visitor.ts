// Erasing a visitor (a privacy request): their raw events and facts go, and the daily sum rows
// and segment sum rows they were in are rewritten from the remaining facts, so results equal a
// recomputation.
import type { Db, Dialect } from '../db/connect.js';
import { withoutUpdatedAt } from './facts.js';
import { releaseOrders } from './purchase-orders.js';
import { lockSites } from './site-locks.js';
import { recomputeSumRows, rowsLeft } from './sums-store.js';
import { bumpSumsVersions } from './sums-version.js';
import { segmentCellsLeft } from '../segments/segment-sums.js';
import { recomputeSegmentCells } from './segment-sums-store.js';

export interface DeletedVisitor {
  events: number;
  facts: number;
}

export async function deleteVisitor(db: Db, dialect: Dialect, visitorId: string): Promise<DeletedVisitor> {
  return db.transaction().execute(async (trx) => {
    const eventSites = await trx.selectFrom('events').select('siteId').distinct().where('visitorId', '=', visitorId).execute();
    const factSites = await trx.selectFrom('visitorFacts').select('siteId').distinct().where('visitorId', '=', visitorId).execute();
    await lockSites(trx, dialect, [...eventSites, ...factSites].map((row) => row.siteId));

    const facts = await trx.selectFrom('visitorFacts').selectAll().where('visitorId', '=', visitorId).execute();
    // Their purchases' orders go with them, as the purchases did when a unique index held them.
    await releaseOrders(trx, await trx.selectFrom('events').select(['siteId', 'id', 'orderId']).where('visitorId', '=', visitorId).where('type', '=', 'purchase').execute());
    const deletedFacts = await trx.deleteFrom('visitorFacts').where('visitorId', '=', visitorId).executeTakeFirst();
    const deletedEvents = await trx.deleteFrom('events').where('visitorId', '=', visitorId).executeTakeFirst();
    await recomputeSumRows(trx, facts.flatMap((row) => rowsLeft(withoutUpdatedAt(row), null)));
    await recomputeSegmentCells(trx, facts.flatMap((row) => segmentCellsLeft(withoutUpdatedAt(row), null)));
    await bumpSumsVersions(trx, facts.map((row) => row.experimentId));
    return { events: Number(deletedEvents.numDeletedRows), facts: Number(deletedFacts.numDeletedRows) };
  });
}

// One purchase per order: the first purchase event of an order claims it in purchase_orders, and
// a later one (a reloaded thank-you page, or the pixel after the webhook) is a duplicate. A claim
// table, not a unique index on events, since PostgreSQL's partitioned events cannot have one.
import type { Transaction } from 'kysely';
import type { Database, EventsTable } from '../db/types.js';
import { eventKey } from './flush-store.js';
import { chunks } from './update-facts.js';

/** A purchase that names its order: the only kind of event that claims one. */
export const claimsOrder = (row: Pick<EventsTable, 'type' | 'orderId'>) => row.type === 'purchase' && row.orderId !== null;

/** Claims the orders of these rows' purchases, in order; returns the eventKey of each purchase that got its order. */
export async function claimOrders(trx: Transaction<Database>, rows: readonly EventsTable[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  const purchases = rows.filter(claimsOrder).map((row) => ({ siteId: row.siteId, orderId: row.orderId!, eventId: row.id }));
  for (const part of chunks(purchases)) {
    // Two purchases of one order in one statement: the first is inserted, the second conflicts with it.
    const returned = await trx.insertInto('purchaseOrders').values(part).onConflict((oc) => oc.doNothing()).returning(['siteId', 'eventId']).execute();
    for (const row of returned) claimed.add(eventKey(row.siteId, row.eventId));
  }
  return claimed;
}

/** Frees the orders these purchase events claimed (the visitor is being erased). */
export async function releaseOrders(trx: Transaction<Database>, purchases: ReadonlyArray<Pick<EventsTable, 'siteId' | 'id' | 'orderId'>>): Promise<void> {
  for (const purchase of purchases) {
    if (purchase.orderId === null) continue;
    await trx.deleteFrom('purchaseOrders').where('siteId', '=', purchase.siteId).where('orderId', '=', purchase.orderId).where('eventId', '=', purchase.id).execute();
  }
}

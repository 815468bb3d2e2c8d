// A shop's signed order truth (server/webhooks/), resolved inside the flush transaction against
// the purchases already stored, so the webhook and the pixel count one purchase per order:
// - an order not yet stored becomes the visitor's purchase, with the shop's amount;
// - an order the pixel stored first keeps its purchase, and a revenue adjustment moves its value
//   to the shop's amount;
// - a refund is a negative revenue adjustment of the order's purchase, for the same visitor.
// Adjustments take the purchase's visitor and timestamp, so they count exactly where it counted.
// Each truth makes events with fixed ids: a replay finds them stored and changes nothing.
import type { Transaction } from 'kysely';
import type { Database } from '../db/types.js';
import type { AcceptedEvent } from './commit.js';
import { REVENUE_ADJUSTMENT } from './vocabulary.js';

export type OrderTruth =
  | { kind: 'order'; orderId: string; value: number; ts: number; visitorId: string | null }
  | { kind: 'refund'; orderId: string; refundId: string; amount: number; ts: number };

export type NotAttributedReason = 'no_visitor' | 'unknown_visitor' | 'unknown_order';

export type OrderTruthOutcome =
  | { result: 'recorded'; visitor: string; change: 'purchase' | 'order_total' | 'refund'; value: number }
  | { result: 'duplicate'; visitor: string }
  | { result: 'not_attributed'; reason: NotAttributedReason };

export const orderEventId = (orderId: string) => `shopify_order_${orderId}`;
export const orderTotalEventId = (orderId: string) => `shopify_order_${orderId}_total`;
export const refundEventId = (refundId: string) => `shopify_refund_${refundId}`;

export interface ResolvedTruth {
  events: AcceptedEvent[];
  outcomes: OrderTruthOutcome[];
}

export async function resolveOrderTruth(trx: Transaction<Database>, siteId: string, truths: readonly OrderTruth[]): Promise<ResolvedTruth> {
  const resolved: ResolvedTruth = { events: [], outcomes: [] };
  for (const truth of truths) {
    const { event, outcome } = await resolveOne(trx, siteId, truth, resolved.events);
    if (event) resolved.events.push(event);
    resolved.outcomes.push(outcome);
  }
  return resolved;
}

async function resolveOne(
  trx: Transaction<Database>,
  siteId: string,
  truth: OrderTruth,
  pending: readonly AcceptedEvent[],
): Promise<{ event: AcceptedEvent | null; outcome: OrderTruthOutcome }> {
  const purchase =
    pending.find((event) => event.type === 'purchase' && event.orderId === truth.orderId) ??
    (await trx
      .selectFrom('events')
      .select(['id', 'visitorId', 'ts', 'value'])
      .where('siteId', '=', siteId)
      .where('type', '=', 'purchase')
      .where('orderId', '=', truth.orderId)
      .executeTakeFirst());
  const adjustment = (id: string, value: number, name: string): AcceptedEvent => ({
    siteId,
    id,
    experimentId: null,
    variantId: null,
    visitorId: purchase!.visitorId,
    type: REVENUE_ADJUSTMENT,
    name,
    ts: purchase!.ts,
    value,
    orderId: truth.orderId,
    props: null,
  });

  if (truth.kind === 'refund') {
    if (!purchase) return { event: null, outcome: { result: 'not_attributed', reason: 'unknown_order' } };
    const id = refundEventId(truth.refundId);
    if (await isStored(trx, siteId, id, pending)) return { event: null, outcome: { result: 'duplicate', visitor: purchase.visitorId } };
    return { event: adjustment(id, -truth.amount, 'refund'), outcome: { result: 'recorded', visitor: purchase.visitorId, change: 'refund', value: -truth.amount } };
  }

  if (purchase) {
    // Ours (a replay, or orders/paid after orders/create), or the pixel's already corrected.
    const totalId = orderTotalEventId(truth.orderId);
    if (purchase.id === orderEventId(truth.orderId) || (await isStored(trx, siteId, totalId, pending))) {
      return { event: null, outcome: { result: 'duplicate', visitor: purchase.visitorId } };
    }
    const delta = truth.value - (purchase.value ?? 0);
    return { event: adjustment(totalId, delta, 'order_total'), outcome: { result: 'recorded', visitor: purchase.visitorId, change: 'order_total', value: delta } };
  }
  if (truth.visitorId === null) return { event: null, outcome: { result: 'not_attributed', reason: 'no_visitor' } };
  const known = await trx.selectFrom('events').select('id').where('siteId', '=', siteId).where('visitorId', '=', truth.visitorId).limit(1).executeTakeFirst();
  if (!known && !pending.some((event) => event.visitorId === truth.visitorId)) {
    return { event: null, outcome: { result: 'not_attributed', reason: 'unknown_visitor' } };
  }
  const event: AcceptedEvent = {
    siteId,
    id: orderEventId(truth.orderId),
    experimentId: null,
    variantId: null,
    visitorId: truth.visitorId,
    type: 'purchase',
    name: null,
    ts: truth.ts,
    value: truth.value,
    orderId: truth.orderId,
    props: null,
  };
  return { event, outcome: { result: 'recorded', visitor: truth.visitorId, change: 'purchase', value: truth.value } };
}

async function isStored(trx: Transaction<Database>, siteId: string, id: string, pending: readonly AcceptedEvent[]): Promise<boolean> {
  if (pending.some((event) => event.id === id)) return true;
  return (await trx.selectFrom('events').select('id').where('siteId', '=', siteId).where('id', '=', id).executeTakeFirst()) !== undefined;
}

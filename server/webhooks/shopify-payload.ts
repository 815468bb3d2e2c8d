// Reading Shopify's order and refund webhooks (pure), in the REST payload shapes Shopify
// documents, into order truth. Shop-currency amounts are taken (total_price_set.shop_money),
// so a multi-currency storefront still sums in the site's one currency.
import type { OrderTruth } from '../collect/order-truth.js';
import { HttpError } from '../errors.js';

export const SHOPIFY_TOPICS = ['orders/create', 'orders/paid', 'refunds/create'] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

/** The cart attribute the snippet sets; Shopify copies it to the order's note_attributes. */
export const VISITOR_ATTRIBUTE = 'candor_vid';
const VISITOR = /^[A-Za-z0-9_.:-]{1,128}$/;
const AMOUNT = /^\d{1,12}(\.\d{1,6})?$/;

export interface ShopifyTruth {
  truth: OrderTruth;
  /** The ISO 4217 code the amount is in, when the payload says. */
  currency: string | null;
}

export function isShopifyTopic(topic: string | undefined): topic is ShopifyTopic {
  return (SHOPIFY_TOPICS as readonly (string | undefined)[]).includes(topic);
}

/** `raw` is the body's text: ids above 2^53 lose digits in JSON.parse, so they are read from it. */
export function readShopifyWebhook(topic: ShopifyTopic, raw: string, now: number): ShopifyTruth {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError('invalid_json', 'The body is not valid JSON.');
  }
  if (!isObject(body)) throw new HttpError('invalid_field', 'The body must be a JSON object.');
  return topic === 'refunds/create' ? readRefund(body, raw, now) : readOrder(body, raw, now);
}

function readOrder(order: Record<string, unknown>, raw: string, now: number): ShopifyTruth {
  const gid = typeof order.admin_graphql_api_id === 'string' ? /^gid:\/\/shopify\/Order\/(\d+)$/.exec(order.admin_graphql_api_id)?.[1] : undefined;
  const orderId = gid ?? integerId(order.id, raw, 'id');
  if (!orderId) throw new HttpError('invalid_field', 'id: the order has no numeric id.', 'id');
  const shop = moneyOf(order.total_price_set);
  const amount = shop?.amount ?? order.total_price;
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) {
    throw new HttpError('invalid_field', 'total_price_set.shop_money.amount: the order has no total such as "59.90".', 'total_price_set');
  }
  const currency = shop?.currency ?? (typeof order.currency === 'string' ? order.currency : null);
  return { truth: { kind: 'order', orderId, value: Number(amount), ts: timeOf(order.created_at, now), visitorId: visitorOf(order.note_attributes) }, currency };
}

/**
 * A refund's amount is what went back to the buyer: its successful refund transactions. Those are
 * in the buyer's (presentment) currency, so when they name another currency than the shop's the
 * shop-money subtotals, taxes and adjustments (shipping refunds, negative there) are summed instead.
 */
function readRefund(refund: Record<string, unknown>, raw: string, now: number): ShopifyTruth {
  const refundId = integerId(refund.id, raw, 'id');
  if (!refundId) throw new HttpError('invalid_field', 'id: the refund has no numeric id.', 'id');
  const orderId = integerId(refund.order_id, raw, 'order_id');
  if (!orderId) throw new HttpError('invalid_field', 'order_id: the refund names no order.', 'order_id');
  const transactions = arrayOf(refund.transactions).filter((t) => t.kind === 'refund' && (t.status === undefined || t.status === 'success'));
  const currencies = new Set(transactions.map((t) => (typeof t.currency === 'string' ? t.currency : null)));
  const shopLines = shopMoneyTotal(refund);
  if (transactions.length > 0 && (shopLines === null || (currencies.size === 1 && !currencies.has(null) && shopLines.currency === [...currencies][0]))) {
    const amounts = transactions.map((t) => t.amount);
    if (!amounts.every((a) => typeof a === 'string' && AMOUNT.test(a))) throw new HttpError('invalid_field', 'transactions[].amount: must be amounts such as "20.00".', 'transactions');
    const currency = currencies.size === 1 ? [...currencies][0]! : null;
    return { truth: { kind: 'refund', orderId, refundId, amount: sum(amounts as string[]), ts: timeOf(refund.created_at, now) }, currency };
  }
  if (shopLines === null) throw new HttpError('invalid_field', 'transactions: the refund has no refund transaction or refunded line.', 'transactions');
  return { truth: { kind: 'refund', orderId, refundId, amount: shopLines.amount, ts: timeOf(refund.created_at, now) }, currency: shopLines.currency };
}

function shopMoneyTotal(refund: Record<string, unknown>): { amount: number; currency: string | null } | null {
  const parts: Array<{ amount: string; currency: string | null }> = [];
  for (const line of arrayOf(refund.refund_line_items)) {
    for (const set of [line.subtotal_set, line.total_tax_set]) {
      const money = moneyOf(set);
      if (money) parts.push(money);
    }
  }
  if (parts.length === 0) return null;
  let amount = sum(parts.map((part) => part.amount));
  for (const adjustment of arrayOf(refund.order_adjustments)) {
    const money = moneyOf(adjustment.amount_set);
    // Shipping refunds are negative adjustments of the order: they add to what went back.
    if (money) amount = sum([String(amount), String(-Number(money.amount))]);
  }
  return { amount, currency: parts[0]!.currency };
}

function moneyOf(set: unknown): { amount: string; currency: string | null } | null {
  if (!isObject(set) || !isObject(set.shop_money)) return null;
  const { amount, currency_code } = set.shop_money;
  if (typeof amount !== 'string' || !/^-?\d{1,12}(\.\d{1,6})?$/.test(amount)) return null;
  return { amount, currency: typeof currency_code === 'string' ? currency_code : null };
}

function visitorOf(attributes: unknown): string | null {
  for (const attribute of arrayOf(attributes)) {
    if (attribute.name === VISITOR_ATTRIBUTE && typeof attribute.value === 'string' && VISITOR.test(attribute.value)) return attribute.value;
  }
  return null;
}

/** A numeric id as text: from a safe integer, a digit string, or (past 2^53) the raw body's first `"key": digits`. */
function integerId(value: unknown, raw: string, key: string): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value)) return new RegExp(`"${key}"\\s*:\\s*(\\d{1,20})\\b`).exec(raw)?.[1] ?? null;
  return null;
}

/** Order time for the purchase (never in the future); now when the payload has none. */
function timeOf(value: unknown, now: number): number {
  const ts = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ts) ? Math.min(ts, now) : now;
}

/** Sums decimal amounts in integer millionths, so "19.99" + "0.01" is exactly 20. */
function sum(amounts: readonly string[]): number {
  let micros = 0;
  for (const amount of amounts) micros += Math.round(Number(amount) * 1e6);
  return micros / 1e6;
}

function arrayOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

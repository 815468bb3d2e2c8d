// Shopify webhook bodies in the REST payload shapes Shopify documents for orders/create and
// refunds/create (fields trimmed to those that matter here, plus a few around them), written
// for these tests and signed with a test secret, as Shopify signs them.
import { signShopifyBody } from '../../server/webhooks/shopify-signature.js';
import type { TestApp } from '../helpers/app.js';

export const TEST_SECRET = 'shpss_0123456789abcdef0123456789abcdef';

export function orderPayload(orderId: number, visitor: string | null, total = '59.90', currency = 'USD') {
  return {
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    name: '#1001',
    email: 'buyer@example.com',
    created_at: '2026-11-24T11:59:55+00:00',
    currency,
    presentment_currency: currency,
    financial_status: 'paid',
    total_price: total,
    subtotal_price: total,
    total_tax: '0.00',
    current_total_price: total,
    total_price_set: { shop_money: { amount: total, currency_code: currency }, presentment_money: { amount: total, currency_code: currency } },
    note: null,
    note_attributes: visitor === null ? [] : [{ name: 'gift_wrap', value: 'no' }, { name: 'candor_vid', value: visitor }],
    line_items: [{ id: 866550311766439000, product_id: 632910392, title: 'Gold ring', quantity: 1, price: total, price_set: { shop_money: { amount: total, currency_code: currency } } }],
  };
}

export function refundPayload(refundId: number, orderId: number, amount: string, currency = 'USD') {
  return {
    id: refundId,
    order_id: orderId,
    created_at: '2026-11-24T11:55:00+00:00',
    note: 'Returned one ring',
    restock: true,
    admin_graphql_api_id: `gid://shopify/Refund/${refundId}`,
    refund_line_items: [
      {
        id: 104689539,
        quantity: 1,
        line_item_id: 866550311766439000,
        restock_type: 'return',
        subtotal: amount,
        total_tax: '0.00',
        subtotal_set: { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } },
        total_tax_set: { shop_money: { amount: '0.00', currency_code: currency }, presentment_money: { amount: '0.00', currency_code: currency } },
      },
    ],
    transactions: [
      { id: 245135969, order_id: orderId, kind: 'refund', gateway: 'bogus', status: 'success', amount, currency, parent_id: 801038806 },
    ],
    order_adjustments: [],
  };
}

export interface Delivery {
  topic?: string;
  secret?: string | null;
  /** A signature to send as it is instead of the body's. */
  signature?: string | null;
  webhookId?: string;
  raw?: string;
}

/** Posts a body as Shopify does: raw JSON, topic, webhook id and the HMAC of the exact bytes. */
export async function deliver(t: TestApp, site: { publicKey: string }, payload: unknown, options: Delivery = {}) {
  const raw = options.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-shopify-topic': options.topic ?? 'orders/create',
    'x-shopify-webhook-id': options.webhookId ?? 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'x-shopify-shop-domain': 'aurum.myshopify.com',
  };
  const signature = options.signature !== undefined ? options.signature : signShopifyBody(Buffer.from(raw), options.secret ?? TEST_SECRET);
  if (signature !== null) headers['x-shopify-hmac-sha256'] = signature;
  return t.call('POST', `/v1/webhooks/shopify?site=${site.publicKey}`, undefined, { token: null, raw, headers });
}

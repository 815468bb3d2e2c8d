// Reading Shopify's documented order and refund payloads (pure): ids, shop-currency amounts,
// the visitor's cart attribute, and signatures over the exact bytes.
import { describe, expect, it } from 'vitest';
import { readShopifyWebhook } from '../../server/webhooks/shopify-payload.js';
import { checkShopifySignature, signShopifyBody } from '../../server/webhooks/shopify-signature.js';
import { orderPayload, refundPayload, TEST_SECRET } from './shopify-fixtures.js';

const NOW = Date.UTC(2026, 10, 24, 12);

describe('readShopifyWebhook', () => {
  it('reads an order\'s id, shop-money total, time and candor_vid', () => {
    const read = readShopifyWebhook('orders/create', JSON.stringify(orderPayload(5678901234567, 'v-1', '59.90')), NOW);
    expect(read).toEqual({ truth: { kind: 'order', orderId: '5678901234567', value: 59.9, ts: Date.UTC(2026, 10, 24, 11, 59, 55), visitorId: 'v-1' }, currency: 'USD' });
  });

  it('takes the shop money of a multi-currency order, not what the buyer saw', () => {
    const order = { ...orderPayload(1, 'v-1', '100.00', 'EUR'), presentment_currency: 'CHF', total_price_set: { shop_money: { amount: '100.00', currency_code: 'EUR' }, presentment_money: { amount: '97.40', currency_code: 'CHF' } } };
    expect(readShopifyWebhook('orders/paid', JSON.stringify(order), NOW)).toMatchObject({ truth: { value: 100 }, currency: 'EUR' });
  });

  it('keeps every digit of an order id past 2^53', () => {
    const raw = JSON.stringify({ ...orderPayload(1, 'v-1'), admin_graphql_api_id: undefined }).replace('"id":1,', '"id":820982911946154508,');
    expect(readShopifyWebhook('orders/create', raw, NOW).truth).toMatchObject({ orderId: '820982911946154508' });
    const refund = JSON.stringify(refundPayload(2, 1, '5.00')).replace(/"order_id":1\b/g, '"order_id":820982911946154508');
    expect(readShopifyWebhook('refunds/create', refund, NOW).truth).toMatchObject({ orderId: '820982911946154508', refundId: '2' });
  });

  it('sums a refund\'s successful refund transactions exactly, and ignores failed ones', () => {
    const refund = refundPayload(9, 1, '19.99');
    refund.transactions.push({ ...refund.transactions[0]!, id: 2, amount: '0.01' }, { ...refund.transactions[0]!, id: 3, amount: '50.00', status: 'failure' });
    expect(readShopifyWebhook('refunds/create', JSON.stringify(refund), NOW)).toMatchObject({ truth: { kind: 'refund', amount: 20, refundId: '9', orderId: '1' }, currency: 'USD' });
  });

  it('sums the shop-money lines, taxes and shipping refund of a refund paid back in another currency', () => {
    const refund = {
      ...refundPayload(9, 1, '40.00', 'EUR'),
      transactions: [{ id: 1, order_id: 1, kind: 'refund', status: 'success', amount: '47.00', currency: 'CHF' }],
      order_adjustments: [{ id: 5, kind: 'shipping_refund', amount: '-4.50', amount_set: { shop_money: { amount: '-4.50', currency_code: 'EUR' } } }],
    };
    refund.refund_line_items[0]!.total_tax_set.shop_money.amount = '3.20';
    expect(readShopifyWebhook('refunds/create', JSON.stringify(refund), NOW)).toMatchObject({ truth: { amount: 47.7 }, currency: 'EUR' });
  });

  it('refuses a body that is not JSON, not an object, or lacks what it needs, naming the field', () => {
    expect(() => readShopifyWebhook('orders/create', '{', NOW)).toThrow(expect.objectContaining({ code: 'invalid_json' }));
    expect(() => readShopifyWebhook('orders/create', '[]', NOW)).toThrow(expect.objectContaining({ code: 'invalid_field' }));
    expect(() => readShopifyWebhook('orders/create', JSON.stringify({ ...orderPayload(1, null), total_price: 'lots', total_price_set: null }), NOW)).toThrow(
      expect.objectContaining({ field: 'total_price_set' }),
    );
    expect(() => readShopifyWebhook('refunds/create', JSON.stringify({ ...refundPayload(1, 1, '1.00'), transactions: [], refund_line_items: [] }), NOW)).toThrow(
      expect.objectContaining({ field: 'transactions' }),
    );
  });
});

describe('checkShopifySignature', () => {
  const body = Buffer.from('{"id":1}');
  it('verifies the base64 HMAC-SHA256 of the exact bytes and refuses anything else', () => {
    const signature = signShopifyBody(body, TEST_SECRET);
    expect(checkShopifySignature(body, signature, TEST_SECRET)).toBe('verified');
    expect(checkShopifySignature(Buffer.from('{"id": 1}'), signature, TEST_SECRET)).toBe('invalid_signature');
    expect(checkShopifySignature(body, signature, 'another-secret-0000')).toBe('invalid_signature');
    expect(checkShopifySignature(body, signature.slice(0, 20), TEST_SECRET)).toBe('invalid_signature');
    expect(checkShopifySignature(body, 'ü'.repeat(44), TEST_SECRET)).toBe('invalid_signature');
    expect(checkShopifySignature(body, undefined, TEST_SECRET)).toBe('missing_signature');
    expect(checkShopifySignature(body, '', TEST_SECRET)).toBe('missing_signature');
  });
});

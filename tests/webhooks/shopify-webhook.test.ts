// POST /v1/webhooks/shopify: signed orders and refunds become the visitor's purchase and net
// revenue, once per order, in facts and sums; replays change nothing; unsigned, mis-signed and
// stale-signed deliveries are refused and store nothing; `verify` stays clean.
import { expect, it } from 'vitest';
import { verifyCommand } from '../../server/cli/verify.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { loadConfig } from '../../server/config.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';
import { armEvent, armOf, event, runningSetup, send } from '../collect/helpers.js';
import { deliver, orderPayload, refundPayload, TEST_SECRET } from './shopify-fixtures.js';

const VISITOR = 'v-shopify-1';
const ORDER = 5_678_901_234_567;

async function shopWithExposedVisitor(t: TestApp) {
  const { site, experiment } = await runningSetup(t);
  const patched = await t.call('PATCH', `/api/sites/${site.id}`, { shopifyWebhookSecret: TEST_SECRET });
  expect(patched.status).toBe(200);
  const exposed = await send(t, site, VISITOR, [armEvent(experiment, VISITOR, 'exposure', t.clock.now - 10_000)]);
  expect(exposed.body.accepted).toBe(1);
  return { site, experiment, arm: armOf(experiment, VISITOR) };
}

async function factOf(database: TestDatabase, visitor = VISITOR) {
  return database.db.selectFrom('visitorFacts').selectAll().where('visitorId', '=', visitor).executeTakeFirst();
}

async function revenueSums(database: TestDatabase, variantId: string) {
  const rows = await database.db.selectFrom('variantDailySums').selectAll().where('variantId', '=', variantId).where('metric', 'in', ['revenue', 'purchased']).execute();
  return Object.fromEntries(rows.map((row) => [row.metric, { n: Number(row.n), sumX: row.sumX }]));
}

/** What `npm run candor -- verify` runs, and its last line. */
async function expectVerifyClean(database: TestDatabase) {
  const report = await verifyConsistency(database.db);
  expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  const lines: string[] = [];
  await verifyCommand({ db: database.db, dialect: database.dialect, config: loadConfig({}), out: (line: string) => lines.push(line), now: Date.now });
  expect(lines.at(-1)).toBe('Everything matches.');
}

async function storedRows(database: TestDatabase) {
  const events = await database.db.selectFrom('events').select(['id', 'type', 'value']).orderBy('id').execute();
  const facts = await database.db.selectFrom('visitorFacts').selectAll().execute();
  const sums = await database.db.selectFrom('variantDailySums').selectAll().orderBy('metric').orderBy('variantId').execute();
  return { events, facts, sums };
}

describeEachDialect('Shopify order webhooks', (database) => {
  it('credits an order to the visitor\'s arm and takes a partial refund off its revenue exactly', async () => {
    const t = buildTestApp(database());
    const { site, arm } = await shopWithExposedVisitor(t);

    const order = await deliver(t, site, orderPayload(ORDER, VISITOR, '59.90'));
    expect(order.status).toBe(200);
    expect(order.body).toEqual({ topic: 'orders/create', order: String(ORDER), result: 'recorded', visitor: VISITOR, change: 'purchase', value: 59.9 });
    const refund = await deliver(t, site, refundPayload(929361464, ORDER, '20.10'), { topic: 'refunds/create', webhookId: 'refund-delivery-1' });
    expect(refund.status).toBe(200);
    expect(refund.body).toEqual({ topic: 'refunds/create', order: String(ORDER), refund: '929361464', result: 'recorded', visitor: VISITOR, change: 'refund', value: -20.1 });

    const fact = await factOf(database());
    expect(fact).toMatchObject({ variantId: arm.id, purchased: 1 });
    expect(fact!.revenue).toBeCloseTo(39.8, 9);
    const sums = await revenueSums(database(), arm.id);
    expect(sums.purchased).toEqual({ n: 1, sumX: 1 });
    expect(sums.revenue!.n).toBe(1);
    expect(sums.revenue!.sumX).toBeCloseTo(39.8, 9);
    const results = await t.call('GET', `/api/experiments/${fact!.experimentId}/results`);
    expect(results.status).toBe(200);
    await expectVerifyClean(database());

    const site2 = (await t.call('GET', `/api/sites/${site.id}`)).body;
    expect(site2.shopifyWebhook).toEqual({ secretSet: true, lastAt: t.clock.now, lastResult: 'verified' });
    expect(JSON.stringify(site2)).not.toContain(TEST_SECRET);
  });

  it('changes nothing on a replay of the order, of orders/paid for it, or of the refund', async () => {
    const t = buildTestApp(database());
    const { site } = await shopWithExposedVisitor(t);
    await deliver(t, site, orderPayload(ORDER, VISITOR));
    await deliver(t, site, refundPayload(929361464, ORDER, '20.10'), { topic: 'refunds/create', webhookId: 'r1' });
    const before = await storedRows(database());

    const replays = [
      await deliver(t, site, orderPayload(ORDER, VISITOR)),
      await deliver(t, site, orderPayload(ORDER, VISITOR), { topic: 'orders/paid', webhookId: 'paid-1' }),
      await deliver(t, site, refundPayload(929361464, ORDER, '20.10'), { topic: 'refunds/create', webhookId: 'r1' }),
    ];
    expect(replays.map((reply) => [reply.status, reply.body.result])).toEqual([
      [200, 'duplicate'],
      [200, 'duplicate'],
      [200, 'duplicate'],
    ]);
    expect(await storedRows(database())).toEqual(before);
    await expectVerifyClean(database());
  });

  it('refuses a missing, a wrong and a stale signature, and a site with no secret, with 401 and nothing stored', async () => {
    const t = buildTestApp(database());
    const { site } = await shopWithExposedVisitor(t);
    const before = await storedRows(database());
    const body = orderPayload(ORDER, VISITOR);

    const missing = await deliver(t, site, body, { signature: null });
    expect([missing.status, missing.body.error.code]).toEqual([401, 'missing_signature']);
    const wrong = await deliver(t, site, body, { secret: 'shpss_not-the-secret-at-all-0000' });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_signature']);
    const garbage = await deliver(t, site, body, { signature: 'not base64!' });
    expect([garbage.status, garbage.body.error.code]).toEqual([401, 'invalid_signature']);
    // Signed for another body: the exact bytes are what is signed.
    const tampered = await deliver(t, site, body, { raw: JSON.stringify(orderPayload(ORDER, VISITOR, '0.01')), signature: (await import('../../server/webhooks/shopify-signature.js')).signShopifyBody(Buffer.from(JSON.stringify(body)), TEST_SECRET) });
    expect([tampered.status, tampered.body.error.code]).toEqual([401, 'invalid_signature']);

    // The secret is rotated: a delivery signed with the old one is refused.
    await t.call('PATCH', `/api/sites/${site.id}`, { shopifyWebhookSecret: 'shpss_the-new-secret-0123456789ab' });
    const stale = await deliver(t, site, body);
    expect([stale.status, stale.body.error.code]).toEqual([401, 'invalid_signature']);
    expect((await t.call('GET', `/api/sites/${site.id}`)).body.shopifyWebhook).toEqual({ secretSet: true, lastAt: t.clock.now, lastResult: 'invalid_signature' });

    // Cleared with null: every delivery is refused until a secret is set again.
    const cleared = await t.call('PATCH', `/api/sites/${site.id}`, { shopifyWebhookSecret: null });
    expect(cleared.body.shopifyWebhook.secretSet).toBe(false);
    const unset = await deliver(t, site, body);
    expect([unset.status, unset.body.error.code]).toEqual([401, 'webhook_secret_not_set']);

    expect(await storedRows(database())).toEqual(before);
  });

  it('counts a pixel purchase with a gid order id and the webhook for that order once, at the webhook\'s amount', async () => {
    const t = buildTestApp(database());
    const { site, arm } = await shopWithExposedVisitor(t);
    const pixel = await send(t, site, VISITOR, [event('purchase', t.clock.now - 4000, { value: 61.5, order: `gid://shopify/OrderIdentity/${ORDER}`, currency: 'USD' })], {
      'content-type': 'application/json',
    });
    expect(pixel.body.accepted).toBe(1);
    const hook = await deliver(t, site, orderPayload(ORDER, VISITOR, '59.90'));
    expect(hook.body).toMatchObject({ result: 'recorded', change: 'order_total' });
    expect(hook.body.value).toBeCloseTo(-1.6, 9);
    // The pixel again (a reloaded page, with the plain order gid): a duplicate.
    const again = await send(t, site, VISITOR, [event('purchase', t.clock.now - 3000, { value: 61.5, order: `gid://shopify/Order/${ORDER}` })]);
    expect([again.body.accepted, again.body.duplicates]).toEqual([0, 1]);
    expect((await deliver(t, site, orderPayload(ORDER, VISITOR, '59.90'))).body.result).toBe('duplicate');

    const fact = await factOf(database());
    expect(fact!.purchased).toBe(1);
    expect(fact!.revenue).toBeCloseTo(59.9, 9);
    expect((await revenueSums(database(), arm.id)).revenue!.sumX).toBeCloseTo(59.9, 9);
    await expectVerifyClean(database());
  });

  it('takes the webhook\'s purchase first and refuses the later pixel purchase of that order as a duplicate', async () => {
    const t = buildTestApp(database());
    const { site } = await shopWithExposedVisitor(t);
    await deliver(t, site, orderPayload(ORDER, VISITOR, '59.90'));
    const pixel = await send(t, site, VISITOR, [event('purchase', t.clock.now - 1000, { value: 70, order: `gid://shopify/OrderIdentity/${ORDER}` })]);
    expect([pixel.body.accepted, pixel.body.duplicates]).toEqual([0, 1]);
    expect((await factOf(database()))!.revenue).toBeCloseTo(59.9, 9);
    await expectVerifyClean(database());
  });

  it('answers 200 without attributing an order with no candor_vid, an unknown visitor, or a refund of an unknown order', async () => {
    const t = buildTestApp(database());
    const { site } = await shopWithExposedVisitor(t);
    const before = await storedRows(database());
    const none = await deliver(t, site, orderPayload(ORDER, null));
    expect([none.status, none.body.result, none.body.reason]).toEqual([200, 'not_attributed', 'no_visitor']);
    const stranger = await deliver(t, site, orderPayload(ORDER + 1, 'v-never-seen'));
    expect([stranger.status, stranger.body.result, stranger.body.reason]).toEqual([200, 'not_attributed', 'unknown_visitor']);
    const refund = await deliver(t, site, refundPayload(1, ORDER + 2, '5.00'), { topic: 'refunds/create' });
    expect([refund.status, refund.body.result, refund.body.reason]).toEqual([200, 'not_attributed', 'unknown_order']);
    expect(await storedRows(database())).toEqual(before);
  });

  it('gives a signed but malformed, unknown-topic, incomplete or other-currency delivery a clear 4xx code', async () => {
    const t = buildTestApp(database());
    const { site } = await shopWithExposedVisitor(t);
    const before = await storedRows(database());
    const malformed = await deliver(t, site, null, { raw: '{"id": 1,' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'invalid_json']);
    const topic = await deliver(t, site, orderPayload(ORDER, VISITOR), { topic: 'products/update' });
    expect([topic.status, topic.body.error.code]).toEqual([400, 'unknown_topic']);
    const { total_price: _a, total_price_set: _b, ...noTotal } = orderPayload(ORDER, VISITOR);
    const incomplete = await deliver(t, site, noTotal);
    expect([incomplete.status, incomplete.body.error.code]).toEqual([400, 'invalid_field']);
    const noOrder = await deliver(t, site, { ...refundPayload(7, ORDER, '1.00'), order_id: null }, { topic: 'refunds/create' });
    expect([noOrder.status, noOrder.body.error.code, noOrder.body.error.field]).toEqual([400, 'invalid_field', 'order_id']);
    const euros = await deliver(t, site, orderPayload(ORDER, VISITOR, '59.90', 'EUR'));
    expect([euros.status, euros.body.error.code, euros.body.error.field]).toEqual([422, 'currency_mismatch', 'currency']);
    const unknownSite = await deliver(t, { publicKey: 'pk_nosuchsite' }, orderPayload(ORDER, VISITOR));
    expect([unknownSite.status, unknownSite.body.error.code]).toEqual([404, 'unknown_site']);

    expect((await storedRows(database())).events).toEqual(before.events);
    const drops = await t.call('GET', `/api/sites/${site.id}/drops`);
    expect(drops.body.totals.currency_mismatch).toBe(1);
  });
});

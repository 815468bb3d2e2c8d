// A site has one currency: set on create or edit (USD when never chosen); a revenue event in
// another currency is refused as currency_mismatch and counted in the drops, never added.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { siteBody } from '../helpers/fixtures.js';
import { armEvent, event, runningSetup, send } from './helpers.js';

describeEachDialect('site currency', (database) => {
  it('is USD unless chosen, takes an ISO 4217 code on create and edit, and refuses anything else naming the field', async () => {
    const t = buildTestApp(database());
    const plain = await t.call('POST', '/api/sites', siteBody());
    expect(plain.body).toMatchObject({ currency: 'USD', shopifyWebhook: { secretSet: false, lastAt: null, lastResult: null } });
    const euro = await t.call('POST', '/api/sites', siteBody({ currency: 'EUR' }));
    expect(euro.body.currency).toBe('EUR');
    const edited = await t.call('PATCH', `/api/sites/${plain.body.id}`, { currency: 'GBP' });
    expect(edited.body.currency).toBe('GBP');
    for (const bad of ['eur', 'EURO', 'E1R', 978]) {
      const reply = await t.call('PATCH', `/api/sites/${plain.body.id}`, { currency: bad });
      expect([reply.status, reply.body.error.code, reply.body.error.field]).toEqual([400, 'invalid_field', 'currency']);
    }
  });

  it('never returns the Shopify webhook secret, only whether one is set; null clears it', async () => {
    const t = buildTestApp(database());
    const secret = 'shpss_a-secret-nobody-may-read-0001';
    const created = await t.call('POST', '/api/sites', siteBody({ shopifyWebhookSecret: secret }));
    expect(created.status).toBe(201);
    expect(created.body.shopifyWebhook.secretSet).toBe(true);
    const replies = [created, await t.call('GET', `/api/sites/${created.body.id}`), await t.call('GET', '/api/sites')];
    for (const reply of replies) expect(JSON.stringify(reply.body)).not.toContain(secret);
    const short = await t.call('PATCH', `/api/sites/${created.body.id}`, { shopifyWebhookSecret: 'short' });
    expect([short.status, short.body.error.field]).toEqual([400, 'shopifyWebhookSecret']);
    const cleared = await t.call('PATCH', `/api/sites/${created.body.id}`, { shopifyWebhookSecret: null });
    expect(cleared.body.shopifyWebhook.secretSet).toBe(false);
  });

  it('refuses a purchase or add-to-cart in another currency as currency_mismatch, counts it, and keeps the rest of the batch', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t, {}, { currency: 'EUR' });
    const now = t.clock.now;
    const visitor = 'v-currency';
    const reply = await send(t, site, visitor, [
      armEvent(experiment, visitor, 'exposure', now - 5000),
      event('purchase', now - 4000, { value: 80, order: 'o-usd', currency: 'USD' }),
      event('add_to_cart', now - 3000, { value: 80, currency: 'USD' }),
      event('purchase', now - 2000, { value: 70, order: 'o-eur', currency: 'EUR' }),
      event('purchase', now - 1000, { value: 60, order: 'o-site' }),
      event('purchase', now - 1000, { value: 60, order: 'o-bad', currency: 'eur' }),
    ]);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({
      accepted: 3,
      duplicates: 0,
      rejected: [
        { index: 1, code: 'currency_mismatch', field: 'currency' },
        { index: 2, code: 'currency_mismatch', field: 'currency' },
        { index: 5, code: 'invalid_event', field: 'currency' },
      ],
      dropped: {},
    });
    const fact = await database().db.selectFrom('visitorFacts').selectAll().where('visitorId', '=', visitor).executeTakeFirstOrThrow();
    expect(fact.revenue).toBe(130);
    const drops = await t.call('GET', `/api/sites/${site.id}/drops`);
    expect(drops.body.totals).toMatchObject({ currency_mismatch: 2, invalid_event: 1 });
  });
});

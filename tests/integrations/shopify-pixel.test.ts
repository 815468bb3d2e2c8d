// The Shopify custom pixel as served to admins, and /v1/events taking what such a pixel sends:
// JSON from the opaque origin "null", preflighted. (The pixel running in Chromium, in a sandboxed
// iframe, is tests/integrations/shopify-pixel.browser.test.ts.)
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, armOf, event, runningSetup, send } from '../collect/helpers.js';

describeEachDialect('the Shopify custom pixel', (database) => {
  const pixelPath = (siteId: string) => `/api/sites/${siteId}/integrations/shopify-pixel`;

  it('serves the site\'s pixel as JavaScript, with its key and Candor\'s public events address', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_PUBLIC_URL: 'https://candor.aurum.example' } });
    const { site } = await runningSetup(t);
    const reply = await t.call('GET', pixelPath(site.id));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(reply.body).toContain(`const CANDOR_SITE = "${site.publicKey}";`);
    expect(reply.body).toContain('const CANDOR_EVENTS = "https://candor.aurum.example/v1/events";');
    expect(reply.body).toContain("analytics.subscribe('checkout_completed'");
    // The code a merchant pastes parses as JavaScript (the sandbox's globals are not needed to parse it).
    expect(() => new Function('analytics', 'browser', 'init', 'api', reply.body)).not.toThrow();
  });

  it('posts JSON with keepalive, with Shopify\'s event id made to fit Candor\'s id pattern and the order id as given', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_PUBLIC_URL: 'https://candor.aurum.example' } });
    const { site } = await runningSetup(t);
    const code = (await t.call('GET', pixelPath(site.id))).body as string;
    // The pixel's globals, as plain stand-ins: the browser test runs it in Chromium's sandbox.
    const subscribers: Record<string, (event: unknown) => void> = {};
    const posts: Array<{ url: string; init: any }> = [];
    const run = new Function('analytics', 'browser', 'init', 'api', 'fetch', code);
    run(
      { subscribe: (name: string, fn: (event: unknown) => void) => void (subscribers[name] = fn) },
      { localStorage: { getItem: async (key: string) => (key === 'candor_vid' ? '0194c3a1b2c37d4e8f0a1b2c3d4e5f60' : null) } },
      { customerPrivacy: { analyticsProcessingAllowed: true } },
      { customerPrivacy: { subscribe: () => Promise.resolve() } },
      async (url: string, init: any) => void posts.push({ url, init }),
    );
    subscribers.checkout_completed!({
      id: 'sh-88153c5a-8F2D.4CCA/3231:EF5C',
      timestamp: '2026-11-24T12:00:00.000Z',
      data: { checkout: { currencyCode: 'EUR', totalPrice: { amount: 270.5, currencyCode: 'EUR' }, order: { id: 'gid://shopify/OrderIdentity/5001' } } },
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('https://candor.aurum.example/v1/events');
    expect(posts[0]!.init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(posts[0]!.init.body)).toEqual({
      site: site.publicKey,
      visitor: '0194c3a1b2c37d4e8f0a1b2c3d4e5f60',
      events: [
        { id: 'sh-88153c5a-8F2D_4CCA_3231_EF5C', type: 'purchase', ts: Date.UTC(2026, 10, 24, 12), value: 270.5, currency: 'EUR', order: 'gid://shopify/OrderIdentity/5001' },
      ],
    });
  });

  it('is for admins only, and answers 404 for a site that does not exist', async () => {
    const t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const anonymous = await t.call('GET', pixelPath(site.id), undefined, { token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');
    const wrong = await t.call('GET', pixelPath(site.id), undefined, { token: 'not-the-admin-token-at-all' });
    expect(wrong.status).toBe(401);
    const unknown = await t.call('GET', pixelPath('no-such-site'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });
});

describeEachDialect('/v1/events from the opaque origin "null" (a sandboxed pixel)', (database) => {
  const json = { 'content-type': 'application/json', origin: 'null' };

  it('answers the preflight of a JSON post from Origin: null', async () => {
    const t = buildTestApp(database());
    const response = await t.app.request('/v1/events', {
      method: 'OPTIONS',
      headers: { origin: 'null', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('null');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('accepts site-wide conversions from Origin: null and lets the page read the answer', async () => {
    const t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const events = [
      event('add_to_cart', t.clock.now, { value: 129 }),
      event('purchase', t.clock.now, { value: 258, order: 'gid://shopify/OrderIdentity/5001' }),
    ];
    const reply = await send(t, site, 'shopper-1', events, json);
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ accepted: 2, rejected: [] });
    expect(reply.headers.get('access-control-allow-origin')).toBe('null');
    const stored = await database().db.selectFrom('events').select(['type', 'value', 'orderId', 'visitorId']).orderBy('type').execute();
    expect(stored.map((row) => ({ ...row, value: Number(row.value) }))).toEqual([
      { type: 'add_to_cart', value: 129, orderId: null, visitorId: 'shopper-1' },
      { type: 'purchase', value: 258, orderId: '5001', visitorId: 'shopper-1' }, // the gid stored as the order's number
    ]);
  });

  it('holds Origin: null to what a server without an Origin gets: the site key and the running experiment', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const visitor = 'shopper-2';
    const other = experiment.variants.find((variant: any) => variant.key !== armOf(experiment, visitor).key);
    const reply = await send(
      t,
      site,
      visitor,
      [armEvent(experiment, visitor, 'exposure', t.clock.now), event('exposure', t.clock.now, { experiment: experiment.key, variant: other.key }), event('click', t.clock.now, { experiment: 'nope', variant: 'x' })],
      json,
    );
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({
      accepted: 1,
      rejected: [
        { index: 1, code: 'variant_mismatch', field: 'variant' },
        { index: 2, code: 'unknown_experiment', field: 'experiment' },
      ],
    });
    const unknownSite = await send(t, { publicKey: `pk_${'Z'.repeat(30)}` }, visitor, [event('add_to_cart', t.clock.now)], json);
    expect(unknownSite.status).toBe(404);
  });

  it('drops a crawler\'s JSON post from Origin: null as a bot: a browser sent it', async () => {
    const t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const reply = await send(t, site, 'crawler-1', [event('add_to_cart', t.clock.now, { value: 1 })], { ...json, 'user-agent': googlebot });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ accepted: 0, dropped: { bot: 1 } });
  });

  it('still refuses Origin: null on the config route, which serves only the site\'s pages', async () => {
    const t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const reply = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null, headers: { origin: 'null' } });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('origin_not_allowed');
  });
});

// The dashboard's pages and files: one shell for every client path under a strict CSP, the built
// script and styles with ETags and compression, the API's paths left alone; and the
// installation check behind the admin guard.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus } from '../helpers/fixtures.js';

describeEachDialect('dashboard pages', (database) => {
  describe('happy path', () => {
    it.each(['/', '/login', '/welcome', '/import', '/sites/new', '/sites/abc', '/sites/abc/experiments/new', '/experiments/abc', '/experiments/abc/edit'])(
      'serves the page shell at %s under a strict Content-Security-Policy',
      async (path) => {
        const t = buildTestApp(database());
        const response = await t.app.request(path);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        const csp = response.headers.get('content-security-policy')!;
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        const html = await response.text();
        expect(html).toMatch(/<script type="module" src="\/dashboard\/app\.js\?v=[\w-]+"><\/script>/);
        // No inline script: every <script> has a src.
        expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
      },
    );

    it('serves the script and styles with their types, an ETag, gzip, and long caching for the versioned URL', async () => {
      const t = buildTestApp(database());
      const html = await (await t.app.request('/')).text();
      const script = /src="(\/dashboard\/app\.js\?v=[^"]+)"/.exec(html)![1]!;
      const style = /href="(\/dashboard\/app\.css\?v=[^"]+)"/.exec(html)![1]!;
      const js = await t.app.request(script, { headers: { 'accept-encoding': 'gzip' } });
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(js.headers.get('content-encoding')).toBe('gzip');
      expect(js.headers.get('cache-control')).toContain('immutable');
      expect(gunzipSync(Buffer.from(await js.arrayBuffer())).length).toBeGreaterThan(1000);
      const etag = js.headers.get('etag')!;
      const again = await t.app.request(script, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
      expect(again.status).toBe(304);
      const css = await t.app.request(style);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(css.headers.get('etag')).toMatch(/^"/);
      const bare = await t.app.request('/dashboard/app.js');
      expect(bare.headers.get('cache-control')).toBe('no-cache');
    });

    it('leaves the API, the snippet and health to the server', async () => {
      const t = buildTestApp(database());
      expect((await t.app.request('/api/nothing-here')).status).toBe(401);
      expect((await t.app.request('/healthz')).headers.get('content-type')).toMatch(/json/);
      expect((await t.app.request('/v1/nothing')).status).toBe(404);
      expect((await t.app.request('/nothing-here')).status).toBe(404);
    });

    it('shows where the tag goes and when the last event arrived, and from which origin', async () => {
      const t = buildTestApp(database(), { env: { CANDOR_PUBLIC_URL: 'https://ab.example' } });
      const site = await createSite(t, { allowedOrigins: ['https://aurum.example'] });
      const experiment = await createExperiment(t, site.id);
      const before = await t.call('GET', `/api/sites/${site.id}/installation`);
      expect(before.status).toBe(200);
      expect(before.body.scriptTag).toBe(`<script async src="https://ab.example/c.js" data-site="${site.publicKey}"></script>`);
      expect(before.body.slots).toEqual([{ slot: 'hero', markup: '<div data-candor-slot="hero"></div>' }]);
      expect(before.body.lastSeen).toBeNull();

      await setStatus(t, experiment.id, 'running');
      const assigned = await t.call('GET', `/v1/assign?site=${site.publicKey}&experiment=${experiment.key}&visitor=v1`, undefined, { token: null });
      const batch = { site: site.publicKey, visitor: 'v1', events: [{ id: 'e1', type: 'exposure', experiment: experiment.key, variant: assigned.body.variant.key, ts: t.clock.now }] };
      const sent = await t.call('POST', '/v1/events', batch, { token: null, headers: { origin: 'https://aurum.example' } });
      expect(sent.status).toBe(202);
      t.clock.now += 12_000;
      const after = await t.call('GET', `/api/sites/${site.id}/installation`);
      expect(after.body.lastSeen).toMatchObject({ origin: 'https://aurum.example', secondsAgo: 12, source: 'memory' });
    });

    it('says when the last add-to-cart and purchase arrived, in memory and after a restart, and where Shopify sends its webhooks', async () => {
      const t = buildTestApp(database(), { env: { CANDOR_PUBLIC_URL: 'https://ab.example' } });
      const site = await createSite(t);
      const experiment = await createExperiment(t, site.id);
      await setStatus(t, experiment.id, 'running');
      const before = await t.call('GET', `/api/sites/${site.id}/installation`);
      expect(before.body.conversions).toEqual({ add_to_cart: null, purchase: null });
      expect(before.body.shopify).toEqual({
        pixelPath: `/api/sites/${site.id}/integrations/shopify-pixel`,
        webhookUrl: `https://ab.example/v1/webhooks/shopify?site=${site.publicKey}`,
        webhook: { secretSet: false, lastAt: null, lastResult: null, secondsAgo: null },
      });
      expect(before.body.currency).toBe('USD');

      const assigned = await t.call('GET', `/v1/assign?site=${site.publicKey}&experiment=${experiment.key}&visitor=v3`, undefined, { token: null });
      const exposure = { id: 'x1', type: 'exposure', experiment: experiment.key, variant: assigned.body.variant.key, ts: t.clock.now };
      const cart = { id: 'c1', type: 'add_to_cart', value: 129, ts: t.clock.now };
      expect((await t.call('POST', '/v1/events', { site: site.publicKey, visitor: 'v3', events: [exposure, cart] }, { token: null })).status).toBe(202);
      t.clock.now += 120_000;
      const purchase = { id: 'p1', type: 'purchase', value: 129, order: 'A-1', ts: t.clock.now };
      expect((await t.call('POST', '/v1/events', { site: site.publicKey, visitor: 'v3', events: [purchase] }, { token: null })).status).toBe(202);
      t.clock.now += 5_000;
      const after = await t.call('GET', `/api/sites/${site.id}/installation`);
      expect(after.body.conversions).toEqual({
        add_to_cart: { at: t.clock.now - 125_000, secondsAgo: 125 },
        purchase: { at: t.clock.now - 5_000, secondsAgo: 5 },
      });

      // A new process reads the stored events once.
      const restarted = buildTestApp(database(), { clock: { now: t.clock.now + 60_000 } });
      const reply = await restarted.call('GET', `/api/sites/${site.id}/installation`);
      expect(reply.body.conversions).toMatchObject({ add_to_cart: { secondsAgo: 185 }, purchase: { secondsAgo: 65 } });
    });

    it('falls back to the newest stored event after a restart, without an origin', async () => {
      const first = buildTestApp(database());
      const site = await createSite(first);
      const experiment = await createExperiment(first, site.id);
      await setStatus(first, experiment.id, 'running');
      const assigned = await first.call('GET', `/v1/assign?site=${site.publicKey}&experiment=${experiment.key}&visitor=v2`, undefined, { token: null });
      const batch = { site: site.publicKey, visitor: 'v2', events: [{ id: 'e2', type: 'exposure', experiment: experiment.key, variant: assigned.body.variant.key, ts: first.clock.now }] };
      expect((await first.call('POST', '/v1/events', batch, { token: null })).status).toBe(202);
      const restarted = buildTestApp(database(), { clock: { now: first.clock.now + 60_000 } });
      const reply = await restarted.call('GET', `/api/sites/${site.id}/installation`);
      expect(reply.body.lastSeen).toMatchObject({ origin: null, source: 'events', secondsAgo: 60 });
    });
  });

  describe('errors and security', () => {
    it('guards the installation check like the rest of the admin API', async () => {
      const t = buildTestApp(database());
      const site = await createSite(t);
      const reply = await t.call('GET', `/api/sites/${site.id}/installation`, undefined, { token: null });
      expect(reply.status).toBe(401);
      expect((await t.call('GET', '/api/sites/no-such-site/installation')).status).toBe(404);
    });
  });
});

// ensureDemo: one demo site with one running four-arm experiment, made through the admin API's
// own queries and rules, found again (not duplicated) on every later call, and served to the snippet.
import { expect, it } from 'vitest';
import { DEMO_EXPERIMENT_KEY } from '../../server/demo/demo-experiment.js';
import { allowedOrigins, DEMO_SITE_NAME, ensureDemo, findDemoSite } from '../../server/demo/setup.js';
import { DEMO_HISTORY_MS } from '../../server/demo/traffic-plan.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 10, 24, 12);
const BASE = 'https://shop.example';

describeEachDialect('ensureDemo', (database) => {
  it('creates the demo site and one running four-arm experiment in the hero slot', async () => {
    const { site, experiment } = await ensureDemo(database().db, { baseUrl: BASE, now: NOW });
    expect(site).toMatchObject({ name: DEMO_SITE_NAME, disclosurePolicy: 'research', allowedOrigins: [BASE] });
    expect(site.publicKey).toMatch(/^pk_[A-Za-z0-9]{24}$/);
    expect(experiment).toMatchObject({
      key: DEMO_EXPERIMENT_KEY,
      slot: 'hero',
      status: 'running',
      primaryMetric: 'clicked',
      guardrailMetrics: ['added_to_cart', 'trust'],
      plannedSampleSize: 4000,
      coverage: 1,
      survey: { question: 'trust' },
    });
    // Created and started where the simulated history begins, so the results' timeline holds it.
    expect(experiment.startedAt).toBe(NOW - DEMO_HISTORY_MS);
    expect(experiment.variants.map((v) => [v.key, v.origin, v.disclosure.style, v.disclosure.text, v.disclosure.position, v.control])).toEqual([
      ['traditional', 'traditional', 'none', null, null, true],
      ['ai-plain', 'ai', 'none', null, null, false],
      ['ai-label', 'ai', 'label', 'Made with AI', 'top-left', false],
      ['ai-caption', 'ai', 'caption', 'This image was created with generative AI.', 'below', false],
    ]);
  });

  it('builds every creative URL and click-through from the base URL, with sizes, alt texts and the generator of AI arms', async () => {
    const { experiment } = await ensureDemo(database().db, { baseUrl: BASE, now: NOW });
    for (const variant of experiment.variants) {
      expect(variant.media.url).toMatch(/^https:\/\/shop\.example\/demo\/media\/hero-(studio|cinematic)\.svg$/);
      expect(variant.media).toMatchObject({ type: 'image', width: 1600, height: 900 });
      expect(variant.media.alt.length).toBeGreaterThan(20);
      expect(variant.clickUrl).toBe('https://shop.example/demo#details');
      expect(variant.generator).toBe(variant.origin === 'ai' ? 'demo image model' : null);
    }
    expect(new Set(experiment.variants.filter((v) => v.origin === 'ai').map((v) => v.media.url)).size).toBe(1);
  });

  it('is idempotent: a second call finds the same site and experiment and creates nothing', async () => {
    const first = await ensureDemo(database().db, { baseUrl: BASE, now: NOW });
    const second = await ensureDemo(database().db, { baseUrl: BASE, now: NOW + 60_000 });
    expect(second.site).toEqual(first.site);
    expect(second.experiment).toEqual(first.experiment);
    expect(await database().db.selectFrom('sites').select('id').execute()).toHaveLength(1);
    expect(await database().db.selectFrom('experiments').select('id').execute()).toHaveLength(1);
  });

  it('makes one site when two calls race', async () => {
    const [a, b] = await Promise.all([ensureDemo(database().db, { baseUrl: BASE, now: NOW }), ensureDemo(database().db, { baseUrl: BASE, now: NOW })]);
    expect(a.site.id).toBe(b.site.id);
    expect(await database().db.selectFrom('sites').select('id').execute()).toHaveLength(1);
  });

  it('finds the site by its stored id even after it was renamed', async () => {
    const t = buildTestApp(database());
    const { site } = await ensureDemo(database().db, { baseUrl: BASE, now: NOW });
    expect((await t.call('PATCH', `/api/sites/${site.id}`, { name: 'My demo' })).status).toBe(200);
    expect((await findDemoSite(database().db))?.id).toBe(site.id);
    expect((await ensureDemo(database().db, { baseUrl: BASE, now: NOW })).site.name).toBe('My demo');
  });

  it('resumes a paused demo experiment and adds a new base URL to the allowed origins', async () => {
    const t = buildTestApp(database());
    const { experiment } = await ensureDemo(database().db, { baseUrl: BASE, now: NOW });
    expect((await t.call('POST', `/api/experiments/${experiment.id}/status`, { status: 'paused' })).status).toBe(200);
    const again = await ensureDemo(database().db, { baseUrl: 'https://moved.example', now: NOW + 1000 });
    expect(again.experiment.status).toBe('running');
    expect(again.experiment.startedAt).toBe(experiment.startedAt);
    expect(again.site.allowedOrigins).toEqual([BASE, 'https://moved.example']);
  });

  it('leaves a stopped demo experiment stopped', async () => {
    const t = buildTestApp(database());
    const { experiment } = await ensureDemo(database().db, { baseUrl: BASE, now: NOW });
    await t.call('POST', `/api/experiments/${experiment.id}/status`, { status: 'stopped' });
    expect((await ensureDemo(database().db, { baseUrl: BASE, now: NOW })).experiment.status).toBe('stopped');
  });

  it('is served to the snippet by GET /v1/config once the catalog hears of it', async () => {
    const t = buildTestApp(database());
    await t.catalog.get('pk_warmTheCacheFirst');
    const { site } = await ensureDemo(database().db, { baseUrl: BASE, now: t.clock.now, catalog: t.catalog });
    const reply = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body.experiments).toHaveLength(1);
    expect(reply.body.experiments[0]).toMatchObject({ key: DEMO_EXPERIMENT_KEY, slot: 'hero', seed: expect.any(String) });
    expect(reply.body.experiments[0].variants.map((v: { key: string }) => v.key)).toEqual(['traditional', 'ai-plain', 'ai-label', 'ai-caption']);
  });
});

it('allows the loopback spellings of a local base URL, and only the origin of any other', () => {
  expect(allowedOrigins('http://localhost:8787')).toEqual(['http://localhost:8787', 'http://127.0.0.1:8787']);
  expect(allowedOrigins('http://127.0.0.1:9000')).toEqual(['http://127.0.0.1:9000', 'http://localhost:9000']);
  expect(allowedOrigins('https://ab.example/candor')).toEqual(['https://ab.example']);
});

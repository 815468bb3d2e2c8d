// The demo follows Candor's address: a demo made under one address (`npm run demo` on the default
// port) and served from another (PORT, CANDOR_PUBLIC_URL) shows its creatives and links, and takes
// its events, at the address it is served from; nobody else's experiment is touched.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_EXPERIMENT_KEY } from '../../server/demo/demo-experiment.js';
import { rebaseDemoUrl } from '../../server/demo/follow-address.js';
import { ensureDemo, followDemoAddress } from '../../server/demo/setup.js';
import { findExperimentByKey } from '../../server/experiments/experiment-queries.js';
import { buildTestApp } from '../helpers/app.js';
import { createServerDatabase, freePort, spawnScript, type Child, type ServerDatabase } from '../helpers/child-server.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, variantBody } from '../helpers/fixtures.js';

const NOW = Date.UTC(2026, 10, 24, 12);
const OLD = 'http://127.0.0.1:8787';
const NEW = 'http://127.0.0.1:9912';

describe('rebaseDemoUrl', () => {
  it.each([
    [`${OLD}/demo/media/hero-studio.svg`, `${NEW}/demo/media/hero-studio.svg`],
    [`${OLD}/demo#details`, `${NEW}/demo#details`],
    [`${OLD}/demo`, `${NEW}/demo`],
    ['https://shop.example/candor/demo/media/hero-cinematic.svg', `${NEW}/demo/media/hero-cinematic.svg`],
    ['https://cdn.example/hero.jpg', 'https://cdn.example/hero.jpg'],
    ['https://shop.example/demo/other/page', 'https://shop.example/demo/other/page'],
    [null, null],
  ])('moves %s to %s', (url, expected) => {
    expect(rebaseDemoUrl(url, NEW)).toBe(expected);
  });

  it('keeps the path of a public URL that has one', () => {
    expect(rebaseDemoUrl(`${OLD}/demo/media/a.svg`, 'https://shop.example/candor/')).toBe('https://shop.example/candor/demo/media/a.svg');
  });
});

const urlsOf = (experiment: { variants: { media: { url: string }; clickUrl?: string | null }[] }) =>
  experiment.variants.flatMap((variant) => [variant.media.url, variant.clickUrl ?? '']);

describeEachDialect('followDemoAddress', (database) => {
  it('moves the demo made under another address to this one, once, and allows its origins', async () => {
    const db = database().db;
    const made = await ensureDemo(db, { baseUrl: OLD, now: NOW });
    expect(urlsOf(made.experiment).every((url) => url.startsWith(`${OLD}/demo`))).toBe(true);

    expect(await followDemoAddress(db, NEW, NOW + 1000)).toBe(true);
    const moved = (await findExperimentByKey(db, made.site.id, DEMO_EXPERIMENT_KEY))!;
    expect(urlsOf(moved).every((url) => url.startsWith(`${NEW}/demo`))).toBe(true);
    expect(moved.variants.map((variant) => variant.media.url)).toEqual(made.experiment.variants.map((variant) => variant.media.url.replace(OLD, NEW)));
    expect(moved.status).toBe('running');
    const t = buildTestApp(database());
    const site = (await t.call('GET', `/api/sites/${made.site.id}`)).body;
    expect(site.allowedOrigins).toEqual(expect.arrayContaining([OLD, NEW, 'http://localhost:9912']));

    expect(await followDemoAddress(db, NEW, NOW + 2000)).toBe(false);
  });

  it('does nothing without a demo, and leaves other sites\' experiments alone', async () => {
    const db = database().db;
    expect(await followDemoAddress(db, NEW, NOW)).toBe(false);
    const t = buildTestApp(database());
    const site = await createSite(t);
    const url = `${OLD}/demo/media/hero-studio.svg`;
    const media = { type: 'image', url, alt: 'A ring' };
    const mine = await createExperiment(t, site.id, { variants: [variantBody('a', { media, control: true }), variantBody('b', { media })] });
    await ensureDemo(db, { baseUrl: OLD, now: NOW });
    expect(await followDemoAddress(db, NEW, NOW)).toBe(true);
    expect((await findExperimentByKey(db, site.id, mine.key))!.variants.map((variant) => variant.media.url)).toEqual([url, url]);
  });

  it('moves the demo when npm run demo (ensureDemo) runs under the new address', async () => {
    const db = database().db;
    await ensureDemo(db, { baseUrl: OLD, now: NOW });
    const again = await ensureDemo(db, { baseUrl: NEW, now: NOW + 1000 });
    expect(urlsOf(again.experiment).every((url) => url.startsWith(`${NEW}/demo`))).toBe(true);
  });
});

describe('npm run demo, then the server on another PORT', () => {
  const running: Child[] = [];
  const databases: ServerDatabase[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((child) => child.dispose()));
    await Promise.all(databases.splice(0).map((database) => database.cleanup()));
  });

  it('prints the address PORT gives, and the server on it serves the demo at its own address', { timeout: 60_000 }, async () => {
    const database = await createServerDatabase('sqlite');
    databases.push(database);
    const first = await freePort();
    const demo = spawnScript('server/cli.ts', ['demo', '--visitors', '20'], { PORT: String(first), CANDOR_DATABASE_URL: database.url });
    running.push(demo);
    expect((await demo.exited).code, demo.stderr()).toBe(0);
    expect(demo.stdout()).toContain(`open http://127.0.0.1:${first}/demo`);
    const key = /key (pk_[A-Za-z0-9]{24})/.exec(demo.stdout())![1];

    const port = await freePort();
    const server = spawnScript('server/main.ts', [], { PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: database.url, CANDOR_ADMIN_TOKEN: 'demo-test-admin-token-0123' });
    running.push(server);
    await server.waitFor(/listening/);
    const config = await (await fetch(`http://127.0.0.1:${port}/v1/config?site=${key}`, { headers: { origin: `http://127.0.0.1:${port}` } })).text();
    expect(config).toContain(`http://127.0.0.1:${port}/demo/media/`);
    expect(config).not.toContain(`:${first}/`);
  });
});

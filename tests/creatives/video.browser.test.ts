// In real Chromium: a video uploaded to Candor plays from Candor (Range requests answered 206),
// with the poster uploaded for it, in a slot that does not move; its Content Credentials pin says
// what the file's credentials say.
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVariant } from '../../server/assign/index.js';
import { HAS_CHROMIUM, launchBrowser, listen, contextsClosedAfterEach, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { experimentBody, variantBody } from '../helpers/fixtures.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { openWatched, presetVisitor, settledLayoutShift } from '../snippet/page-helpers.js';
import { buildMediaApp, uploadFile, type MediaWorld } from './helpers.js';
import { makePng } from './sign-c2pa.js';

function page(publicKey: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lumen ring</title><link rel="icon" href="data:,">
<script async src="/c.js" data-site="${publicKey}"></script>
<style>body{margin:0;font:16px sans-serif} main{width:640px;margin:24px}</style>
</head><body><main><h1>Lumen ring</h1>
<div data-candor-slot="reel" style="aspect-ratio:16/9;background:#ddd">fallback</div>
<p id="below">Recycled 18k gold, made in Lisbon.</p>
</main></body></html>`;
}

describe.skipIf(!HAS_CHROMIUM)('an uploaded video in Chromium', () => {
  const openContext = contextsClosedAfterEach();
  let database: TestDatabase;
  let world: MediaWorld;
  let server: HttpServer;
  let browser: Browser;
  let experiment: any;
  let video: any;
  let poster: any;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    // The app's public URL is the server's, known once it listens: the outer app routes to it late.
    let candor: Hono | undefined;
    let publicKey = '';
    const outer = new Hono();
    outer.get('/shop/reel', (c) => c.html(page(publicKey)));
    outer.all('*', (c) => candor!.fetch(c.req.raw));
    [server, browser] = await Promise.all([listen(outer), launchBrowser()]);
    world = buildMediaApp(database, { clock: { get now() { return Date.now(); } } as { now: number }, env: { CANDOR_PUBLIC_URL: server.url } });
    candor = world.t.app;

    video = (await uploadFile(world, mediaFile('video1.mp4'), 'reel.mp4', 'video/mp4')).body;
    poster = (await uploadFile(world, makePng(180, 320), 'reel-poster.png', 'image/png')).body;
    const site = (await world.t.call('POST', '/api/sites', { name: 'Aurum', allowedOrigins: [server.url], disclosurePolicy: 'strict' })).body;
    publicKey = site.publicKey;
    const media = { creative: video.id, posterCreative: poster.id, alt: 'The ring turning' };
    const created = await world.t.call(
      'POST',
      `/api/sites/${site.id}/experiments`,
      experimentBody({
        key: 'reel',
        slot: 'reel',
        primaryMetric: 'video_completed',
        variants: [
          variantBody('studio-clip', { control: true, media }),
          variantBody('credentials-clip', { origin: 'ai', disclosure: { style: 'credentials', position: 'top-right' }, media }),
        ],
      }),
    );
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    experiment = (await world.t.call('POST', `/api/experiments/${created.body.id}/status`, { status: 'running' })).body;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await world?.t.writer.close();
    world?.cleanup();
    await database?.cleanup();
  });

  function visitorIn(key: string): string {
    const weights = experiment.variants.map((variant: any) => variant.weight);
    for (let n = 1; ; n++) {
      const visitor = `reel-visitor-${n}`;
      if (experiment.variants[assignVariant({ seed: experiment.seed, coverage: experiment.coverage, weights }, visitor)].key === key) return visitor;
    }
  }

  it('plays the uploaded video from Candor with its uploaded poster, answering its Range requests, and nothing moves', async () => {
    const context = await openContext(browser);
    await presetVisitor(context, visitorIn('credentials-clip'));
    const { page: tab, errors } = await openWatched(context);
    const mediaAnswers: Array<{ status: number; range: string | undefined }> = [];
    tab.on('response', (response) => {
      if (response.url() === video.url) mediaAnswers.push({ status: response.status(), range: response.request().headers().range });
    });
    await tab.goto(`${server.url}/shop/reel`);
    const before = await tab.locator('#below').boundingBox();
    const element = tab.locator('[data-candor-slot="reel"] video');
    await element.waitFor();
    expect(await element.getAttribute('src')).toBe(video.url);
    expect(await element.getAttribute('poster')).toBe(poster.url);
    await expect.poll(() => element.evaluate((node: HTMLVideoElement) => node.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
    expect(await element.evaluate((node: HTMLVideoElement) => [node.videoWidth, node.videoHeight, node.error])).toEqual([720, 1280, null]);
    expect(mediaAnswers.length).toBeGreaterThan(0);
    expect(mediaAnswers.filter((answer) => answer.range !== undefined).every((answer) => answer.status === 206)).toBe(true);
    expect(mediaAnswers.some((answer) => answer.status === 206)).toBe(true);

    // The Content Credentials pin names what the file's credentials say, and opens with a tap.
    const pin = tab.locator('[data-candor-slot="reel"] summary');
    expect(await pin.getAttribute('aria-label')).toBe(`Content Credentials: recorded by ${video.provenance.claimGenerator}, signed by C2PA Test Signing Cert`);
    await pin.click();
    expect(await tab.locator('[data-candor-slot="reel"] details').getAttribute('open')).toBe('');

    expect(await settledLayoutShift(tab)).toBe(0);
    expect(await tab.locator('#below').boundingBox()).toEqual(before);
    expect(errors).toEqual([]);
  });
});

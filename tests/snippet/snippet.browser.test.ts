// The snippet in real Chromium on a shop page: it renders the arm the hash gives, with its
// disclosure, without moving the page; and it honours privacy signals, consent and blocked storage.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, contextsClosedAfterEach } from '../helpers/browser.js';
import { openWatched, presetVisitor, settledLayoutShift, settleSends } from './page-helpers.js';
import { withShopInChromium, type ShopWorld } from './shop-world.js';

describe.skipIf(!HAS_CHROMIUM)('the snippet in Chromium', () => {
  const openContext = contextsClosedAfterEach();
  let world: ShopWorld;
  let browser: Browser;

  withShopInChromium((started, launched) => {
    world = started;
    browser = launched;
  });

  it('renders the arm the hash gives the visitor, with its label, and keeps it on reload', async () => {
    const visitor = world.visitorIn('ai-label');
    const context = await openContext(browser);
    await presetVisitor(context, visitor);
    const { page, errors } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/product`);
    const image = page.locator('[data-candor-slot="hero"] img');
    await expect.poll(() => image.getAttribute('src')).toBe(`${world.server.url}/media/ai.svg`);
    expect(await image.getAttribute('alt')).toBe('The ring on a glowing dune');
    await expect.poll(() => page.locator('[data-candor-slot="hero"]').innerText()).toContain('Made with AI');
    const label = await page.locator('[data-candor-slot="hero"] span').boundingBox();
    const slot = await page.locator('[data-candor-slot="hero"]').boundingBox();
    // top-left: the label sits in the slot's top-left corner.
    expect(label!.x - slot!.x).toBeLessThan(20);
    expect(label!.y - slot!.y).toBeLessThan(20);

    await page.reload();
    await expect.poll(() => page.locator('[data-candor-slot="hero"] img').getAttribute('src')).toBe(`${world.server.url}/media/ai.svg`);
    expect(await page.evaluate(() => localStorage.getItem('candor_vid'))).toBe(visitor);
    expect(errors).toEqual([]);
  });

  it('puts another visitor in another arm: a caption below the creative', async () => {
    const context = await openContext(browser);
    await presetVisitor(context, world.visitorIn('ai-caption'));
    const { page, errors } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/product`);
    const caption = page.locator('[data-candor-slot="hero"] p');
    await expect.poll(() => caption.count()).toBe(1);
    expect(await caption.innerText()).toBe('This image was created with generative AI.');
    const captionBox = await caption.boundingBox();
    const imageBox = await page.locator('[data-candor-slot="hero"] img').boundingBox();
    expect(captionBox!.y).toBeGreaterThanOrEqual(imageBox!.y + imageBox!.height - 1);
    expect(errors).toEqual([]);
  });

  it('reserves the slot: cumulative layout shift is 0 and the text below never moves', async () => {
    for (const arm of ['studio', 'ai-label', 'ai-caption']) {
      const context = await openContext(browser);
      await presetVisitor(context, world.visitorIn(arm));
      const { page } = await openWatched(context);
      await page.goto(`${world.server.url}/shop/product`);
      const before = await page.locator('#below').boundingBox();
      await expect.poll(() => page.locator('[data-candor-frame]').count()).toBe(1);
      expect(await settledLayoutShift(page)).toBe(0);
      expect(await page.locator('#below').boundingBox()).toEqual(before);
    }
  });

  it('with Global Privacy Control on: the control, no id stored, no event sent, no id in any request', async () => {
    const context = await openContext(browser);
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const { page, errors, requests } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/product`);
    await expect.poll(() => page.locator('[data-candor-slot="hero"] img').getAttribute('src')).toBe(`${world.server.url}/media/studio.svg`);
    await page.locator('#buy').click();
    // Nothing may be sent: the slot has rendered and the purchase was tracked, so once the snippet
    // has had every chance to send (settleSends), the request log is complete.
    await settleSends(page);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(requests.filter((request) => request.url.includes('/v1/events'))).toEqual([]);
    for (const request of requests) expect(request.url + (request.body ?? '')).not.toMatch(/visitor/);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('still works where localStorage throws: the page renders and events go out', async () => {
    const context = await openContext(browser);
    await context.addInitScript(() =>
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      }),
    );
    const { page, errors, requests } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/product`);
    await expect.poll(() => page.locator('[data-candor-frame]').count()).toBe(1);
    await expect.poll(() => requests.filter((request) => request.url.endsWith('/v1/events')).length, { timeout: 5000 }).toBeGreaterThan(0);
    const sent = JSON.parse(requests.find((request) => request.url.endsWith('/v1/events'))!.body!);
    expect(sent.events[0].type).toBe('exposure');
    expect(errors).toEqual([]);
  });

  it('with data-consent="required": the fallback stays until consent, then the arm and its events', async () => {
    const visitor = world.visitorIn('ai-label');
    const context = await openContext(browser);
    await presetVisitor(context, visitor);
    const { page, requests } = await openWatched(context);
    // The page's own fallback stays: waited for once the page has loaded and the snippet has run
    // (it defines candor() as it boots), and the request log is complete (settleSends).
    await page.goto(`${world.server.url}/shop/consent`, { waitUntil: 'load' });
    await page.waitForFunction(() => typeof (window as any).candor === 'function');
    await settleSends(page);
    expect(await page.locator('[data-candor-slot="hero"] img').getAttribute('src')).toBe('/media/fallback.svg');
    expect(requests.some((request) => request.url.includes('/v1/'))).toBe(false);
    await page.evaluate(() => (window as any).candor('consent', true));
    await expect.poll(() => page.locator('[data-candor-slot="hero"] img').getAttribute('src')).toBe(`${world.server.url}/media/ai.svg`);
    // The exposure waits for the transport's one-second batch: more than expect.poll's default wait.
    await expect.poll(async () => (await world.events({ type: 'exposure' })).some((event) => event.visitorId === visitor), { timeout: 10_000 }).toBe(true);

    // Withdrawn: the id is forgotten and nothing more is sent.
    await page.evaluate(() => (window as any).candor('consent', false));
    expect(await page.evaluate(() => localStorage.getItem('candor_vid'))).toBeNull();
    const before = requests.length;
    await page.locator('#buy').click();
    // The purchase would be sent at once; settleSends also flushes anything queued.
    await settleSends(page);
    expect(requests.slice(before).filter((request) => request.url.includes('/v1/events'))).toEqual([]);
  });

  it('gives a new visitor a UUIDv7 id in localStorage (time first, so ids sort by age) and sets no cookie', async () => {
    const context = await openContext(browser);
    const { page, requests } = await openWatched(context);
    const before = Date.now();
    await page.goto(`${world.server.url}/shop/product`);
    await expect.poll(() => page.locator('[data-candor-frame]').count()).toBe(1);
    const visitor = await page.evaluate(() => localStorage.getItem('candor_vid'));
    expect(visitor).toMatch(/^[0-9a-f]{12}7[0-9a-f]{3}8[0-9a-f]{15}$/);
    const madeAt = parseInt(visitor!.slice(0, 12), 16);
    expect(madeAt).toBeGreaterThanOrEqual(before - 1000);
    expect(madeAt).toBeLessThanOrEqual(Date.now());
    expect(await context.cookies()).toEqual([]);
    await expect.poll(() => requests.filter((request) => request.url.endsWith('/v1/events')).length, { timeout: 5000 }).toBeGreaterThan(0);
    const sent = JSON.parse(requests.find((request) => request.url.endsWith('/v1/events'))!.body!);
    expect(sent.visitor).toBe(visitor);
  });
});

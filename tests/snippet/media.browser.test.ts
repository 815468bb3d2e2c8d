// Uploaded creatives on a shop page in Chromium: the browser fetches the derivative its slot
// needs (srcset and sizes), not the 2,048 px original; the Content Credentials pin still says
// what the original's credentials say; a large creative is viewable at 30% in view (MRC's
// large-ad rule) and a small one is not; a slot added after load is filled by candor('refresh').
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProvenance } from '../../server/creatives/source-type.js';
import { contextsClosedAfterEach, HAS_CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { PHOTO, startMediaShop, type MediaShop } from './media-shop.js';
import { openWatched, sentEvents, settleSends } from './page-helpers.js';

describe.skipIf(!HAS_CHROMIUM)('uploaded creatives in Chromium', () => {
  const openContext = contextsClosedAfterEach();
  let shop: MediaShop;
  let browser: Browser;
  beforeAll(async () => {
    [shop, browser] = await Promise.all([startMediaShop(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });

  const copy = (width: number, ext = 'webp') => shop.creative.derivatives.find((d) => d.width === width && d.ext === ext)!;
  const mediaRequests = (requests: Array<{ url: string }>) => requests.map((request) => new URL(request.url).pathname).filter((path) => path.startsWith('/media/'));

  it.each([
    // A ~1,000 px slot on a desktop: sizes says 1044px, so the 1440 px copy; never the original.
    [{ width: 1280, height: 900 }, 1, 1000, 1440],
    // A phone, 390 px wide at 3×: 100vw × 3 = 1170 device pixels, so the 1440 px copy too.
    [{ width: 390, height: 844 }, 3, 370, 1440],
    // A phone at 1×: 390 px, the 480 px copy.
    [{ width: 390, height: 844 }, 1, 370, 480],
  ])('at a %j viewport and %i× pixels, a %i px slot fetches the %i px WebP copy and not the original', async (viewport, deviceScaleFactor, slotWidth, expected) => {
    const context = await openContext(browser, { viewport, deviceScaleFactor });
    const { page, errors, requests } = await openWatched(context);
    await page.goto(`${shop.server.url}/shop/page?w=${slotWidth}`);
    const image = page.locator('[data-candor-slot] img');
    await expect.poll(() => image.count()).toBe(1);
    expect(await image.getAttribute('src')).toBe(shop.creative.url);
    expect(await image.getAttribute('sizes')).toBe('(max-width: 600px) 100vw, 1044px');
    expect([await image.getAttribute('width'), await image.getAttribute('height')]).toEqual([String(PHOTO.width), String(PHOTO.height)]);
    const chosen = `/media/${copy(expected).sha256}.webp`;
    expect(await image.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).pathname)).toBe(chosen);
    expect(mediaRequests(requests)).toEqual([chosen]);
    expect(errors).toEqual([]);
  });

  it('keeps the Content Credentials pin describing the uploaded original, word for word', async () => {
    const config = await (await fetch(`${shop.server.url}/v1/config?site=${shop.publicKey}`)).json();
    const pinned = config.experiments.find((experiment: any) => experiment.slot === 'hero').variants.find((variant: any) => variant.key === 'pinned');
    const original = (await shop.t.call('GET', `/api/creatives/${shop.creative.id}`)).body;
    // What the pin says is the creative's own summary, read from the uploaded file (C.jpg is signed), with the srcset beside it.
    expect(original.provenanceSummary).toMatch(/^Content Credentials: .*signed by C2PA Test Signing Cert/);
    expect(describeProvenance(original.provenance)).toBe(original.provenanceSummary);
    const escaped = original.provenanceSummary.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(pinned.html).toContain(`aria-label="${escaped}"`);
    expect(pinned.html).toContain('srcset="');
    expect(pinned.html).toContain(`src="${shop.creative.url}"`);
  });

  it('keeps today\'s markup for media at a URL of the shop\'s own: the original alone', async () => {
    const context = await openContext(browser);
    const { page, requests } = await openWatched(context);
    await page.goto(`${shop.server.url}/shop/page?slot=plain`);
    const image = page.locator('[data-candor-slot] img');
    await expect.poll(() => image.count()).toBe(1);
    expect(await image.getAttribute('srcset')).toBeNull();
    expect(requests.map((request) => new URL(request.url).pathname)).toContain('/shop-media/C.jpg');
  });

  // 900 px of viewport; the slot's top placed so that 35% of its height is in view.
  it.each([
    ['a large creative (1,000 × 667 px: 667,000 px²) is viewable', 1000, true],
    ['a small one (400 × 267 px: 106,700 px²) is not', 400, false],
  ])('at 35%% in view for over a second, %s', async (_, width, viewable) => {
    const height = Math.round((width * PHOTO.height) / PHOTO.width);
    const top = Math.round(900 - 0.35 * height);
    const context = await openContext(browser, { viewport: { width: 1280, height: 900 } });
    const { page, requests } = await openWatched(context);
    await page.goto(`${shop.server.url}/shop/page?w=${width}&top=${top}`);
    await expect.poll(() => page.locator('[data-candor-frame]').count()).toBe(1);
    const shown = await page.evaluate(() => {
      const box = document.querySelector('[data-candor-frame]')!.getBoundingClientRect();
      return { area: box.width * box.height, inView: (innerHeight - box.top) / box.height };
    });
    expect(shown.inView).toBeGreaterThan(0.33);
    expect(shown.inView).toBeLessThan(0.37);
    expect(shown.area >= 242_500).toBe(viewable);
    if (viewable) {
      await expect.poll(() => sentEvents(requests, 'viewable').length, { timeout: 5000 }).toBe(1);
    } else {
      await page.waitForTimeout(1800);
      await settleSends(page);
      expect(sentEvents(requests, 'exposure')).toHaveLength(1);
      expect(sentEvents(requests, 'viewable')).toHaveLength(0);
    }
  });

  it('fills a slot added after load when the shop calls candor(\'refresh\'), and leaves the filled one as it was', async () => {
    const context = await openContext(browser);
    const { page, errors, requests } = await openWatched(context);
    await page.goto(`${shop.server.url}/shop/page?w=600&late=1`);
    await expect.poll(() => page.locator('#first [data-candor-frame]').count()).toBe(1);
    await page.evaluate(() => ((window as any).__firstRoot = document.querySelector('#first')!.firstChild));
    await expect.poll(() => page.locator('#late [data-candor-frame]').count(), { timeout: 5000 }).toBe(1);
    expect(await page.evaluate(() => document.querySelector('#first')!.firstChild === (window as any).__firstRoot)).toBe(true);
    expect(await page.locator('#late img').getAttribute('srcset')).toContain('w,');
    await settleSends(page);
    // One exposure per slot shown: the first once, the late one once.
    expect(sentEvents(requests, 'exposure')).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});

// The segment the snippet sends with each exposure, in real Chromium: the device from viewport and
// pointer (a phone with touch, a tablet, a desktop), the source from a search engine's referrer or
// a utm_medium=email link, new or returning from the visitor id; the referrer never leaves the
// page, and the stored exposure and the visitor's fact carry the segment.
import type { BrowserContext } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, contextsClosedAfterEach } from '../helpers/browser.js';
import { openWatched, presetVisitor } from './page-helpers.js';
import { withShopInChromium, type ShopWorld } from './shop-world.js';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const TABLET = { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true };

/** A UUIDv7 as the snippet makes them, made `ago` milliseconds before now. */
function idMadeAgo(ago: number): string {
  return (Date.now() - ago).toString(16).padStart(12, '0') + '7' + Math.random().toString(16).slice(2, 5).padEnd(3, '0') + '8' + Math.random().toString(16).slice(2, 17).padEnd(15, '0');
}

describe.skipIf(!HAS_CHROMIUM)('the segment sent with each exposure, in Chromium', () => {
  const openContext = contextsClosedAfterEach();
  let world: ShopWorld;
  let browser: Browser;

  withShopInChromium((started, launched) => {
    world = started;
    browser = launched;
  });

  /** The visitor's stored exposure (props parsed) and fact, once the exposure has landed. */
  async function exposureOf(context: BrowserContext) {
    const page = context.pages()[0]!;
    const visitor = await page.evaluate(() => localStorage.getItem('candor_vid'));
    let exposure: any;
    await expect
      .poll(async () => (exposure = (await world.events({ type: 'exposure' })).find((event) => event.visitorId === visitor)), { timeout: 10_000 })
      .toBeTruthy();
    const fact = await world.database.db.selectFrom('visitorFacts').selectAll().where('visitorId', '=', visitor!).executeTakeFirstOrThrow();
    return { props: JSON.parse(exposure.props), segment: fact.segment };
  }

  it('classifies a phone with touch, arriving from a search engine\'s page, as a new mobile visitor from search, and never sends the referrer', async () => {
    const context = await openContext(browser, PHONE);
    const { page, requests, errors } = await openWatched(context);
    // A search results page on another site (served by the test: no network), with a plain link.
    await context.route('http://www.bing.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>ring - Search</title><a id="result" href="${world.server.url}/shop/product">Lumen ring</a>` }),
    );
    await page.goto('http://www.bing.test/search?q=lumen+ring');
    await Promise.all([page.waitForURL('**/shop/product'), page.locator('#result').click()]);
    expect(await page.evaluate(() => document.referrer)).toBe('http://www.bing.test/');
    expect(await page.evaluate(() => matchMedia('(pointer:coarse)').matches)).toBe(true);

    expect(await exposureOf(context)).toEqual({ props: { device: 'mobile', source: 'search' }, segment: 'device=mobile&source=search&visit=new' });
    const sent = requests.filter((request) => request.body !== null).map((request) => request.body).join('\n');
    expect(sent).toContain('"exposure"');
    expect(sent).not.toContain('bing');
    expect(errors).toEqual([]);
  });

  it('classifies a desktop visitor of days ago who followed an email\'s link as a returning desktop visitor from email', async () => {
    const context = await openContext(browser);
    await presetVisitor(context, idMadeAgo(3 * 86_400_000));
    const { page, errors } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/product?utm_source=newsletter&utm_medium=email&utm_campaign=lumen`);
    expect(await exposureOf(context)).toEqual({ props: { device: 'desktop', source: 'email' }, segment: 'device=desktop&source=email&visit=returning' });
    expect(errors).toEqual([]);
  });

  it('classifies a touch screen of a tablet\'s size, typed in directly, as a tablet from direct; an ad\'s click id as paid', async () => {
    const tablet = await openContext(browser, TABLET);
    await (await openWatched(tablet)).page.goto(`${world.server.url}/shop/product`);
    expect((await exposureOf(tablet)).props).toEqual({ device: 'tablet', source: 'direct' });

    const desktop = await openContext(browser);
    await (await openWatched(desktop)).page.goto(`${world.server.url}/shop/product?gclid=abc123&utm_medium=email`);
    expect((await exposureOf(desktop)).props).toEqual({ device: 'desktop', source: 'paid' });
  });

  it('takes a visitor arriving from another page of the shop itself for direct', async () => {
    const context = await openContext(browser);
    const { page } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/checkout`);
    await page.evaluate((url) => (location.href = url), `${world.server.url}/shop/product`);
    await page.waitForURL('**/shop/product');
    expect(await page.evaluate(() => document.referrer)).toContain('/shop/checkout');
    expect((await exposureOf(context)).props).toEqual({ device: 'desktop', source: 'direct' });
  });
});

// What the snippet records in real Chromium, and that it lands in the database: exposure,
// viewable, clicks, conversions (the API, the queue stub, Shopify and WooCommerce forms), the
// survey answer (asked once), and a video's start and quarters.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, contextsClosedAfterEach } from '../helpers/browser.js';
import { openWatched, presetVisitor, settledLayoutShift } from './page-helpers.js';
import { withShopInChromium, type ShopWorld } from './shop-world.js';

/** A UUIDv7's 32 hex digits: 48 bits of milliseconds, the version 7, the variant 10xx (8 here). */
const UUID_V7 = /^[0-9a-f]{12}7[0-9a-f]{3}8[0-9a-f]{15}$/;

describe.skipIf(!HAS_CHROMIUM)('what the snippet records, in Chromium', () => {
  const openContext = contextsClosedAfterEach();
  let world: ShopWorld;
  let browser: Browser;

  withShopInChromium((started, launched) => {
    world = started;
    browser = launched;
  });
  const variantId = (key: string) => world.variantId(key);

  it('records exposure, viewable, click, add to cart, purchase and the survey answer in the database', async () => {
    const visitor = world.visitorIn('studio');
    const context = await openContext(browser);
    await presetVisitor(context, visitor);
    const { page, errors } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/product`);
    // The survey comes after viewable (one second in view) and its delay (0 s here).
    const card = page.getByRole('dialog', { name: 'How much do you trust what this ad shows?' });
    await card.waitFor();
    await card.getByRole('button', { name: '4' }).click();
    await expect.poll(() => card.count()).toBe(0);
    await page.locator('#buy').click();
    // The click navigates to the checkout page; the add-to-cart form then posts and navigates again.
    await Promise.all([page.waitForURL('**/shop/checkout'), page.locator('[data-candor-frame]').click()]);
    await page.goto(`${world.server.url}/shop/product`);
    await Promise.all([page.waitForURL('**/shop/checkout'), page.locator('#add button').click()]);

    const mine = async () => (await world.events()).filter((event) => event.visitorId === visitor);
    await expect.poll(async () => (await mine()).map((event) => event.type).sort(), { timeout: 10_000 }).toEqual(
      ['add_to_cart', 'click', 'exposure', 'exposure', 'purchase', 'survey', 'viewable'],
    );
    const byType = Object.fromEntries((await mine()).map((event) => [event.type, event]));
    expect(byType.exposure.variantId).toBe(variantId('studio'));
    expect(byType.viewable.variantId).toBe(variantId('studio'));
    expect(byType.click.variantId).toBe(variantId('studio'));
    expect(byType.survey).toMatchObject({ name: 'trust', value: 4, variantId: variantId('studio') });
    expect(byType.purchase).toMatchObject({ value: 129, orderId: 'AUR-1' });
    expect(byType.add_to_cart).toMatchObject({ value: 129 });
    // Event ids are UUIDv7s (the time first), so they sort as they happened.
    const ids = (await mine()).map((event) => event.id);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('asks the survey once per visitor and experiment, and Escape dismisses it', async () => {
    const context = await openContext(browser);
    await presetVisitor(context, world.visitorIn('ai-caption'));
    const { page } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/product`);
    const card = page.getByRole('dialog');
    await card.waitFor();
    // Reachable by keyboard: Tab moves into it (it took no focus by itself).
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await card.getByRole('button', { name: '1 – Not at all' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
    // The card would come right after viewable (its delay is 0 s here); viewable is posted a second
    // after it happens, so once that post is seen the card would have been drawn if it were asked again.
    const viewablePosted = page.waitForRequest((request) => request.url().endsWith('/v1/events') && /"type":"viewable"/.test(request.postData() ?? ''));
    await page.reload();
    await viewablePosted;
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('keeps calls made before the script loaded (the queue stub) and sends them', async () => {
    const visitor = 'queued-visitor-1';
    const context = await openContext(browser);
    await presetVisitor(context, visitor);
    await context.addInitScript(() => {
      const stub: any = function () {
        (stub.q = stub.q || []).push(arguments);
      };
      (window as any).candor = stub;
      stub('track', 'newsletter_signup');
    });
    const { page } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/checkout`);
    await expect.poll(async () => (await world.events({ type: 'custom' })).filter((event) => event.visitorId === visitor).map((event) => event.name)).toEqual([
      'newsletter_signup',
    ]);
  });

  it('plays a video variant muted and inline, reports its start and every quarter, and shifts nothing', async () => {
    const visitor = 'reel-visitor-1';
    const context = await openContext(browser);
    await presetVisitor(context, visitor);
    const { page, errors } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/reel`);
    const video = page.locator('[data-candor-slot="reel"] video');
    await video.waitFor();
    expect(await video.evaluate((node: HTMLVideoElement) => [node.muted, node.playsInline, node.autoplay])).toEqual([true, true, true]);
    // Speeds the clip up so the test need not watch it all.
    await video.evaluate((node: HTMLVideoElement) => (node.playbackRate = 4));
    await expect.poll(() => video.evaluate((node: HTMLVideoElement) => node.ended), { timeout: 15_000 }).toBe(true);
    expect(await settledLayoutShift(page)).toBe(0);
    await page.evaluate(() => dispatchEvent(new Event('pagehide')));
    const mine = async () => (await world.events()).filter((event) => event.visitorId === visitor);
    // Marks reached in the same millisecond have ids in no particular order: compare by value.
    const marks = async () =>
      (await mine())
        .filter((event) => event.type.startsWith('video'))
        .map((event) => [event.type, event.value])
        .sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0));
    await expect.poll(marks, { timeout: 5000 }).toEqual([
      ['video_start', null],
      ['video_progress', 25],
      ['video_progress', 50],
      ['video_progress', 75],
      ['video_progress', 100],
    ]);
    // Viewable for a video takes two seconds in view, however fast the clip ran.
    await expect.poll(async () => (await mine()).map((event) => event.type), { timeout: 6000 }).toContain('viewable');
    expect(errors).toEqual([]);
  });

  it('recognises WooCommerce add-to-cart: a list button (its data-candor-value) and the product form (the page\'s price)', async () => {
    const visitor = 'woo-visitor-1';
    const context = await openContext(browser);
    await presetVisitor(context, visitor);
    const { page, errors } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/woo`);
    await page.locator('[data-candor-frame]').waitFor();
    await page.locator('.add_to_cart_button').click();
    await Promise.all([page.waitForURL('**/shop/checkout'), page.locator('.single_add_to_cart_button').click()]);
    const carts = async () =>
      (await world.events({ type: 'add_to_cart' }))
        .filter((event) => event.visitorId === visitor)
        .map((event) => event.value)
        .sort((a, b) => a - b);
    await expect.poll(carts, { timeout: 5000 }).toEqual([59, 129]);
    expect(errors).toEqual([]);
  });
});

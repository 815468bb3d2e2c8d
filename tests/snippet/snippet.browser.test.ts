// The snippet in real Chromium on a shop page: it renders the arm the hash gives, with its
// disclosure, without moving the page, and what the visitor does lands in the database.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, newDesktopContext } from '../helpers/browser.js';
import { layoutShift, openWatched, presetVisitor } from './page-helpers.js';
import { startShopWorld, type ShopWorld } from './shop-world.js';

describe.skipIf(!HAS_CHROMIUM)('the snippet in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    [world, browser] = await Promise.all([startShopWorld(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const variantId = (key: string) => world.experiment.variants.find((variant: any) => variant.key === key).id;

  it('renders the arm the hash gives the visitor, with its label, and keeps it on reload', async () => {
    const visitor = world.visitorIn('ai-label');
    const context = await newDesktopContext(browser);
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
    await context.close();
  });

  it('puts another visitor in another arm: a caption below the creative', async () => {
    const context = await newDesktopContext(browser);
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
    await context.close();
  });

  it('reserves the slot: cumulative layout shift is 0 and the text below never moves', async () => {
    for (const arm of ['studio', 'ai-label', 'ai-caption']) {
      const context = await newDesktopContext(browser);
      await presetVisitor(context, world.visitorIn(arm));
      const { page } = await openWatched(context);
      await page.goto(`${world.server.url}/shop/product`);
      const before = await page.locator('#below').boundingBox();
      await expect.poll(() => page.locator('[data-candor-frame]').count()).toBe(1);
      await page.waitForTimeout(200);
      expect(await layoutShift(page)).toBe(0);
      expect(await page.locator('#below').boundingBox()).toEqual(before);
      await context.close();
    }
  });

  it('records exposure, viewable, click, add to cart, purchase and the survey answer in the database', async () => {
    const visitor = world.visitorIn('studio');
    const context = await newDesktopContext(browser);
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
    // Event ids begin with the time, so they sort as they happened.
    const ids = (await mine()).map((event) => event.id);
    expect(ids.every((id) => /^[0-9a-z]{9}[0-9a-z]+$/.test(id))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks the survey once per visitor and experiment, and Escape dismisses it', async () => {
    const context = await newDesktopContext(browser);
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
    await page.reload();
    await page.waitForTimeout(1800);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await context.close();
  });

  it('with Global Privacy Control on: the control, no id stored, no event sent, no id in any request', async () => {
    const context = await newDesktopContext(browser);
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const { page, errors, requests } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/product`);
    await expect.poll(() => page.locator('[data-candor-slot="hero"] img').getAttribute('src')).toBe(`${world.server.url}/media/studio.svg`);
    await page.locator('#buy').click();
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(requests.filter((request) => request.url.includes('/v1/events'))).toEqual([]);
    for (const request of requests) expect(request.url + (request.body ?? '')).not.toMatch(/visitor/);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('still works where localStorage throws: the page renders and events go out', async () => {
    const context = await newDesktopContext(browser);
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
    await context.close();
  });

  it('with data-consent="required": the fallback stays until consent, then the arm and its events', async () => {
    const visitor = world.visitorIn('ai-label');
    const context = await newDesktopContext(browser);
    await presetVisitor(context, visitor);
    const { page, requests } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/consent`);
    await page.waitForTimeout(800);
    expect(await page.locator('[data-candor-slot="hero"] img').getAttribute('src')).toBe('/media/fallback.svg');
    expect(requests.some((request) => request.url.includes('/v1/'))).toBe(false);
    await page.evaluate(() => (window as any).candor('consent', true));
    await expect.poll(() => page.locator('[data-candor-slot="hero"] img').getAttribute('src')).toBe(`${world.server.url}/media/ai.svg`);
    await expect.poll(async () => (await world.events({ type: 'exposure' })).some((event) => event.visitorId === visitor)).toBe(true);

    // Withdrawn: the id is forgotten and nothing more is sent.
    await page.evaluate(() => (window as any).candor('consent', false));
    expect(await page.evaluate(() => localStorage.getItem('candor_vid'))).toBeNull();
    const before = requests.length;
    await page.locator('#buy').click();
    await page.waitForTimeout(1200);
    expect(requests.slice(before).filter((request) => request.url.includes('/v1/events'))).toEqual([]);
    await context.close();
  });

  it('keeps calls made before the script loaded (the queue stub) and sends them', async () => {
    const visitor = 'queued-visitor-1';
    const context = await newDesktopContext(browser);
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
    await context.close();
  });

  it('plays a video variant muted and inline, reports its start and every quarter, and shifts nothing', async () => {
    const visitor = 'reel-visitor-1';
    const context = await newDesktopContext(browser);
    await presetVisitor(context, visitor);
    const { page, errors } = await openWatched(context);
    await page.goto(`${world.server.url}/shop/reel`);
    const video = page.locator('[data-candor-slot="reel"] video');
    await video.waitFor();
    expect(await video.evaluate((node: HTMLVideoElement) => [node.muted, node.playsInline, node.autoplay])).toEqual([true, true, true]);
    // Speeds the clip up so the test need not watch it all.
    await video.evaluate((node: HTMLVideoElement) => (node.playbackRate = 4));
    await expect.poll(() => video.evaluate((node: HTMLVideoElement) => node.ended), { timeout: 15_000 }).toBe(true);
    await page.waitForTimeout(300);
    expect(await layoutShift(page)).toBe(0);
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
    await context.close();
  });

  it('recognises WooCommerce add-to-cart: a list button (its data-candor-value) and the product form (the page\'s price)', async () => {
    const visitor = 'woo-visitor-1';
    const context = await newDesktopContext(browser);
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
    await context.close();
  });
});

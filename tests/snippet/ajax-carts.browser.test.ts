// Add-to-cart made by the shop's own AJAX, in real Chromium against a real Candor and SQLite:
// Shopify's cart AJAX API by fetch and by XMLHttpRequest (the value is the answer's price times
// the quantity this request added), a listing page where each product keeps its own price,
// WooCommerce's classic jQuery event and the Blocks' native one (one add, one event), and the
// candor_vid cart attribute: set once per visitor and cart, never under GPC or withheld consent.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, contextsClosedAfterEach } from '../helpers/browser.js';
import { mountCartApi, type CartApi } from './cart-api.js';
import { fetchProductPage, htmlAnswerPage, listingPage, wooBlocksPage, wooClassicPage, xhrProductPage } from './cart-pages.js';
import { openWatched, presetVisitor, sentEvents, settleSends } from './page-helpers.js';
import { startShopWorld, type ShopWorld } from './shop-world.js';

describe.skipIf(!HAS_CHROMIUM)('AJAX add-to-cart and the cart attribute, in Chromium', () => {
  const openContext = contextsClosedAfterEach();
  let world: ShopWorld;
  let browser: Browser;
  let cart: CartApi;

  beforeAll(async () => {
    [world, browser] = await Promise.all([
      startShopWorld({}, (app, key) => {
        cart = mountCartApi(app);
        app.get('/shopify/product', (c) => c.html(fetchProductPage(key())));
        app.get('/shopify/product-consent', (c) => c.html(fetchProductPage(key(), true)));
        app.get('/shopify/product-xhr', (c) => c.html(xhrProductPage(key())));
        app.get('/shopify/html-answer', (c) => c.html(htmlAnswerPage(key())));
        app.get('/shopify/collection', (c) => c.html(listingPage(key())));
        app.get('/woo/classic', (c) => c.html(wooClassicPage(key())));
        app.get('/woo/blocks', (c) => c.html(wooBlocksPage(key())));
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  const addsOf = async (visitor: string) =>
    (await world.events({ type: 'add_to_cart' })).filter((event) => event.visitorId === visitor).map((event) => event.value);
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

  async function visit(visitor: string, path: string, context?: BrowserContext) {
    context ||= await openContext(browser);
    await presetVisitor(context, visitor);
    const watched = await openWatched(context);
    await watched.page.goto(`${world.server.url}${path}`);
    // The extras (which hear the adds) load once the page is parsed; wait for them like a shopper would.
    await watched.page.waitForFunction(() => (window as any).candorExtras);
    return { context, ...watched };
  }

  it('a product form that adds with fetch(/cart/add.js) records one add_to_cart at the answer\'s price × the quantity added', async () => {
    const visitor = 'ajax-fetch-1';
    const { page, errors, requests } = await visit(visitor, '/shopify/product');
    await page.locator('#add button').click();
    // The page's own code still gets its answer, untouched.
    await page.getByText('In cart: 2').waitFor();
    // 2 × €45.50; the page's meta price (999) and the submit itself count for nothing.
    await expect.poll(() => addsOf(visitor), { timeout: 5000 }).toEqual([91]);
    // One add, one event: with every send flushed and seen, exactly one add_to_cart went out.
    await settleSends(page);
    expect(sentEvents(requests, 'add_to_cart')).toHaveLength(1);
    // Added again: the answer's line now says quantity 3 (€136.50), but this add was one ring.
    await page.fill('[name=quantity]', '1');
    await page.locator('#add button').click();
    await page.getByText('In cart: 3').waitFor();
    await expect.poll(async () => sorted(await addsOf(visitor)), { timeout: 5000 }).toEqual([45.5, 91]);
    expect(errors).toEqual([]);
  });

  it('the same add by XMLHttpRequest (form data, a JSON response type) records one add_to_cart', async () => {
    const visitor = 'ajax-xhr-1';
    const { page, errors, requests } = await visit(visitor, '/shopify/product-xhr');
    await page.locator('#add button').click();
    await page.getByText('In cart: 1').waitFor();
    await expect.poll(() => addsOf(visitor), { timeout: 5000 }).toEqual([45.5]);
    // One add, one event: with every send flushed and seen, exactly one add_to_cart went out.
    await settleSends(page);
    expect(sentEvents(requests, 'add_to_cart')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('an add whose answer is not the cart JSON (the cart page\'s HTML) still counts once, at the form\'s price', async () => {
    const visitor = 'ajax-html-1';
    const { page, errors, requests } = await visit(visitor, '/shopify/html-answer');
    await page.locator('#add button').click();
    await page.getByText('added').waitFor();
    await expect.poll(() => addsOf(visitor), { timeout: 5000 }).toEqual([64]);
    // One add, one event: with every send flushed and seen, exactly one add_to_cart went out.
    await settleSends(page);
    expect(sentEvents(requests, 'add_to_cart')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('a listing page of four products records each product\'s own price, never the page\'s meta price', async () => {
    const visitor = 'listing-1';
    const { page, errors, requests } = await visit(visitor, '/shopify/collection');
    // Each add is let through before the next click: its event has been posted.
    for (const [index, card] of ['#p1', '#p2', '#p3'].entries()) {
      await page.locator(`${card} button`).click();
      await expect.poll(() => sentEvents(requests, 'add_to_cart').length).toBe(index + 1);
    }
    await page.locator('#p4 button').click();
    await page.getByText('added').waitFor();
    // €12.50 from data-candor-value, €30 from the card's price, €48.90 the sale price, €75 from the AJAX answer.
    await expect.poll(async () => sorted(await addsOf(visitor)), { timeout: 5000 }).toEqual([12.5, 30, 48.9, 75]);
    expect(errors).toEqual([]);
  });

  it('WooCommerce classic: the jQuery added_to_cart event counts (the button\'s card price × data-quantity), not the click, and not its re-sent native twin', async () => {
    const visitor = 'woo-classic-1';
    const { page, errors, requests } = await visit(visitor, '/woo/classic');
    const buttons = page.locator('.ajax_add_to_cart');
    await buttons.nth(0).click();
    await page.getByText('added').waitFor();
    await buttons.nth(1).click();
    await page.getByText('added added').waitFor();
    // 2 × €22 and the €35 sale price (not the struck-out €50).
    await expect.poll(async () => sorted(await addsOf(visitor)), { timeout: 5000 }).toEqual([35, 44]);
    // One add, one event: with every send flushed and seen, exactly one add_to_cart went out.
    await settleSends(page);
    expect(sentEvents(requests, 'add_to_cart')).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('WooCommerce Blocks: wc-blocks_added_to_cart counts once, at the clicked product\'s price', async () => {
    const visitor = 'woo-blocks-1';
    const { page, errors, requests } = await visit(visitor, '/woo/blocks');
    const buttons = page.locator('.add_to_cart_button');
    await buttons.nth(1).click();
    await page.getByText('added').waitFor();
    await buttons.nth(0).click();
    await page.getByText('added added').waitFor();
    await expect.poll(async () => sorted(await addsOf(visitor)), { timeout: 5000 }).toEqual([18, 27.5]);
    // One add, one event: with every send flushed and seen, exactly one add_to_cart went out.
    await settleSends(page);
    expect(sentEvents(requests, 'add_to_cart')).toHaveLength(2);
    expect(errors).toEqual([]);
  });

  it('sets the cart attribute candor_vid once per visitor and cart, with the visitor id', async () => {
    const visitor = 'cart-tag-1';
    const { context, page, errors, requests } = await visit(visitor, '/shopify/product');
    const mine = () => cart.updates.filter((update) => update.body.attributes?.candor_vid === visitor);
    // No cart yet: nothing to tag. The extras have loaded (visit), so a tag would have been asked for.
    await settleSends(page);
    expect(requests.filter((request) => request.url.includes('/cart/update.js'))).toEqual([]);
    expect(mine()).toEqual([]);
    await page.locator('#add button').click();
    await expect.poll(() => mine().length, { timeout: 5000 }).toBe(1);
    const token = (await context.cookies()).find((cookie) => cookie.name === 'cart')!.value;
    expect(mine()[0]).toEqual({ token, body: { attributes: { candor_vid: visitor } } });
    expect(cart.carts.get(token)!.attributes).toEqual({ candor_vid: visitor });
    // Later page loads and adds to the same cart send nothing more.
    await page.reload();
    await page.waitForFunction(() => (window as any).candorExtras);
    await page.fill('[name=quantity]', '1');
    await page.locator('#add button').click();
    await page.getByText('In cart: 3').waitFor();
    // The tag is decided right after the add is reported: once that add has gone out and the page
    // has settled, a second tag would be in the request log.
    await expect.poll(() => sentEvents(requests, 'add_to_cart').length, { timeout: 5000 }).toBe(2);
    await settleSends(page);
    expect(requests.filter((request) => request.url.includes('/cart/update.js'))).toHaveLength(1);
    expect(mine()).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('tags a cart that exists already when a page loads (an add made without Candor, e.g. before consent)', async () => {
    const visitor = 'cart-tag-2';
    const context = await openContext(browser);
    // The cart comes first, through the cart API itself; the browser keeps its cookie.
    const made = await context.request.post(`${world.server.url}/cart/add.js`, { data: { id: 202, quantity: 1 } });
    expect(made.status()).toBe(200);
    const token = (await context.cookies()).find((cookie) => cookie.name === 'cart')!.value;
    const { page, errors } = await visit(visitor, '/shopify/product', context);
    await expect.poll(() => cart.updates.filter((update) => update.token === token), { timeout: 5000 }).toEqual([
      { token, body: { attributes: { candor_vid: visitor } } },
    ]);
    // No add happened on this page: no add_to_cart either.
    expect(await addsOf(visitor)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sets no cart attribute and records nothing under Global Privacy Control or withheld consent', async () => {
    const before = cart.updates.length;
    const adds = (await world.events({ type: 'add_to_cart' })).length;

    const gpc = await openContext(browser);
    await gpc.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
    const first = await openWatched(gpc);
    await first.page.goto(`${world.server.url}/shopify/product`);
    await first.page.locator('#add button').click();
    await first.page.getByText('In cart: 2').waitFor();

    const withheld = await openContext(browser);
    const second = await openWatched(withheld);
    await second.page.goto(`${world.server.url}/shopify/product-consent`);
    await second.page.locator('#add button').click();
    await second.page.getByText('In cart: 2').waitFor();
    // A page load with the cart now existing: still nothing.
    // The load event waits for the async snippet; after it, settleSends completes both request logs.
    await second.page.reload({ waitUntil: 'load' });
    await Promise.all([settleSends(first.page), settleSends(second.page)]);

    expect(cart.updates.length).toBe(before);
    expect((await world.events({ type: 'add_to_cart' })).length).toBe(adds);
    expect(first.requests.some((request) => request.url.includes('/cart/update.js'))).toBe(false);
    expect(second.requests.some((request) => request.url.includes('/cart/update.js'))).toBe(false);
    expect([...first.errors, ...second.errors]).toEqual([]);
  });
});

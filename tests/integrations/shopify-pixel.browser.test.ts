// The generated Shopify custom pixel, run in real Chromium the way Shopify runs it: inside an
// iframe sandboxed with allow-scripts (an opaque origin, so its posts say Origin: null), given
// the documented API by a harness (pixel-harness.ts). The storefront page runs the real snippet,
// which assigns and exposes the visitor; the pixel's add-to-cart and purchase must land credited
// to that visitor and arm, and nothing may be sent without consent or without a visitor id.
import { Hono } from 'hono';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVariant } from '../../server/assign/index.js';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { HAS_CHROMIUM, launchBrowser, listen, contextsClosedAfterEach, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { experimentBody, variantBody } from '../helpers/fixtures.js';
import { checkoutCompleted, harnessFrameHtml, pixelFrameTag, productAddedToCart, TOP_FRAME_BRIDGE } from './pixel-harness.js';

const svg = (colour: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900"><rect width="1600" height="900" fill="${colour}"/></svg>`;

function storefrontHtml(siteKey: string, frameSrc: string, withSnippet: boolean): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lumen ring</title><link rel="icon" href="data:,">
${withSnippet ? `<script async src="/c.js" data-site="${siteKey}"></script>` : ''}
<style>body{margin:0;font:16px sans-serif} .slot{width:640px;aspect-ratio:16/9;background:#ddd}</style>
</head><body><h1>Lumen ring</h1>${withSnippet ? '<div class="slot" data-candor-slot="hero"></div>' : '<p>Thank you for your order.</p>'}
${TOP_FRAME_BRIDGE}${pixelFrameTag(frameSrc)}</body></html>`;
}

describe.skipIf(!HAS_CHROMIUM)('the Shopify custom pixel in a sandboxed iframe, in Chromium', () => {
  const openContext = contextsClosedAfterEach();
  let database: TestDatabase;
  let t: TestApp;
  let server: HttpServer;
  let browser: Browser;
  let site: any;
  let experiment: any;
  let pixelCode = '';
  /** Every request to /v1/events Candor has answered: its method and Origin header. */
  const eventRequests: Array<{ method: string; origin: string | null }> = [];

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    const outer = new Hono();
    outer.use('/v1/events', async (c, next) => {
      // Recorded once answered, so a test that waits for a count waits for the work to be done.
      await next();
      eventRequests.push({ method: c.req.method, origin: c.req.header('origin') ?? null });
    });
    outer.get('/products/lumen-ring', (c) => c.html(storefrontHtml(site.publicKey, `/pixel-frame?consent=${c.req.query('consent') ?? 'granted'}`, true)));
    outer.get('/checkouts/thank-you', (c) => c.html(storefrontHtml(site.publicKey, `/pixel-frame?consent=${c.req.query('consent') ?? 'granted'}`, false)));
    outer.get('/pixel-frame', (c) => c.html(harnessFrameHtml(pixelCode, { analyticsProcessingAllowed: c.req.query('consent') !== 'denied' })));
    outer.get('/media/:name', (c) => c.body(svg(c.req.param('name') === 'ai.svg' ? '#a8326e' : '#1f5c99'), 200, { 'Content-Type': 'image/svg+xml' }));
    // Candor itself, built once the socket's address (its public URL, baked into the pixel) is known.
    outer.all('*', (c) => t.app.fetch(c.req.raw, c.env));
    server = await listen(outer);
    t = buildTestApp(database, { clock: { get now() { return Date.now(); } } as { now: number }, env: { CANDOR_PUBLIC_URL: server.url } });

    site = (await t.call('POST', '/api/sites', { name: 'Aurum', allowedOrigins: [server.url], disclosurePolicy: 'strict', currency: 'EUR' })).body;
    const size = { width: 1600, height: 900 };
    const created = await t.call(
      'POST',
      `/api/sites/${site.id}/experiments`,
      experimentBody({
        key: 'hero-test',
        primaryMetric: 'purchased',
        variants: [
          variantBody('studio', { control: true, media: { type: 'image', url: `${server.url}/media/studio.svg`, alt: 'The ring in the studio', ...size } }),
          variantBody('ai-label', {
            origin: 'ai',
            disclosure: { style: 'label', text: 'Made with AI', position: 'top-left' },
            media: { type: 'image', url: `${server.url}/media/ai.svg`, alt: 'The ring on a glowing dune', ...size },
          }),
        ],
      }),
    );
    experiment = (await t.call('POST', `/api/experiments/${created.body.id}/status`, { status: 'running' })).body;
    // The merchant's copy: fetched over HTTP with the admin token, exactly as the README shows.
    const served = await fetch(`${server.url}/api/sites/${site.id}/integrations/shopify-pixel`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(served.status).toBe(200);
    pixelCode = await served.text();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.writer.close();
    await database?.cleanup();
  });

  const CONVERSIONS = ['add_to_cart', 'purchase'];
  const conversionsOf = async (visitor: string) => (await eventsOf(visitor)).filter((event) => CONVERSIONS.includes(event.type));
  const eventsOf = (visitor: string) => database.db.selectFrom('events').selectAll().where('visitorId', '=', visitor).orderBy('receivedAt').execute();
  const armOf = (visitor: string) => {
    const weights = experiment.variants.map((variant: any) => variant.weight);
    return experiment.variants[assignVariant({ seed: experiment.seed, coverage: experiment.coverage, weights }, visitor)];
  };

  async function pixelFrame(page: Page): Promise<Frame> {
    await expect.poll(() => page.frames().some((frame) => frame.url().includes('/pixel-frame'))).toBe(true);
    const frame = page.frames().find((candidate) => candidate.url().includes('/pixel-frame'))!;
    await frame.waitForFunction(() => (window as any).harness !== undefined);
    return frame;
  }

  const emit = (frame: Frame, name: string, event: unknown) => frame.evaluate(([n, e]) => (window as any).harness.emit(n, e), [name, event] as const);

  /** Opens the product page and waits for the snippet to expose the visitor: their id and arm. */
  async function exposedVisitor(context: BrowserContext, consent = 'granted') {
    const page = await context.newPage();
    await page.goto(`${server.url}/products/lumen-ring?consent=${consent}`);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('candor_vid'))).toBeTruthy();
    const visitor = (await page.evaluate(() => localStorage.getItem('candor_vid')))!;
    await expect.poll(async () => (await eventsOf(visitor)).filter((event) => event.type === 'exposure').length, { timeout: 10_000 }).toBe(1);
    return { page, visitor };
  }

  it('records the add-to-cart and the purchase for the visitor the storefront stored, credited to their arm', async () => {
    const pixelPosts = () => eventRequests.filter((request) => request.method === 'POST' && request.origin === 'null').length;
    const postsBefore = pixelPosts();
    const context = await openContext(browser);
    const { page, visitor } = await exposedVisitor(context);
    const [exposure] = (await eventsOf(visitor)).filter((event) => event.type === 'exposure');
    const arm = armOf(visitor);
    expect(exposure!.variantId).toBe(arm.id);

    const added = productAddedToCart(129, 2);
    await emit(await pixelFrame(page), 'product_added_to_cart', added);
    await expect.poll(async () => (await eventsOf(visitor)).map((event) => event.type), { timeout: 10_000 }).toContain('add_to_cart');

    // The thank-you page: no snippet runs there, only the pixel.
    await page.goto(`${server.url}/checkouts/thank-you`);
    const completed = checkoutCompleted(270.5, 'gid://shopify/OrderIdentity/5001');
    const frame = await pixelFrame(page);
    await emit(frame, 'checkout_completed', completed);
    await expect.poll(async () => (await eventsOf(visitor)).map((event) => event.type), { timeout: 10_000 }).toContain('purchase');
    // Shopify delivering the same event again counts once: its id is the event's id. Candor
    // answers a batch once it is stored, so its third answer to the pixel (the add, the purchase,
    // the repeat) is the moment to look.
    await emit(frame, 'checkout_completed', completed);
    await expect.poll(pixelPosts, { timeout: 10_000 }).toBe(postsBefore + 3);

    const byType: Record<string, any> = Object.fromEntries((await eventsOf(visitor)).map((event) => [event.type, event]));
    expect((await conversionsOf(visitor)).map((event) => event.type).sort()).toEqual(['add_to_cart', 'purchase']);
    expect(byType.add_to_cart).toMatchObject({ id: added.id.replace(/[^A-Za-z0-9_-]/g, '_'), experimentId: null, variantId: null });
    expect(Number(byType.add_to_cart.value)).toBe(258);
    // The order's gid is stored as its number, the id Shopify's order webhooks use.
    expect(byType.purchase).toMatchObject({ id: completed.id, orderId: '5001' });
    expect(Number(byType.purchase.value)).toBe(270.5);
    expect((await eventsOf(visitor)).filter((event) => event.type === 'purchase')).toHaveLength(1);

    const fact = await database.db.selectFrom('visitorFacts').selectAll().where('visitorId', '=', visitor).executeTakeFirstOrThrow();
    expect(fact).toMatchObject({ experimentId: experiment.id, variantId: arm.id, addedToCart: 1, purchased: 1 });
    expect(Number(fact.revenue)).toBe(270.5);
    // Sent from the sandbox's opaque origin, preflighted (application/json) and then posted.
    expect(eventRequests).toContainEqual({ method: 'OPTIONS', origin: 'null' });
    expect(pixelPosts()).toBe(postsBefore + 3);

    // A cart in another presentment currency than the site's (EUR) is refused and counted, never added in.
    await emit(frame, 'product_added_to_cart', productAddedToCart(10, 1, 'USD'));
    await expect
      .poll(async () => (await t.call('GET', `/api/sites/${site.id}/drops?days=1`)).body.totals.currency_mismatch ?? 0, { timeout: 10_000 })
      .toBe(1);
    expect((await conversionsOf(visitor)).map((event) => event.type).sort()).toEqual(['add_to_cart', 'purchase']);
  });

  it('sends nothing while the visitor withholds consent to analytics, and sends once they grant it', async () => {
    const context = await openContext(browser);
    const { page, visitor } = await exposedVisitor(context, 'denied');
    const frame = await pixelFrame(page);
    const posts = () => eventRequests.filter((request) => request.origin === 'null' && request.method === 'POST').length;
    const before = posts();
    await emit(frame, 'product_added_to_cart', productAddedToCart(59, 1));
    await emit(frame, 'checkout_completed', checkoutCompleted(71.5, 'gid://shopify/OrderIdentity/5002'));

    // The visitor accepts in the banner: Shopify tells the pixel through visitorConsentCollected.
    await frame.evaluate(() =>
      (window as any).harness.collectConsent({ analyticsProcessingAllowed: true, marketingAllowed: false, preferencesProcessingAllowed: false, saleOfDataAllowed: false }),
    );
    await emit(frame, 'product_added_to_cart', productAddedToCart(59, 1));
    await expect.poll(async () => (await conversionsOf(visitor)).map((event) => [event.type, Number(event.value)]), { timeout: 10_000 }).toEqual([['add_to_cart', 59]]);
    // The two events emitted while consent was withheld were emitted first: had either been sent,
    // it would have arrived before this one. Only the one after consent was posted.
    await expect.poll(posts).toBe(before + 1);
  });

  it('sends nothing for a visitor the snippet never saw (no id in the storefront\'s storage)', async () => {
    const context = await openContext(browser);
    const page = await context.newPage();
    const before = eventRequests.length;
    const purchasesBefore = await database.db.selectFrom('events').select('id').where('type', '=', 'purchase').execute();
    await page.goto(`${server.url}/checkouts/thank-you`);
    const frame = await pixelFrame(page);
    await emit(frame, 'checkout_completed', checkoutCompleted(99, 'gid://shopify/OrderIdentity/5003'));
    // The pixel did run and ask the top frame for the id; it found none and sent nothing.
    await expect.poll(() => frame.evaluate(() => (window as any).harness.storageReads)).toBe(1);
    // A positive control: the snippet stores an id now and the order after it is sent. Storage
    // answers in order, so once the later order has arrived the first one's answer (none) was
    // acted on long before: nothing was sent for it.
    await page.evaluate(() => localStorage.setItem('candor_vid', 'late-visitor-1'));
    await emit(frame, 'checkout_completed', checkoutCompleted(99, 'gid://shopify/OrderIdentity/5004'));
    await expect.poll(async () => (await eventsOf('late-visitor-1')).map((event) => event.orderId), { timeout: 10_000 }).toEqual(['5004']);
    await expect.poll(() => eventRequests.slice(before).filter((request) => request.method === 'POST').length).toBe(1);
    const purchasesAfter = await database.db.selectFrom('events').select('id').where('type', '=', 'purchase').execute();
    expect(purchasesAfter).toHaveLength(purchasesBefore.length + 1);
  });
});

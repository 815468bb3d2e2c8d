// The demo shop's pages through the real app: the product page with the snippet and the slot,
// the explanation shown before the demo exists, the generated images, and the stateless
// bag → checkout → thank-you path that reports the purchase.
import { expect, it } from 'vitest';
import { ensureDemo } from '../../server/demo/setup.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';

async function withDemo(database: TestDatabase) {
  const t = buildTestApp(database);
  const { site } = await ensureDemo(database.db, { baseUrl: 'http://127.0.0.1:8787', now: t.clock.now, catalog: t.catalog });
  return { t, site };
}

async function get(t: TestApp, path: string) {
  const response = await t.app.request(path);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function postForm(t: TestApp, path: string, fields: Record<string, string>) {
  return t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

describeEachDialect('the demo shop', (database) => {
  it('renders the product page with the snippet tag, the queue stub and a 16:9 slot holding the shop\'s own image', async () => {
    const { t, site } = await withDemo(database());
    const page = await get(t, '/demo');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain(`<script async src="/c.js" data-site="${site.publicKey}"></script>`);
    expect(page.text).toContain('<script>window.candor=window.candor||function(){(candor.q=candor.q||[]).push(arguments)}</script>');
    expect(page.text).toMatch(/<div class="slot" data-candor-slot="hero">\s*<a href="#details"><img src="\/demo\/media\/hero-studio\.svg" width="1600" height="900" alt="[^"]+"><\/a>/);
    expect(page.text).toMatch(/\.slot \{ aspect-ratio: 16 \/ 9; width: 100%;/);
    expect(page.text).toContain('<meta property="product:price:amount" content="129">');
    expect(page.text).toContain('<meta property="og:type" content="product">');
  });

  it('has a Shopify-style add-to-cart form with the value the snippet reads, and labelled controls', async () => {
    const { t } = await withDemo(database());
    const { text } = await get(t, '/demo');
    expect(text).toContain('<form class="buy" action="/demo/cart/add" method="post" data-candor-value="129">');
    expect(text).toContain('<input type="hidden" name="id" value="lumen">');
    expect(text).toMatch(/<label for="size">[^<]+<\/label>\s*<select id="size" name="size">/);
    expect(text).toMatch(/<label for="quantity">[^<]+<\/label>\s*<input id="quantity" name="quantity"/);
    for (const landmark of ['<header', '<nav aria-label="Shop">', '<main id="content"', '<footer']) expect(text).toContain(landmark);
    // Every image says what it shows.
    for (const tag of text.match(/<img [^>]*>/g)!) expect(tag).toMatch(/ alt="[^"]+"/);
    expect(text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1:8787)[a-z]/i);
  });

  it('explains how to create the demo when its site does not exist yet', async () => {
    const t = buildTestApp(database());
    const page = await get(t, '/demo');
    expect(page.status).toBe(200);
    expect(page.text).toContain('npm start -- --demo');
    expect(page.text).toContain('npm run demo');
    expect(page.text).toContain('Load the demo');
    expect(page.text).not.toContain('/c.js');
  });

  it('serves the generated images as SVG with a long cache and an ETag, and 404s for any other name', async () => {
    const t = buildTestApp(database());
    for (const name of ['hero-studio.svg', 'hero-cinematic.svg', 'lumen-ring.svg', 'lumen-ring-flat.svg']) {
      const media = await get(t, `/demo/media/${name}`);
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toBe('image/svg+xml');
      expect(media.headers.get('cache-control')).toMatch(/max-age=\d{6,}/);
      expect(media.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
      expect(media.text).toContain('<title>');
      expect(media.text).not.toMatch(/<script|href="http/i);
      const again = await t.app.request(`/demo/media/${name}`, { headers: { 'if-none-match': media.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
    expect((await get(t, '/demo/media/hero-studio.svg')).text).toMatch(/viewBox="0 0 1600 900"/);
    expect((await get(t, '/demo/media/secrets.svg')).status).toBe(404);
    expect((await get(t, '/demo/media/..%2Fapp.ts')).status).toBe(404);
  });

  it('answers an add to cart with 303 to the bag, which links to the checkout', async () => {
    const { t } = await withDemo(database());
    const added = await postForm(t, '/demo/cart/add', { id: 'lumen', size: '52', quantity: '2' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/demo/cart?item=lumen-52&qty=2');
    const bag = await get(t, '/demo/cart?item=lumen-52&qty=2');
    expect(bag.status).toBe(200);
    expect(bag.text).toContain('size 52');
    expect(bag.text).toContain('€258');
    expect(bag.text).toMatch(/<form class="stack" action="\/demo\/checkout" method="get">[\s\S]*?Checkout<\/button>/);
  });

  it('refuses a size it does not make or a silly quantity with a page, not a crash', async () => {
    const { t } = await withDemo(database());
    const attempts: Array<Record<string, string>> = [{ id: 'lumen', size: '99', quantity: '1' }, { id: 'lumen', size: '52', quantity: '0' }, { id: 'other', size: '52', quantity: '1' }, {}];
    for (const fields of attempts) {
      const reply = await postForm(t, '/demo/cart/add', fields);
      expect(reply.status).toBe(400);
      expect(await reply.text()).toContain('cannot go in the bag');
    }
    expect((await get(t, '/demo/cart?item=lumen-99&qty=1')).text).toContain('Your bag is empty');
  });

  it('checks out to a thank-you page that reports the purchase with its order number and value', async () => {
    const { t, site } = await withDemo(database());
    const checkout = await get(t, '/demo/checkout?item=lumen-54&qty=1');
    expect(checkout.status).toBe(200);
    expect(checkout.text).toContain('<form class="stack" action="/demo/checkout" method="post">');
    const paid = await postForm(t, '/demo/checkout', { item: 'lumen-54', qty: '1', email: 'ana@example.com' });
    expect(paid.status).toBe(303);
    const location = paid.headers.get('location')!;
    const match = /^\/demo\/thank-you\?order=(AUR-[A-Z2-9]{8})&value=129$/.exec(location);
    expect(match, location).not.toBeNull();
    const thanks = await get(t, location);
    expect(thanks.status).toBe(200);
    expect(thanks.text).toContain(`candor('track', 'purchase', { value: 129, order: "${match![1]}" });`);
    expect(thanks.text).toContain(`data-site="${site.publicKey}"`);
    // The call comes after the stub that queues it.
    expect(thanks.text.indexOf('window.candor=')).toBeLessThan(thanks.text.indexOf("candor('track'"));
  });

  it('hands out a different order number each time', async () => {
    const { t } = await withDemo(database());
    const orders = new Set<string>();
    for (let i = 0; i < 5; i++) orders.add((await postForm(t, '/demo/checkout', { item: 'lumen-54', qty: '1', email: 'ana@example.com' })).headers.get('location')!);
    expect(orders.size).toBe(5);
  });

  it('never echoes a tampered order link or item into the page', async () => {
    const { t } = await withDemo(database());
    const hostile = encodeURIComponent("</script><script>alert('x')</script>");
    const thanks = await get(t, `/demo/thank-you?order=${hostile}&value=129`);
    expect(thanks.status).toBe(400);
    expect(thanks.text).not.toContain("alert('x')");
    expect(thanks.text).not.toContain("candor('track'");
    expect((await get(t, '/demo/thank-you?order=AUR-ABCDEFGH&value=1e9')).status).toBe(400);
    const bag = await get(t, `/demo/cart?item=${hostile}&qty=${hostile}`);
    expect(bag.text).not.toContain("alert('x')");
    const checkout = await postForm(t, '/demo/checkout', { item: 'lumen-54', qty: '1', email: '<b>not an address' });
    expect(checkout.status).toBe(400);
    expect(await checkout.text()).not.toContain('<b>not');
  });

  it('refuses an oversized form', async () => {
    const { t } = await withDemo(database());
    const reply = await postForm(t, '/demo/cart/add', { id: 'lumen', size: '52', quantity: '1', padding: 'x'.repeat(10_000) });
    expect(reply.status).toBe(413);
  });
});

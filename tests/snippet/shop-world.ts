// A shop page with a Candor slot, served next to a real Candor on a real socket, and a real
// SQLite file behind it: what the snippet's browser tests load in Chromium.
import { Hono } from 'hono';
import { assignVariant } from '../../server/assign/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, listen, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { experimentBody, variantBody } from '../helpers/fixtures.js';

/** A flat-colour 16:9 SVG "photo", so each arm is easy to tell apart in a screenshot. */
function pictureSvg(colour: string, words: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">` +
    `<rect width="1600" height="900" fill="${colour}"/>` +
    `<text x="800" y="470" font-size="96" text-anchor="middle" fill="#fff" font-family="sans-serif">${words}</text></svg>`
  );
}

export interface PageOptions {
  consent?: 'required';
  /** No slot on the page: a page that only converts. */
  noSlot?: boolean;
  /** The video experiment's slot instead of the hero. */
  reel?: boolean;
  /** WooCommerce's markup instead of Shopify's: a product form.cart and a list's add-to-cart link. */
  woo?: boolean;
  /** Slots of these names, in a masthead, instead of the hero: a page of several creatives. */
  slots?: string[];
  /** The shop's own stylesheet, after the base one: a theme, or a hostile one. */
  css?: string;
}

function shopPage(publicKey: string, options: PageOptions): string {
  const consent = options.consent ? ` data-consent="${options.consent}"` : '';
  const slotDiv = (name: string) =>
    `<div class="slot" data-candor-slot="${name}"><img src="/media/fallback.svg" alt="Our ring" style="width:100%;height:100%;object-fit:cover;display:block"></div>`;
  const slot = options.noSlot
    ? ''
    : options.slots
      ? `<header class="masthead"><div class="container">${options.slots.map(slotDiv).join('')}<p>New in: the Lumen collection.</p></div></header>`
      : slotDiv(options.reel ? 'reel' : 'hero');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lumen ring</title>
<meta property="product:price:amount" content="129.00"><link rel="icon" href="data:,">
<script>window.candor=window.candor||function(){(candor.q=candor.q||[]).push(arguments)}</script>
<script async src="/c.js" data-site="${publicKey}"${consent}></script>
<style>body{margin:0;font:16px sans-serif} main{width:640px;margin:24px} .slot{width:100%;aspect-ratio:16/9;background:#ddd}</style>${options.css ? `\n<style>${options.css}</style>` : ''}
</head><body><main>
<h1>Lumen ring</h1>
${slot}
<p id="below">Recycled 18k gold, made in Lisbon.</p>
${
  options.woo
    ? `<form class="cart" action="/cart/add" method="post"><button type="submit" class="single_add_to_cart_button">Add to cart</button></form>
<ul><li data-candor-value="59">Stud earrings <a href="#related" class="button add_to_cart_button ajax_add_to_cart">Add to cart</a></li></ul>`
    : `<form id="add" action="/cart/add" method="post" data-candor-value="129"><input type="hidden" name="id" value="1"><button>Add to cart</button></form>`
}
<button id="buy" type="button" onclick="candor('track','purchase',{value:129,order:'AUR-1'})">Buy now</button>
</main></body></html>`;
}

export interface ShopWorld {
  t: TestApp;
  database: TestDatabase;
  server: HttpServer;
  site: any;
  experiment: any;
  /** The arm the hash gives a visitor id. */
  armOf(visitor: string): any;
  /** The stored id of the hero experiment's variant with this key. */
  variantId(key: string): string;
  /** A fresh visitor id (never given before in this world) that the hash puts in the given arm. */
  visitorIn(variantKey: string): string;
  events(where?: { type?: string }): Promise<any[]>;
  close(): Promise<void>;
}

/**
 * extraPages: more shop pages, by path, for a test file that needs its own. extraRoutes: a test
 * file's own routes (pages of its own markup, a shop's cart API), given the site's public key.
 */
export async function startShopWorld(
  extraPages: Record<string, PageOptions> = {},
  extraRoutes?: (app: Hono, publicKey: () => string) => void,
): Promise<ShopWorld> {
  const database = await openTestDatabase('sqlite');
  // A real clock: the browser stamps events with its own time.
  const t = buildTestApp(database, { clock: { get now() { return Date.now(); } } as { now: number } });
  const outer = new Hono();
  let publicKey = '';
  const pages = new Map<string, PageOptions>([
    ['/shop/product', {}],
    ['/shop/consent', { consent: 'required' }],
    ['/shop/checkout', { noSlot: true }],
    ['/shop/reel', { reel: true }],
    ['/shop/woo', { woo: true }],
    ...Object.entries(extraPages),
  ]);
  for (const [path, options] of pages) outer.get(path, (c) => c.html(shopPage(publicKey, options)));
  outer.post('/cart/add', (c) => c.redirect('/shop/checkout', 303));
  extraRoutes?.(outer, () => publicKey);
  const pictures: Record<string, string> = {
    'fallback.svg': pictureSvg('#8a8a8a', 'fallback'),
    'studio.svg': pictureSvg('#1f5c99', 'studio'),
    'ai.svg': pictureSvg('#a8326e', 'ai'),
    'caption.svg': pictureSvg('#2f7d4a', 'caption'),
  };
  // A real campaign clip (H.264 in MP4), the one the creatives issue uploads too.
  const clip = mediaFile('video1.mp4');
  outer.get('/media/clip.mp4', (c) => c.body(new Uint8Array(clip), 200, { 'Content-Type': 'video/mp4' }));
  outer.get('/media/:name', (c) => {
    const svg = pictures[c.req.param('name')];
    return svg ? c.body(svg, 200, { 'Content-Type': 'image/svg+xml' }) : c.notFound();
  });
  outer.route('/', t.app);
  const server = await listen(outer, t.direct);

  const siteReply = await t.call('POST', '/api/sites', { name: 'Aurum', allowedOrigins: [server.url], disclosurePolicy: 'strict' });
  const site = siteReply.body;
  publicKey = site.publicKey;
  const size = { width: 1600, height: 900 };
  const created = await t.call(
    'POST',
    `/api/sites/${site.id}/experiments`,
    experimentBody({
      key: 'hero-test',
      primaryMetric: 'clicked',
      survey: { question: 'trust', delaySeconds: 0 },
      variants: [
        variantBody('studio', { control: true, clickUrl: `${server.url}/shop/checkout`, media: { type: 'image', url: `${server.url}/media/studio.svg`, alt: 'The ring in the studio', ...size } }),
        variantBody('ai-label', {
          origin: 'ai',
          disclosure: { style: 'label', text: 'Made with AI', position: 'top-left' },
          clickUrl: `${server.url}/shop/checkout`,
          media: { type: 'image', url: `${server.url}/media/ai.svg`, alt: 'The ring on a glowing dune', ...size },
        }),
        variantBody('ai-caption', {
          origin: 'ai',
          disclosure: { style: 'caption', text: 'This image was created with generative AI.', position: 'below' },
          clickUrl: `${server.url}/shop/checkout`,
          media: { type: 'image', url: `${server.url}/media/caption.svg`, alt: 'The ring in a cathedral of light', ...size },
        }),
      ],
    }),
  );
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  const started = await t.call('POST', `/api/experiments/${created.body.id}/status`, { status: 'running' });
  if (started.status !== 200) throw new Error(JSON.stringify(started.body));
  const experiment = started.body;
  const reel = await t.call(
    'POST',
    `/api/sites/${site.id}/experiments`,
    experimentBody({
      key: 'reel-test',
      slot: 'reel',
      primaryMetric: 'video_completed',
      variants: [
        variantBody('studio-clip', { control: true, media: { type: 'video', url: `${server.url}/media/clip.mp4`, poster: `${server.url}/media/studio.svg`, alt: 'The ring turning', ...size } }),
        variantBody('ai-clip', {
          origin: 'ai',
          disclosure: { style: 'badge', text: 'Made with AI' },
          media: { type: 'video', url: `${server.url}/media/clip.mp4`, poster: `${server.url}/media/ai.svg`, alt: 'The ring in a storm of light', ...size },
        }),
      ],
    }),
  );
  const reelStarted = await t.call('POST', `/api/experiments/${reel.body.id}/status`, { status: 'running' });
  if (reelStarted.status !== 200) throw new Error(JSON.stringify(reelStarted.body));

  const armOf = (visitor: string) => {
    const weights = experiment.variants.map((variant: any) => variant.weight);
    return experiment.variants[assignVariant({ seed: experiment.seed, coverage: experiment.coverage, weights }, visitor)];
  };
  let visitors = 0;
  return {
    t,
    database,
    server,
    site,
    experiment,
    armOf,
    variantId: (key) => experiment.variants.find((variant: any) => variant.key === key).id,
    visitorIn(variantKey) {
      for (;;) {
        const visitor = `visitor-${++visitors}`;
        if (armOf(visitor)?.key === variantKey) return visitor;
      }
    },
    async events(where = {}) {
      let query = database.db.selectFrom('events').selectAll().where('siteId', '=', site.id);
      if (where.type) query = query.where('type', '=', where.type);
      return query.orderBy('id').execute();
    },
    async close() {
      await server.close();
      await t.writer.close();
      await database.cleanup();
    },
  };
}

/** For a describe block: a shop world and a Chromium for all its tests, closed after them. */
export function withShopInChromium(receive: (world: ShopWorld, browser: Browser) => void): void {
  let world: ShopWorld | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [world, browser] = await Promise.all([startShopWorld(), launchBrowser()]);
    receive(world, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });
}

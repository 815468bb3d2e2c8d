// The demo shop (GET /demo and its pages): a small jewellery brand's product page with Candor's
// snippet and a campaign slot, a stateless bag and checkout that report add-to-cart and
// purchase as a real shop would, and the generated images they show.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { matchesIfNoneMatch } from '../http/etag.js';
import { drawMedia, isMediaName } from './creatives/media.js';
import { DEMO_SLOT } from './demo-experiment.js';
import { cartPage, checkoutPage } from './pages/cart.js';
import { problemPage } from './pages/problem.js';
import { productPage } from './pages/product.js';
import { setupNeededPage } from './pages/setup-needed.js';
import { thankYouPage } from './pages/thank-you.js';
import { findDemoSite } from './setup.js';
import { cartLine, lineFromForm, makeOrderId, ORDER_PATTERN, PRODUCT } from './shop.js';

// The images never change within a release, and a week of caching is what a shop's CDN would give them.
const MEDIA_CACHE_CONTROL = 'public, max-age=604800, stale-while-revalidate=86400';
// The shop's forms carry a few short fields.
const FORM_LIMIT = 4 * 1024;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}$/;

export function demoRoutes({ db, config }: AppDeps): Hono {
  const app = new Hono();

  app.use(
    '/demo/*',
    bodyLimit({
      maxSize: FORM_LIMIT,
      onError: () => {
        throw new HttpError('payload_too_large', `The form is over ${FORM_LIMIT / 1024} KB.`);
      },
    }),
  );

  app.get('/demo/media/:file', (c) => {
    const file = c.req.param('file');
    if (!isMediaName(file)) throw new HttpError('not_found', `The demo has no image "${file}".`);
    const { body, etag } = drawMedia(file);
    c.header('ETag', etag);
    c.header('Cache-Control', MEDIA_CACHE_CONTROL);
    c.header('X-Content-Type-Options', 'nosniff');
    // Opened on its own, an SVG is a document: ours run no script, and this keeps it that way.
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    c.header('Content-Type', 'image/svg+xml');
    return c.body(body);
  });

  app.get('/demo', (c) =>
    withSite(c, (siteKey) => productPage({ siteKey, slot: DEMO_SLOT, baseUrl: config.publicUrl })),
  );

  app.post('/demo/cart/add', async (c) => {
    const form = await readForm(c);
    const line = lineFromForm({ id: form.id, size: form.size, quantity: form.quantity });
    if (!line) {
      return withSite(c, (siteKey) => problemPage(siteKey, 'That cannot go in the bag', `Choose a size we make and from 1 to ${PRODUCT.maxQuantity} rings.`), 400);
    }
    return c.redirect(`/demo/cart?item=${line.item}&qty=${line.quantity}`, 303);
  });

  app.get('/demo/cart', (c) => withSite(c, (siteKey) => cartPage(siteKey, cartLine(c.req.query('item'), c.req.query('qty')))));

  app.get('/demo/checkout', (c) => {
    const line = cartLine(c.req.query('item'), c.req.query('qty'));
    if (!line) return c.redirect('/demo/cart', 303);
    return withSite(c, (siteKey) => checkoutPage(siteKey, line));
  });

  app.post('/demo/checkout', async (c) => {
    const form = await readForm(c);
    const line = cartLine(form.item, form.qty);
    if (!line) return c.redirect('/demo/cart', 303);
    if (!EMAIL.test(form.email ?? '')) {
      return withSite(c, (siteKey) => problemPage(siteKey, 'Check your email address', 'We need an email address such as ana@example.com to send the receipt to.'), 400);
    }
    // The address is only checked, never kept: there is no real order to send it anything about.
    return c.redirect(`/demo/thank-you?order=${makeOrderId()}&value=${line.total}`, 303);
  });

  app.get('/demo/thank-you', (c) => {
    const order = c.req.query('order') ?? '';
    const value = Number(c.req.query('value'));
    const valid = ORDER_PATTERN.test(order) && Number.isInteger(value) && value > 0 && value <= PRODUCT.price * PRODUCT.maxQuantity;
    if (!valid) {
      return withSite(c, (siteKey) => problemPage(siteKey, 'We could not find that order', 'The link looks incomplete. Your bag is still where you left it.'), 400);
    }
    return withSite(c, (siteKey) => thankYouPage(siteKey, order, value));
  });

  /** Renders a shop page with the demo site's key, or explains how to create the demo site. */
  async function withSite(c: Context, render: (siteKey: string) => string, status: 200 | 400 = 200): Promise<Response> {
    c.header('Cache-Control', 'no-store');
    const site = await findDemoSite(db);
    if (!site) return c.html(setupNeededPage(), 200);
    return c.html(render(site.publicKey), status);
  }

  return app;
}

async function readForm(c: Context): Promise<Record<string, string | undefined>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value : undefined]));
}

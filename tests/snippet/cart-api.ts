// A shop's cart as Shopify documents its cart AJAX API (shopify.dev, "Cart API reference"), for the
// snippet's tests: POST /cart/add.js (JSON {id, quantity} or {items: [...]}, or form data) answers
// the added line item, or {items: [...]} for an items request, prices in cents, and the line's new
// total quantity; POST /cart/update.js sets attributes; GET /cart.js is the cart. The cart's token
// is the `cart` cookie. WooCommerce's AJAX add (POST /woo/add) answers fragments and a cart hash.
import type { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** Variant id → price in cents. */
export const CATALOGUE: Record<number, { title: string; cents: number }> = {
  101: { title: 'Lumen ring', cents: 4550 },
  201: { title: 'Hoop', cents: 1250 },
  202: { title: 'Chain', cents: 3000 },
  203: { title: 'Pendant', cents: 4890 },
  204: { title: 'Signet', cents: 7500 },
};

interface Cart {
  token: string;
  lines: Map<number, number>;
  attributes: Record<string, string>;
}

export interface CartApi {
  /** Every POST /cart/update.js, with the cart it was for. */
  updates: Array<{ token: string; body: any }>;
  carts: Map<string, Cart>;
}

export function mountCartApi(app: Hono): CartApi {
  const api: CartApi = { updates: [], carts: new Map() };
  let made = 0;
  const cartOf = (c: any): Cart => {
    let token = getCookie(c, 'cart');
    if (!token || !api.carts.has(token)) {
      token = `c1-test${++made}`;
      api.carts.set(token, { token, lines: new Map(), attributes: {} });
      setCookie(c, 'cart', token, { path: '/' });
    }
    return api.carts.get(token)!;
  };
  const lineJson = (id: number, quantity: number) => {
    const { title, cents } = CATALOGUE[id]!;
    return { id, variant_id: id, key: `${id}:k`, title, quantity, price: cents, final_price: cents, line_price: cents * quantity, final_line_price: cents * quantity };
  };
  const cartJson = (cart: Cart) => {
    const items = [...cart.lines].map(([id, quantity]) => lineJson(id, quantity));
    return { token: cart.token, items, item_count: items.reduce((sum, item) => sum + item.quantity, 0), attributes: cart.attributes, currency: 'EUR' };
  };

  app.post('/cart/add.js', async (c) => {
    const cart = cartOf(c);
    const json = (c.req.header('content-type') || '').includes('application/json');
    const body: any = json ? await c.req.json() : await c.req.parseBody();
    const asked: Array<{ id: number; quantity: number }> = (body.items || [body]).map((item: any) => ({ id: +item.id, quantity: +(item.quantity ?? 1) }));
    if (asked.some(({ id, quantity }) => !CATALOGUE[id] || !(quantity > 0))) return c.json({ status: 422, message: 'Cart Error', description: 'Cannot find variant' }, 422);
    for (const { id, quantity } of asked) cart.lines.set(id, (cart.lines.get(id) ?? 0) + quantity);
    const lines = asked.map(({ id }) => lineJson(id, cart.lines.get(id)!));
    return c.json(body.items ? { items: lines } : lines[0]);
  });
  app.post('/cart/update.js', async (c) => {
    const cart = cartOf(c);
    const body = await c.req.json();
    api.updates.push({ token: cart.token, body });
    Object.assign(cart.attributes, body.attributes);
    return c.json(cartJson(cart));
  });
  app.get('/cart.js', (c) => c.json(cartJson(cartOf(c))));
  app.post('/woo/add', (c) => c.json({ fragments: { 'div.widget_shopping_cart_content': '<div></div>' }, cart_hash: 'h1' }));
  return api;
}

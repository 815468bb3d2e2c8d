// The Shopify custom pixel Candor makes for a site (pure): the JavaScript a merchant pastes into
// Settings → Customer events → Add custom pixel. Since August 2026 no other script of ours runs
// after checkout, so this is how purchases (and add-to-carts) reach Candor from Shopify.

export interface ShopifyPixelInput {
  /** Candor's address as shop visitors reach it, without a trailing slash (config.publicUrl). */
  publicUrl: string;
  /** The site's public key, pk_… */
  siteKey: string;
}

/**
 * The pixel's source. It runs in Shopify's sandboxed iframe (an opaque origin, so its posts say
 * `Origin: null`, which /v1/events accepts) with the globals `analytics`, `browser`, `init` and
 * `api` of Shopify's web-pixels API. It reads the visitor id the snippet stored in the
 * storefront's localStorage (`candor_vid`, see client/snippet/storage.ts); a visitor without one
 * never saw an arm and is not reported. Events are site-wide: the server credits them to every
 * arm the visitor was exposed to. Shopify's own event id, made safe for Candor's id pattern, is
 * the event's id, so a repeated delivery counts once.
 */
export function shopifyPixel({ publicUrl, siteKey }: ShopifyPixelInput): string {
  return `// Candor: add-to-cart and purchases from Shopify, for the site ${siteKey}.
// Paste it as a custom pixel: Settings → Customer events → Add custom pixel.
// It reports only visitors Candor's script has already seen on your storefront,
// and nothing when the visitor withholds consent to analytics.
const CANDOR_EVENTS = ${JSON.stringify(`${publicUrl}/v1/events`)};
const CANDOR_SITE = ${JSON.stringify(siteKey)};

let analyticsAllowed = !init.customerPrivacy || init.customerPrivacy.analyticsProcessingAllowed !== false;
const privacy = typeof api === 'object' && api && api.customerPrivacy;
if (privacy) {
  privacy.subscribe('visitorConsentCollected', (event) => {
    analyticsAllowed = event.customerPrivacy.analyticsProcessingAllowed !== false;
  });
}

analytics.subscribe('product_added_to_cart', (event) => {
  const line = event.data.cartLine;
  if (!line) return;
  candorSend(event, 'add_to_cart', line.cost.totalAmount.amount, line.cost.totalAmount.currencyCode, null);
});

analytics.subscribe('checkout_completed', (event) => {
  const checkout = event.data.checkout;
  const order = checkout.order && checkout.order.id ? String(checkout.order.id) : null;
  candorSend(event, 'purchase', checkout.totalPrice && checkout.totalPrice.amount, checkout.currencyCode, order);
});

async function candorSend(event, type, amount, currency, order) {
  if (!analyticsAllowed) return;
  const visitor = await browser.localStorage.getItem('candor_vid');
  if (!visitor || !/^[A-Za-z0-9_.:-]{1,128}$/.test(visitor)) return;
  const value = Number(amount);
  const id = String(event.id || Date.now() + '-' + Math.random()).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  const candorEvent = {
    id,
    type,
    ts: Date.parse(event.timestamp) || Date.now(),
    value: Number.isFinite(value) ? value : null,
    currency: currency || null,
    order,
  };
  await fetch(CANDOR_EVENTS, {
    method: 'POST',
    keepalive: true,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ site: CANDOR_SITE, visitor, events: [candorEvent] }),
  });
}
`;
}

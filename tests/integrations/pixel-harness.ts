// A stand-in for Shopify's pixel sandbox, written from Shopify's public documentation of the
// web-pixels API (standard API: analytics, browser, init, customerPrivacy; standard events
// product_added_to_cart and checkout_completed). A custom pixel runs in an iframe sandboxed with
// allow-scripts, so it has an opaque origin; browser.localStorage runs in the top frame and
// answers asynchronously, which the harness does over postMessage to its parent page.

/** The sandboxed frame's page: the documented globals, then the pixel's code as the merchant pasted it. */
export function harnessFrameHtml(pixelCode: string, consent: { analyticsProcessingAllowed: boolean }): string {
  const privacy = { analyticsProcessingAllowed: consent.analyticsProcessingAllowed, marketingAllowed: false, preferencesProcessingAllowed: false, saleOfDataAllowed: false };
  return `<!doctype html><html><head><meta charset="utf-8"><script>
(() => {
  const subscribers = {};
  const privacySubscribers = [];
  const pending = new Map();
  let nextRequest = 0;
  window.harness = {
    storageReads: 0,
    emit(name, event) { for (const fn of subscribers[name] || []) fn(event); },
    collectConsent(customerPrivacy) { for (const fn of privacySubscribers) fn({ customerPrivacy }); },
  };
  addEventListener('message', (message) => {
    const reply = message.data && message.data.harnessReply;
    if (message.source !== parent || !reply || !pending.has(reply.id)) return;
    pending.get(reply.id)(reply.value);
    pending.delete(reply.id);
  });
  window.analytics = { subscribe: (name, fn) => { (subscribers[name] = subscribers[name] || []).push(fn); return Promise.resolve(); } };
  const topFrameStorage = (area) => ({
    getItem(key) {
      window.harness.storageReads++;
      return new Promise((resolve) => {
        const id = ++nextRequest;
        pending.set(id, resolve);
        parent.postMessage({ harnessCall: { id, area, method: 'getItem', key } }, '*');
      });
    },
  });
  window.browser = { localStorage: topFrameStorage('localStorage'), sessionStorage: topFrameStorage('sessionStorage') };
  window.init = { customerPrivacy: ${JSON.stringify(privacy)}, context: {}, data: {} };
  window.api = { customerPrivacy: { subscribe: (name, fn) => { if (name === 'visitorConsentCollected') privacySubscribers.push(fn); return Promise.resolve(); } } };
})();
</script><script>
${pixelCode}
</script></head><body></body></html>`;
}

/** The top frame's half: answers the sandboxed frame's storage calls from its own storage. */
export const TOP_FRAME_BRIDGE = `<script>
addEventListener('message', (message) => {
  const call = message.data && message.data.harnessCall;
  const frame = document.getElementById('pixel');
  if (!call || !frame || message.source !== frame.contentWindow) return;
  const value = window[call.area].getItem(call.key);
  // The frame's origin is opaque, so the reply cannot name it.
  message.source.postMessage({ harnessReply: { id: call.id, value } }, '*');
});
</script>`;

export function pixelFrameTag(src: string): string {
  return `<iframe id="pixel" sandbox="allow-scripts" src="${src}" style="display:none"></iframe>`;
}

let sequence = 0;
const shopifyEventId = () => `sh-${(0x88153c5a + ++sequence).toString(16)}-8F2D-4CCA-3231-EF5C032A4C3B`;

/** product_added_to_cart as documented: the cart line with its merchandise, quantity and cost. */
export function productAddedToCart(unitPrice: number, quantity: number, currencyCode = 'EUR') {
  return {
    id: shopifyEventId(),
    name: 'product_added_to_cart',
    type: 'standard',
    seq: sequence,
    clientId: 'c9ec4b8b-7cd4-4f86-9e34-b6e5d4f5a8e1',
    timestamp: new Date().toISOString(),
    context: {},
    data: {
      cartLine: {
        cost: { totalAmount: { amount: unitPrice * quantity, currencyCode } },
        merchandise: {
          id: '44610569208040',
          title: 'Lumen ring - 52',
          untranslatedTitle: 'Lumen ring - 52',
          price: { amount: unitPrice, currencyCode },
          sku: 'LUMEN-52',
          product: { id: '8266836345064', title: 'Lumen ring', untranslatedTitle: 'Lumen ring', type: 'Rings', vendor: 'Aurum', url: '/products/lumen-ring' },
          image: { src: '//cdn.shopify.example/lumen.jpg' },
        },
        quantity,
      },
    },
  };
}

/** checkout_completed as documented: the checkout with its totals, currency, line items and order. */
export function checkoutCompleted(totalPrice: number, orderId: string, currencyCode = 'EUR') {
  return {
    id: shopifyEventId(),
    name: 'checkout_completed',
    type: 'standard',
    seq: sequence,
    clientId: 'c9ec4b8b-7cd4-4f86-9e34-b6e5d4f5a8e1',
    timestamp: new Date().toISOString(),
    context: {},
    data: {
      checkout: {
        currencyCode,
        token: 'b3a1e5c0d9f84e6a',
        totalPrice: { amount: totalPrice, currencyCode },
        subtotalPrice: { amount: totalPrice - 12.5, currencyCode },
        totalTax: { amount: 0, currencyCode },
        shippingLine: { price: { amount: 12.5, currencyCode } },
        discountApplications: [],
        lineItems: [{ id: 'li-1', quantity: 2, title: 'Lumen ring', variant: { id: '44610569208040', price: { amount: 129, currencyCode } } }],
        order: { id: orderId, customer: { id: null, isFirstOrder: true } },
      },
    },
  };
}

// On Shopify storefronts, the visitor id goes into the cart as the attribute candor_vid (POST
// /cart/update.js), so the order's note_attributes carry it to Candor's order webhook. Once per
// visitor and cart, remembered in localStorage by cart token. The extras run only for a visitor
// who may be tracked (consent given, no GPC or Do Not Track), and a visitor id that consent
// withdrawal has since removed from storage stops it too.

const DONE = 'candor_cart';

export function tagCart(visitor: string, justAdded?: boolean): void {
  const shopify = (window as any).Shopify;
  if (!shopify) return;
  const root = shopify.routes?.root || '/';
  const cookie = document.cookie.match(/(^|; )cart=([^;]+)/)?.[2];
  // No cart cookie: no cart yet, unless one was just made (then /cart.js names its token).
  (cookie ? Promise.resolve(cookie) : justAdded ? fetch(root + 'cart.js').then((response) => response.json()).then((cart) => cart.token) : Promise.reject())
    .then((token: string) => {
      const done = token + ' ' + visitor;
      // Storage unusable: nothing to remember the cart by, so nothing is sent.
      if (localStorage.candor_vid != visitor || localStorage[DONE] == done) return;
      localStorage[DONE] = done;
      return fetch(root + 'cart/update.js', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ attributes: { candor_vid: visitor } }),
      })
        .then((response) => {
          if (!response.ok) throw 0;
        })
        // Not done after all: the next add or page load tries again.
        .catch(() => localStorage.removeItem(DONE));
    })
    .catch(() => {});
}

// Add-to-cart without code on the two commonest shop systems. Part of the extras (extras.ts):
// loaded on pages that have a shop form or button, and on every Shopify storefront page.
//
// One add, one event. A form's submit (Shopify's /cart/add, WooCommerce's form.cart) or an
// `.add_to_cart_button` link's click counts only when the browser goes on to load a page with it
// (nobody called preventDefault). When the page's own code takes the add over, that code's AJAX
// counts instead: Shopify's /cart/add(.js) response (cart-requests.ts) or WooCommerce's
// added_to_cart events (woo-events.ts). A click on a plain button (WooCommerce Blocks) has no
// page load of its own, so only its event counts.
import { tagCart } from './cart-attribute.js';
import { watchCartRequests } from './cart-requests.js';
import { priceOf, quantityOf } from './product-price.js';
import { SHOP_TRIGGERS } from './shop-triggers.js';
import type { Report } from './types.js';
import { watchWooEvents } from './woo-events.js';

export function watchShopForms(report: Report, visitor: string): void {
  /** The form or button of the latest add, for an AJAX answer that says no price of its own. */
  let latest: Element | undefined;
  const added = (value: number): void =>
    // Sent at once: an add is often followed by a page load.
    report({ type: 'add_to_cart', value: value >= 0 ? value : undefined }, true);
  const addedBy = (node: Element | undefined): void => added(node ? priceOf(node, SHOP_TRIGGERS.submit) * quantityOf(node) : NaN);
  for (const type in SHOP_TRIGGERS) {
    document.addEventListener(
      type,
      (event) => {
        const node = (event.target as Element).closest?.(SHOP_TRIGGERS[type]!);
        if (!node) return;
        latest = node;
        // After every listener of the page has run: only then is defaultPrevented final.
        setTimeout(() => event.defaultPrevented || (type == 'click' && !(node as HTMLAnchorElement).href) || addedBy(node));
      },
      true,
    );
  }
  watchCartRequests((value) => {
    value >= 0 ? added(value) : addedBy(latest);
    tagCart(visitor, true);
  });
  watchWooEvents((button) => addedBy(button || latest));
  tagCart(visitor);
}

// Add-to-cart without code on the two commonest shop systems: Shopify themes post a form to
// /cart/add; WooCommerce posts `form.cart` on a product page and uses `.add_to_cart_button`
// links in lists. The value is the nearest data-candor-value, else the page's product price.
// Part of the extras (extras.ts): loaded on pages that have such a form or button.
import type { Report } from './types.js';

const SHOP_TRIGGERS: Record<string, string> = {
  submit: 'form[action*="/cart/add"],form.cart',
  click: '.add_to_cart_button',
};

/** Whether the page has anything watchShopForms would hear. */
export const SHOP_ELEMENTS = SHOP_TRIGGERS.submit + ',' + SHOP_TRIGGERS.click;

export function watchShopForms(report: Report): void {
  for (const type in SHOP_TRIGGERS) {
    document.addEventListener(
      type,
      (event) => {
        const node = (event.target as Element).closest?.(SHOP_TRIGGERS[type]!);
        if (!node) return;
        const price = parseFloat(
          (node.closest<HTMLElement>('[data-candor-value]')?.dataset.candorValue ??
            document.querySelector<HTMLMetaElement>('meta[property="product:price:amount"]')?.content)!,
        );
        // Sent at once: both usually lead to another page.
        report({ type: 'add_to_cart', value: price >= 0 ? price : undefined }, true);
      },
      true,
    );
  }
}

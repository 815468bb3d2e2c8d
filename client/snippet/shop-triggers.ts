// What the page's add-to-cart forms and buttons look like: Shopify themes post a form to
// /cart/add; WooCommerce posts `form.cart` on a product page and has `.add_to_cart_button` links
// and buttons in lists. Its own module so that /c.js, which only asks whether a page has one,
// bundles nothing else of the shop code.

export const SHOP_TRIGGERS: Record<string, string> = {
  submit: 'form[action*="/cart/add"],form.cart',
  click: '.add_to_cart_button',
};

/** Whether the page has anything watchShopForms would hear. */
export const SHOP_ELEMENTS = SHOP_TRIGGERS.submit + ',' + SHOP_TRIGGERS.click;

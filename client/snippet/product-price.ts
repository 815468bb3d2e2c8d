// The price of the product an add-to-cart form or button belongs to. On a listing page each card
// has its own price, so the page's product:price:amount meta (one product's) is used only where
// the page has a single add-to-cart form.

/**
 * What holds a product's price inside its card, best first: schema.org markup, a sale price
 * (WooCommerce shows the old one first, struck out), WooCommerce's amount, Dawn-like themes'.
 */
const PRICE_ELEMENTS = '[itemprop=price]|ins .amount|.woocommerce-Price-amount|.price-item--sale|.price'.split('|');

export function priceOf(node: Element, forms?: string): number {
  const marked = node.closest<HTMLElement>('[data-candor-value]')?.dataset.candorValue;
  if (marked) return parseFloat(marked);
  const card = node.closest('li,.product,article');
  for (const selector of PRICE_ELEMENTS) {
    const shown = card?.querySelector(selector);
    if (shown) return parsePrice(shown.getAttribute('content') || shown.textContent!);
  }
  return document.querySelectorAll(forms!)[1]
    ? NaN
    : parseFloat(document.querySelector<HTMLMetaElement>('meta[property="product:price:amount"]')?.content!);
}

/** "€1.234,50", "$1,234.50", "12" → 1234.5, 1234.5, 12: a last separator before one or two digits is the decimal one. */
export function parsePrice(text: string): number {
  const digits = text.replace(/[^\d.,]/g, '');
  const parts = digits.match(/^(.*)[.,](\d\d?)$/);
  return parseFloat(parts ? parts[1]!.replace(/\D/g, '') + '.' + parts[2] : digits.replace(/\D/g, ''));
}

/** A form's quantity field, or a WooCommerce button's data-quantity; 1 when neither says. */
export function quantityOf(node: Element): number {
  return +((node as HTMLElement).dataset.quantity || node.querySelector<HTMLInputElement>('[name=quantity]')?.value!) || 1;
}

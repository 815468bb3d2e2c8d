// The bag (GET /demo/cart) and the checkout form (GET /demo/checkout). Stateless: the line
// travels in the URL, as the item reference and quantity the add-to-cart redirect put there.
import { html } from '../html.js';
import { formatPrice, PRODUCT, type CartLine } from '../shop.js';
import { page } from './layout.js';

function lineRow(line: CartLine) {
  return html`<div class="line">
  <img src="/demo/media/${PRODUCT.image}" width="88" height="88" alt="">
  <div><p><strong>${PRODUCT.name}</strong></p><p class="muted">${PRODUCT.material} · size ${line.size} · quantity ${line.quantity}</p></div>
  <p>${formatPrice(line.total)}</p>
</div>`;
}

function totals(line: CartLine) {
  return html`<dl class="totals">
  <dt>Subtotal</dt><dd>${formatPrice(line.total)}</dd>
  <dt>Shipping</dt><dd>Free</dd>
  <dt class="grand">Total</dt><dd class="grand">${formatPrice(line.total)}</dd>
</dl>`;
}

export function cartPage(siteKey: string, line: CartLine | null): string {
  const body = line
    ? html`<section class="panel" aria-labelledby="bag-title">
  <h1 id="bag-title">Your bag</h1>
  ${lineRow(line)}
  ${totals(line)}
  <form class="stack" action="/demo/checkout" method="get">
    <input type="hidden" name="item" value="${line.item}">
    <input type="hidden" name="qty" value="${line.quantity}">
    <button class="button" type="submit">Checkout</button>
    <a class="button quiet" href="/demo">Keep shopping</a>
  </form>
</section>`
    : html`<section class="panel" aria-labelledby="bag-title">
  <h1 id="bag-title">Your bag is empty</h1>
  <p>The ${PRODUCT.name} is waiting for you.</p>
  <a class="button" href="/demo">See the ${PRODUCT.name}</a>
</section>`;
  return page({ title: 'Your bag', siteKey, body });
}

export function checkoutPage(siteKey: string, line: CartLine): string {
  const body = html`<section class="panel" aria-labelledby="checkout-title">
  <h1 id="checkout-title">Checkout</h1>
  ${lineRow(line)}
  ${totals(line)}
  <form class="stack" action="/demo/checkout" method="post">
    <input type="hidden" name="item" value="${line.item}">
    <input type="hidden" name="qty" value="${line.quantity}">
    <div class="field">
      <label for="email">Email for the receipt</label>
      <input id="email" name="email" type="email" autocomplete="email" required maxlength="254">
    </div>
    <p class="muted">This is a demo: no payment is taken and the address is not kept.</p>
    <button class="button" type="submit">Pay ${formatPrice(line.total)}</button>
  </form>
</section>`;
  return page({ title: 'Checkout', siteKey, body });
}

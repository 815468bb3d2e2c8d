// The order confirmation (GET /demo/thank-you): reports the purchase to Candor through the
// queue stub, as a shop's own confirmation page would.
import { html, scriptJson } from '../html.js';
import { formatPrice, SHOP } from '../shop.js';
import { page } from './layout.js';

export function thankYouPage(siteKey: string, order: string, value: number): string {
  // The values are checked by the route (an order number's pattern, a bounded amount); they go
  // into the script as JSON literals all the same.
  const head = html`<script>candor('track', 'purchase', { value: ${scriptJson(value)}, order: ${scriptJson(order)} });</script>`;
  const body = html`<section class="panel" aria-labelledby="thanks-title">
  <h1 id="thanks-title">Thank you</h1>
  <p>Your order <strong>${order}</strong> of ${formatPrice(value)} is confirmed. We will send a note when it leaves the studio.</p>
  <p class="muted">A demo order: nothing was charged and nothing will be sent.</p>
  <a class="button" href="/demo">Back to ${SHOP.brand}</a>
</section>`;
  return page({ title: 'Thank you', siteKey, head, body });
}

// The product page (GET /demo): the campaign slot Candor fills, then the Lumen ring with its
// gallery, price and a Shopify-style add-to-cart form the snippet recognises on its own.
import { html, type SafeHtml } from '../html.js';
import { formatPrice, PRODUCT, SHOP } from '../shop.js';
import { page } from './layout.js';

export interface ProductPageOptions {
  siteKey: string;
  /** The slot the demo experiment runs in. */
  slot: string;
  /** Candor's public URL: Open Graph tags need absolute addresses; the page itself uses paths. */
  baseUrl: string;
}

const media = (name: string) => `/demo/media/${name}`;

export function productPage(options: ProductPageOptions): string {
  const head = html`<meta property="og:type" content="product">
<meta property="og:title" content="${PRODUCT.name}, ${PRODUCT.material}">
<meta property="og:url" content="${options.baseUrl}/demo">
<meta property="og:image" content="${options.baseUrl}${media(PRODUCT.image)}">
<meta property="og:site_name" content="${SHOP.brand}">
<meta property="product:price:amount" content="${PRODUCT.price}">
<meta property="product:price:currency" content="${SHOP.currency}">`;
  return page({ title: PRODUCT.name, siteKey: options.siteKey, section: 'rings', head, body: body(options) });
}

function body(options: ProductPageOptions): SafeHtml {
  return html`<nav class="crumbs" aria-label="Breadcrumb">
  <ol><li><a href="/demo">Home</a></li><li><a href="/demo">Rings</a></li><li aria-current="page">${PRODUCT.name}</li></ol>
</nav>
<section class="campaign" aria-label="The Lumen campaign">
  <div class="slot" data-candor-slot="${options.slot}">
    <a href="#details"><img src="${media('hero-studio.svg')}" width="1600" height="900" alt="The Lumen ring on a stone plinth in soft studio light. The Lumen ring: 18k recycled gold, one lab-grown diamond, from ${formatPrice(PRODUCT.price)}."></a>
  </div>
</section>
<article class="product" id="details" aria-labelledby="product-name">
  <div class="gallery">
    <img src="${media(PRODUCT.image)}" width="1200" height="1200" alt="${PRODUCT.imageAlt}">
    <img src="${media(PRODUCT.secondImage)}" width="1200" height="1200" alt="${PRODUCT.secondImageAlt}" loading="lazy">
  </div>
  <div class="details">
    <h1 id="product-name">${PRODUCT.name}</h1>
    <p class="material">${PRODUCT.material} · lab-grown diamond, 0.05 ct</p>
    <p class="price">${formatPrice(PRODUCT.price)}</p>
    <p class="tax">Tax included. Free shipping and resizing.</p>
    <p class="summary">${PRODUCT.summary}</p>
    <form class="buy" action="/demo/cart/add" method="post" data-candor-value="${PRODUCT.price}">
      <input type="hidden" name="id" value="${PRODUCT.id}">
      <div class="row">
        <div class="field">
          <label for="size">Ring size (EU)</label>
          <select id="size" name="size">
            ${PRODUCT.sizes.map((size) => html`<option value="${size}"${size === PRODUCT.defaultSize ? html` selected` : ''}>${size}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="quantity">Quantity</label>
          <input id="quantity" name="quantity" type="number" min="1" max="${PRODUCT.maxQuantity}" value="1" inputmode="numeric">
        </div>
      </div>
      <button class="button" type="submit" name="add">Add to bag · ${formatPrice(PRODUCT.price)}</button>
    </form>
    <ul class="perks">
      <li>Recycled 18k gold, hallmarked in ${SHOP.city}</li>
      <li>Made to order in 5 working days</li>
      <li>Free resizing within the first year</li>
    </ul>
    <details open>
      <summary>Description</summary>
      <p>A 1.8 mm band, slightly domed so it sits comfortably all day. The diamond is held in a low bezel that will not catch on knitwear.</p>
    </details>
    <details>
      <summary>Size guide</summary>
      <p>EU sizes are the inside circumference in millimetres. Between two sizes, choose the larger one.</p>
    </details>
    <details>
      <summary>Shipping and returns</summary>
      <p>Shipped insured in 2–4 days across the EU. Return it unworn within 30 days for a full refund.</p>
    </details>
  </div>
</article>`;
}

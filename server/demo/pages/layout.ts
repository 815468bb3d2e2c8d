// The frame every demo page shares: the head with the Candor queue stub and snippet tag, the
// shop's header and footer, and the landmarks that hold them.
import { html, raw, type SafeHtml } from '../html.js';
import { PRODUCT, SHOP } from '../shop.js';
import { STYLES } from './styles.js';

export interface PageOptions {
  title: string;
  /** The demo site's public key; without it (no demo site yet) the page loads no snippet. */
  siteKey: string | null;
  /** Extra tags for the head (product meta tags, an inline call to candor()). */
  head?: SafeHtml;
  /** Which menu entry is the current page. */
  section?: 'rings';
  body: SafeHtml;
}

// The standard queue stub: calls made before /c.js has loaded wait in candor.q.
const QUEUE_STUB = raw('<script>window.candor=window.candor||function(){(candor.q=candor.q||[]).push(arguments)}</script>');

export function page(options: PageOptions): string {
  const snippet = options.siteKey === null ? '' : html`<script async src="/c.js" data-site="${options.siteKey}"></script>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${options.title} · ${SHOP.brand}</title>
<meta name="description" content="${PRODUCT.summary}">
<style>${raw(STYLES)}</style>
${QUEUE_STUB}
${snippet}
${options.head ?? ''}
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<p class="notice">Free EU shipping · 30-day returns</p>
<header class="masthead">
  <div class="wrap">
    <a class="brand" href="/demo">${SHOP.brand}</a>
    <nav aria-label="Shop">
      <ul class="menu">
        <li><a href="/demo"${raw(options.section === 'rings' ? ' aria-current="page"' : '')}>Rings</a></li>
        <li><a href="/demo#necklaces">Necklaces</a></li>
        <li><a href="/demo#earrings">Earrings</a></li>
        <li><a href="/demo#journal">Journal</a></li>
      </ul>
    </nav>
    <a class="bag" href="/demo/cart">Bag</a>
  </div>
</header>
<main id="content" class="wrap">
${options.body}
</main>
<footer class="site-foot">
  <div class="wrap">
    <section aria-labelledby="foot-studio">
      <h2 id="foot-studio">The studio</h2>
      <p>${SHOP.brand} makes fine jewellery by hand in ${SHOP.city}, in recycled gold and lab-grown stones.</p>
    </section>
    <section aria-labelledby="foot-help">
      <h2 id="foot-help">Help</h2>
      <ul><li><a href="/demo#details">Sizing guide</a></li><li><a href="/demo#details">Shipping and returns</a></li><li><a href="/demo#details">Care for your jewellery</a></li></ul>
    </section>
    <section aria-labelledby="foot-demo">
      <h2 id="foot-demo">About this shop</h2>
      <p>A demo shop for Candor, the A/B testing server. Nothing is sold and nothing you type is kept.</p>
    </section>
  </div>
</footer>
</body>
</html>
`.value;
}

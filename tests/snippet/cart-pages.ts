// Shop pages written for these tests from the platforms' public documentation (no theme code):
// Shopify pages that add with fetch or XMLHttpRequest through the cart AJAX API, a listing page
// of four products, and WooCommerce pages that announce adds with the classic jQuery event and the
// Blocks' native one.

function head(publicKey: string, options: { shopify?: boolean; consent?: boolean } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Aurum</title><link rel="icon" href="data:,">
<meta property="product:price:amount" content="999.00">
${options.shopify ? `<script>window.Shopify={shop:'aurum.myshopify.com',routes:{root:'/'}}</script>` : ''}
<script async src="/c.js" data-site="${publicKey}"${options.consent ? ' data-consent="required"' : ''}></script></head>`;
}

/** A product form the page takes over: fetch with a JSON items body, as the Cart API reference shows. */
export function fetchProductPage(publicKey: string, consent?: boolean): string {
  return `${head(publicKey, { shopify: true, consent })}<body><h1>Lumen ring</h1><p>€45,50</p>
<form id="add" action="/cart/add" method="post"><input type="hidden" name="id" value="101">
<label>Quantity <input name="quantity" value="2"></label><button>Add to cart</button></form><p id="status"></p>
<script>
document.getElementById('add').addEventListener('submit', function (event) {
  event.preventDefault();
  var fields = new FormData(this);
  fetch(Shopify.routes.root + 'cart/add.js', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ items: [{ id: +fields.get('id'), quantity: +fields.get('quantity') }] })
  }).then(function (response) { return response.json(); })
    .then(function (answer) { document.getElementById('status').textContent = 'In cart: ' + answer.items[0].quantity; });
});
</script></body></html>`;
}

/** The same product, added by XMLHttpRequest with form data and a JSON response type. */
export function xhrProductPage(publicKey: string): string {
  return `${head(publicKey, { shopify: true })}<body><h1>Lumen ring</h1>
<form id="add" action="/cart/add" method="post"><input type="hidden" name="id" value="101"><input type="hidden" name="quantity" value="1"><button>Add to cart</button></form><p id="status"></p>
<script>
document.getElementById('add').addEventListener('submit', function (event) {
  event.preventDefault();
  var request = new XMLHttpRequest();
  request.open('POST', '/cart/add.js');
  request.responseType = 'json';
  request.setRequestHeader('Accept', 'application/json');
  request.onload = function () { document.getElementById('status').textContent = 'In cart: ' + request.response.quantity; };
  request.send(new FormData(this));
});
</script></body></html>`;
}

/**
 * Four products at four prices, each told a different way: the form's data-candor-value, the
 * card's price text, a WooCommerce-style sale price (old one struck out first), and the AJAX
 * answer. The first three post to a hidden frame (a plain submit, no page change); the fourth is
 * a quick add by fetch. The page's meta price (999) belongs to none of them.
 */
export function listingPage(publicKey: string): string {
  const form = (id: number, extra = '') => `<form action="/cart/add" method="post" target="sink"${extra}><input type="hidden" name="id" value="${id}"><button>Add</button></form>`;
  return `${head(publicKey, { shopify: true })}<body><h1>Rings</h1><iframe name="sink" hidden></iframe><ul>
<li id="p1"><h2>Hoop</h2>${form(201, ' data-candor-value="12.50"')}</li>
<li id="p2"><h2>Chain</h2><span class="price">€30,00</span>${form(202)}</li>
<li id="p3"><h2>Pendant</h2><span class="price"><del><span class="amount">€60,00</span></del> <ins><span class="amount">€48,90</span></ins></span>${form(203)}</li>
<li id="p4"><h2>Signet</h2><span class="price">from €70</span>${form(204, ' class="quick"')}</li>
</ul><p id="status"></p>
<script>
document.querySelector('.quick').addEventListener('submit', function (event) {
  event.preventDefault();
  fetch('/cart/add.js', { method: 'POST', body: new FormData(this) })
    .then(function (response) { return response.json(); })
    .then(function () { document.getElementById('status').textContent = 'added'; });
});
</script></body></html>`;
}

const wooPrice = (amount: string) =>
  `<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">€</span>${amount}</bdi></span>`;

/**
 * WooCommerce's classic AJAX buttons. jQuery is not installed here, so a minimal shim mirrors the
 * part of its API the shop and the snippet use: jQuery(node).on(name, handler) and
 * .trigger(name, [args]), handlers called as (event, ...args), never as DOM events. Like the
 * mini-cart block, the page then re-sends the add as the native Blocks event (one add, two events).
 */
export function wooClassicPage(publicKey: string): string {
  return `${head(publicKey)}<body>
<script>
window.jQuery = function (node) {
  var handlers = node.__handlers || (node.__handlers = {});
  var wrapped = { 0: node, length: 1,
    on: function (name, handler) { (handlers[name] = handlers[name] || []).push(handler); return wrapped; },
    trigger: function (name, args) { (handlers[name] || []).forEach(function (handler) { handler.apply(node, [{ type: name, target: node }].concat(args || [])); }); return wrapped; } };
  return wrapped;
};
</script>
<ul class="products">
<li class="product"><h2>Hoop</h2><span class="price">${wooPrice('22,00')}</span><a href="?add-to-cart=301" data-quantity="2" data-product_id="301" class="button add_to_cart_button ajax_add_to_cart">Add to cart</a></li>
<li class="product"><h2>Chain</h2><span class="price"><del>${wooPrice('50,00')}</del> <ins>${wooPrice('35,00')}</ins></span><a href="?add-to-cart=302" data-quantity="1" data-product_id="302" class="button add_to_cart_button ajax_add_to_cart">Add to cart</a></li>
</ul><p id="status"></p>
<script>
document.body.addEventListener('click', function (event) {
  var button = event.target.closest('.ajax_add_to_cart');
  if (!button) return;
  event.preventDefault();
  fetch('/woo/add', { method: 'POST' }).then(function (response) { return response.json(); }).then(function (answer) {
    jQuery(document.body).trigger('added_to_cart', [answer.fragments, answer.cart_hash, jQuery(button)]);
    document.body.dispatchEvent(new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, cancelable: true, detail: { preserveCartData: true } }));
    document.getElementById('status').textContent += 'added ';
  });
});
</script></body></html>`;
}

/** WooCommerce Blocks' product buttons: plain buttons, the add announced by the native event alone. */
export function wooBlocksPage(publicKey: string): string {
  const card = (name: string, amount: string, id: number) =>
    `<li class="wc-block-product"><h2>${name}</h2><div class="wc-block-components-product-price">${wooPrice(amount)}</div>` +
    `<button class="wp-block-button__link wp-element-button add_to_cart_button wc-block-components-product-button__button" data-product_id="${id}">Add to cart</button></li>`;
  return `${head(publicKey)}<body><ul class="wc-block-product-template">${card('Hoop', '18,00', 401)}${card('Chain', '27,50', 402)}</ul><p id="status"></p>
<script>
document.body.addEventListener('click', function (event) {
  if (!event.target.closest('.wc-block-components-product-button__button')) return;
  fetch('/woo/add', { method: 'POST' }).then(function () {
    document.body.dispatchEvent(new CustomEvent('wc-blocks_added_to_cart', { bubbles: true, cancelable: true, detail: { preserveCartData: true } }));
    document.getElementById('status').textContent += 'added ';
  });
});
</script></body></html>`;
}

/** A theme that posts the form to /cart/add by fetch and gets the cart page (HTML), not JSON, back. */
export function htmlAnswerPage(publicKey: string): string {
  return `${head(publicKey, { shopify: true })}<body><h1>Lumen ring</h1>
<form id="add" action="/cart/add" method="post" data-candor-value="64"><input type="hidden" name="id" value="101"><button>Add to cart</button></form><p id="status"></p>
<script>
document.getElementById('add').addEventListener('submit', function (event) {
  event.preventDefault();
  fetch('/cart/add', { method: 'POST', body: new FormData(this) })
    .then(function (response) { return response.text(); })
    .then(function () { document.getElementById('status').textContent = 'added'; });
});
</script></body></html>`;
}

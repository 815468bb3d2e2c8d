// Shopify's cart AJAX API: themes and cart drawers add with fetch or XMLHttpRequest to
// /cart/add or /cart/add.js (with or without a locale prefix). The answer is the added line item
// (or {items: [...]} for several), prices in cents. Its quantity and line price are the line's new
// totals when the variant was in the cart already, so the value is the unit's final_price times
// the quantity this request added (from its body; 1 when it cannot be read).
// A successful add whose answer has no price (an HTML answer, another platform's shape) still
// counts, at the form's price (NaN here). Heard wherever the extras run, not only where
// window.Shopify is set: a proxied or customised storefront may lack it, and no other platform
// Candor knows adds through these paths.
// The page's request and its answer are untouched: the answer is cloned and read after, and
// nothing here may throw into the page.

type Added = (value: number) => void;
type Line = { id?: number; variant_id?: number; final_price?: number; price?: number };

const ADD = /\/cart\/add(\.js)?$/;

function isAdd(url: string | URL): boolean {
  return ADD.test(new URL(url, location.href).pathname);
}

export function watchCartRequests(added: Added): void {
  const page = window;
  const fetchOf = page.fetch;
  page.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    const answer = fetchOf.apply(this, arguments as unknown as Parameters<typeof fetch>);
    try {
      if (isAdd((input as Request).url || (input as string))) {
        answer
          .then((response) => {
            if (response.ok)
              return response
                .clone()
                .json()
                .then((json) => valueOf(json, init?.body))
                .catch(() => NaN)
                .then(added);
          })
          .catch(() => {});
      }
    } catch {}
    return answer;
  } as typeof fetch;
  const proto = XMLHttpRequest.prototype;
  const { open, send } = proto;
  const urls = new WeakMap<XMLHttpRequest, string | URL>();
  proto.open = function (this: XMLHttpRequest, _method: string, url: string | URL) {
    urls.set(this, url);
    return open.apply(this, arguments as any);
  } as typeof open;
  proto.send = function (this: XMLHttpRequest, body?: any) {
    try {
      if (isAdd(urls.get(this)!))
        this.addEventListener('load', () => {
          let value = NaN;
          try {
            value = valueOf(this.responseType == 'json' ? this.response : JSON.parse(this.responseText), body);
          } catch {}
          this.status < 300 && added(value);
        });
    } catch {}
    return send.apply(this, arguments as any);
  };
}

/** The added value in major units: Σ final_price × the quantity asked for, / 100. NaN when the answer says no price. */
export function valueOf(answer: Line & { items?: Line[] }, body: unknown): number {
  const asked = quantities(body);
  let cents = 0;
  for (const line of answer.items || [answer])
    cents += (line.final_price ?? line.price)! * (asked[line.variant_id!] || asked[line.id!] || asked[''] || 1);
  return cents / 100;
}

/** Quantity by variant id ('' for any) from the request body: JSON ({id, quantity} or {items}), form data or a query string. */
function quantities(body: unknown): Record<string, number> {
  const asked: Record<string, number> = {};
  try {
    let lines: Array<{ id?: unknown; quantity?: unknown }> = [];
    if (typeof body == 'string') {
      try {
        const json = JSON.parse(body);
        lines = json.items || [json];
      } catch {
        body = new URLSearchParams(body as string);
      }
    }
    if (body instanceof FormData || body instanceof URLSearchParams) lines = [{ id: body.get('id'), quantity: body.get('quantity') }];
    for (const { id, quantity } of lines) asked[id as string] = asked[''] = +(quantity as string) || 1;
  } catch {}
  return asked;
}

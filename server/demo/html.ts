// Building HTML safely: a tagged template that escapes every interpolated value unless it is
// already markup made by this module, and JSON that can sit inside an inline <script>.

/** Markup that is already safe: made by `html`, `raw` or `scriptJson`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** html`<p>${name}</p>`: strings and numbers are escaped, SafeHtml and arrays of it are kept. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

/** Trusted markup written in this folder (a stylesheet, an SVG): never pass request data here. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A value as a JavaScript literal inside <script>: JSON with `<`, `>`, `&` and the line
 * separators escaped, so no string can close the script element or break the parse.
 */
export function scriptJson(value: unknown): SafeHtml {
  const json = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return new SafeHtml(json);
}

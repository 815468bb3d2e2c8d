// Middleware holding every path segment and query value, on every route, to the shared text
// rule (text-rule.ts): an id such as /api/sites/%00 or ?site=%00 is a 400 before any route looks
// it up. A percent-escape that is not UTF-8 (%ED%A0%80, an encoded lone surrogate) is refused too.
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../errors.js';
import { isStorableText, UNSTORABLE_MESSAGE } from './text-rule.js';

/** The decoded text, or null when its escapes are not UTF-8 or it breaks the rule. */
function decodeStorable(raw: string): string | null {
  try {
    const text = decodeURIComponent(raw);
    return isStorableText(text) ? text : null;
  } catch {
    return null;
  }
}

function refused(field: string, where: string): HttpError {
  return new HttpError('invalid_field', `${field}: ${where} ${UNSTORABLE_MESSAGE}, and its %-escapes must be UTF-8`, field);
}

export const refuseUnstorableUrl: MiddlewareHandler = async (c, next) => {
  const url = c.req.url;
  // NUL and surrogates can only arrive %-escaped (a raw NUL never passes the HTTP parser): the
  // event hot path, which has none, pays one indexOf.
  if (url.indexOf('%') === -1) return next();
  const { pathname, search } = new URL(url);
  for (const segment of pathname.split('/')) {
    if (segment.includes('%') && decodeStorable(segment) === null) throw refused('path', 'the path');
  }
  for (const pair of search.slice(1).split('&')) {
    if (!pair.includes('%')) continue;
    const at = pair.indexOf('=');
    const rawName = (at === -1 ? pair : pair.slice(0, at)).replace(/\+/g, ' ');
    const name = decodeStorable(rawName);
    if (name === null) throw refused('query', 'a query parameter name');
    if (at !== -1 && decodeStorable(pair.slice(at + 1).replace(/\+/g, ' ')) === null) throw refused(name, 'the value');
  }
  return next();
};

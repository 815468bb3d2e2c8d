// Browser access to the public API is for a site's own origins only. Requests with no Origin
// header (a shop's server, curl) are not browsers' cross-origin reads, so they pass; nor are
// requests from pages Candor serves itself (the demo shop), whose origin names Candor's own host.
// It takes the site's allowed origins, not the site, so http/ stays below the feature folders.
import type { Context } from 'hono';
import { HttpError } from '../errors.js';
import type { TrustProxy } from './client-address.js';
import { ownOrigin } from './forwarded.js';

export function allowSiteOrigin(c: Context, allowedOrigins: readonly string[], trust: TrustProxy): void {
  c.header('Vary', 'Origin');
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  if (!allowedOrigins.includes(origin) && !isOwnHost(origin, new URL(ownOrigin(c, trust)).host)) {
    throw new HttpError('origin_not_allowed', `Origin ${origin} is not among this site's allowed origins.`);
  }
  c.header('Access-Control-Allow-Origin', origin);
}

/**
 * /v1/events also takes the opaque origin "null". Shopify runs custom pixels (the only code that
 * sees a checkout since August 2026) in a sandboxed iframe, so their requests say `Origin: null`.
 * Any sandboxed page can say that, so it proves no more than a server's request without an
 * Origin, and gets no more: the site key and the running experiments still decide. The other
 * public routes keep refusing it.
 */
export function allowEventSender(c: Context, allowedOrigins: readonly string[], trust: TrustProxy): void {
  if (c.req.header('origin') !== 'null') return allowSiteOrigin(c, allowedOrigins, trust);
  c.header('Vary', 'Origin');
  // No credentials ride on these requests, so naming the opaque origin is all CORS needs.
  c.header('Access-Control-Allow-Origin', 'null');
}

/** Host, not scheme: behind a TLS proxy the page is https while the request reaching us is http. */
function isOwnHost(origin: string, host: string): boolean {
  if (origin === 'null') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

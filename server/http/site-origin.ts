// Browser access to the public API is for a site's own origins only. Requests with no Origin
// header (a shop's server, curl) are not browsers' cross-origin reads, so they pass; nor are
// requests from pages Candor serves itself (the demo shop), whose origin names Candor's own host.
// It takes the site's allowed origins, not the site, so http/ stays below the feature folders.
import type { Context } from 'hono';
import { HttpError } from '../errors.js';
import type { TrustProxy } from './client-address.js';
import { ownOrigin } from './forwarded.js';

/** What a sender's origin check reads from its request, and the answer headers it sets. */
export interface OriginCheck {
  /** The request's Origin header. */
  readonly origin: string | undefined;
  /** The origin the request was addressed to (forwarded.ts); asked only for an origin not on the list. */
  ownOrigin(): string;
  setHeader(name: string, value: string): void;
}

export function allowSiteOrigin(c: Context, allowedOrigins: readonly string[], trust: TrustProxy): void {
  checkSiteOrigin(contextOriginCheck(c, trust), allowedOrigins);
}

export function checkSiteOrigin(request: OriginCheck, allowedOrigins: readonly string[]): void {
  request.setHeader('Vary', 'Origin');
  const { origin } = request;
  if (origin === undefined) return;
  if (!allowedOrigins.includes(origin) && !isOwnHost(origin, new URL(request.ownOrigin()).host)) {
    throw new HttpError('origin_not_allowed', `Origin ${origin} is not among this site's allowed origins.`);
  }
  request.setHeader('Access-Control-Allow-Origin', origin);
}

/**
 * /v1/events also takes the opaque origin "null". Shopify runs custom pixels (the only code that
 * sees a checkout since August 2026) in a sandboxed iframe, so their requests say `Origin: null`.
 * Any sandboxed page can say that, so it proves no more than a server's request without an
 * Origin, and gets no more: the site key and the running experiments still decide. The other
 * public routes keep refusing it.
 */
export function allowEventSender(request: OriginCheck, allowedOrigins: readonly string[]): void {
  if (request.origin !== 'null') return checkSiteOrigin(request, allowedOrigins);
  request.setHeader('Vary', 'Origin');
  // No credentials ride on these requests, so naming the opaque origin is all CORS needs.
  request.setHeader('Access-Control-Allow-Origin', 'null');
}

function contextOriginCheck(c: Context, trust: TrustProxy): OriginCheck {
  return {
    origin: c.req.header('origin'),
    ownOrigin: () => ownOrigin(c, trust),
    setHeader: (name, value) => c.header(name, value),
  };
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

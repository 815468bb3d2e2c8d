// Browser access to the public API is for a site's own origins only. Requests with no Origin
// header (a shop's server, curl) are not browsers' cross-origin reads, so they pass; nor are
// requests from pages Candor serves itself (the demo shop), whose origin names Candor's own host.
import type { Context } from 'hono';
import { HttpError } from '../errors.js';
import type { Site } from '../experiments/model.js';
import type { TrustProxy } from '../http/client-address.js';
import { ownOrigin } from '../http/forwarded.js';

export function allowSiteOrigin(c: Context, site: Site, trust: TrustProxy): void {
  c.header('Vary', 'Origin');
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  if (!site.allowedOrigins.includes(origin) && !isOwnHost(origin, new URL(ownOrigin(c, trust)).host)) {
    throw new HttpError('origin_not_allowed', `Origin ${origin} is not among this site's allowed origins.`);
  }
  c.header('Access-Control-Allow-Origin', origin);
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

// Where a request was made from, for the session cookie: is it https (the cookie is then Secure),
// and did it come from the dashboard's own pages (the CSRF check on cookie-authenticated writes).
import type { Context } from 'hono';
import type { Config } from '../config.js';
import { ownOrigin } from '../http/forwarded.js';

/** Over https as the browser sees it: the public URL is https, or the request (through a trusted proxy) was. */
export function isHttps(c: Context, config: Pick<Config, 'trustProxy' | 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https:') || ownOrigin(c, config.trustProxy).startsWith('https:');
}

/**
 * SameSite=Strict already keeps the cookie off cross-site requests; this is the second lock.
 * A browser names the page's origin on every POST, PATCH and DELETE: it must be ours (the
 * address asked for, or the configured public URL). Without an Origin, Sec-Fetch-Site decides
 * when the browser sends it; a client that sends neither is no browser on another site.
 */
export function isSameOrigin(c: Context, config: Pick<Config, 'trustProxy' | 'publicUrl'>): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin === ownOrigin(c, config.trustProxy) || origin === new URL(config.publicUrl).origin;
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

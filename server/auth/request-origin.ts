// Where a request was made from, for the session cookie: is it https (the cookie is then Secure),
// and did it come from the dashboard's own pages (the CSRF check on cookie-authenticated writes).
import type { Context } from 'hono';
import type { Config } from '../config.js';

/** The origin the request was addressed to; behind a trusted proxy, the one the proxy was asked for. */
export function ownOrigin(c: Context, config: Pick<Config, 'trustProxy'>): string {
  const url = new URL(c.req.url);
  if (config.trustProxy) {
    const proto = firstValue(c.req.header('x-forwarded-proto'));
    const host = firstValue(c.req.header('x-forwarded-host'));
    if (proto === 'http' || proto === 'https') url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return url.origin;
}

export function isHttps(c: Context, config: Pick<Config, 'trustProxy'>): boolean {
  return ownOrigin(c, config).startsWith('https:');
}

/**
 * SameSite=Strict already keeps the cookie off cross-site requests; this is the second lock.
 * A browser names the page's origin on every POST, PATCH and DELETE: it must be ours (the
 * address asked for, or the configured public URL). Without an Origin, Sec-Fetch-Site decides
 * when the browser sends it; a client that sends neither is no browser on another site.
 */
export function isSameOrigin(c: Context, config: Pick<Config, 'trustProxy' | 'publicUrl'>): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin === ownOrigin(c, config) || origin === new URL(config.publicUrl).origin;
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}

function firstValue(header: string | undefined): string | undefined {
  return header?.split(',')[0]?.trim().toLowerCase() || undefined;
}

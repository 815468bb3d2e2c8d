// The one place a request's forwarded headers are read: the client's address, and the origin the
// request was addressed to. X-Forwarded-For, -Proto and -Host count only from a trusted proxy;
// from anyone else they are whatever the client chose to write.
import type { Context } from 'hono';
import { clientAddress, isTrustedPeer, type TrustProxy } from './client-address.js';

/** The socket's peer; undefined under app.request(), which has no socket. */
export function peerAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** For the per-address rate limit. Never stored. */
export function requestClientAddress(c: Context, trust: TrustProxy): string {
  return clientAddress(trust, peerAddress(c), c.req.header('x-forwarded-for'));
}

/** The origin the request was addressed to; from a trusted proxy, the one the proxy was asked for. */
export function ownOrigin(c: Context, trust: TrustProxy): string {
  return addressedOrigin(c.req.url, peerAddress(c), (name) => c.req.header(name), trust);
}

/** ownOrigin from the request's URL, socket peer and headers (by lower-case name). */
export function addressedOrigin(requestUrl: string, peer: string | undefined, header: (name: string) => string | undefined, trust: TrustProxy): string {
  const url = new URL(requestUrl);
  const trusted = isTrustedPeer(trust, peer);
  // The proxy that terminates TLS sets these; later proxies pass them on, so the first value is its.
  const forwardedProto = trusted ? firstValue(header('x-forwarded-proto')) : undefined;
  const proto = forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : url.protocol.slice(0, -1);
  // A forwarded host without a port means the scheme's default port, not the one Candor listens on.
  const host = (trusted ? firstValue(header('x-forwarded-host')) : undefined) ?? header('host') ?? url.host;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

/** The forwarded headers a proxy adds, present on this request: a sign a proxy stands in front. */
export function forwardedHeaderNames(c: Context): string[] {
  return forwardedHeadersPresent((name) => c.req.header(name));
}

export function forwardedHeadersPresent(header: (name: string) => string | undefined): string[] {
  return ['forwarded', 'x-forwarded-for', 'x-real-ip'].filter((name) => header(name) !== undefined);
}

function firstValue(header: string | undefined): string | undefined {
  return header?.split(',')[0]?.trim().toLowerCase() || undefined;
}

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
  const url = new URL(c.req.url);
  const trusted = isTrustedPeer(trust, peerAddress(c));
  // The proxy that terminates TLS sets these; later proxies pass them on, so the first value is its.
  const forwardedProto = trusted ? firstValue(c.req.header('x-forwarded-proto')) : undefined;
  const proto = forwardedProto === 'http' || forwardedProto === 'https' ? forwardedProto : url.protocol.slice(0, -1);
  // A forwarded host without a port means the scheme's default port, not the one Candor listens on.
  const host = (trusted ? firstValue(c.req.header('x-forwarded-host')) : undefined) ?? c.req.header('host') ?? url.host;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return url.origin;
  }
}

/** The forwarded headers a proxy adds, present on this request: a sign a proxy stands in front. */
export function forwardedHeaderNames(c: Context): string[] {
  return ['forwarded', 'x-forwarded-for', 'x-real-ip'].filter((name) => c.req.header(name) !== undefined);
}

function firstValue(header: string | undefined): string | undefined {
  return header?.split(',')[0]?.trim().toLowerCase() || undefined;
}

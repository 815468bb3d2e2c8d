// One warning, the first time a proxy that Candor does not trust forwards a request: every
// visitor behind it then shares the proxy's address, and so one event rate limit.
import type { MiddlewareHandler } from 'hono';
import { isLocalAddress, isTrustedPeer, normalizeAddress, type TrustProxy } from './client-address.js';
import { forwardedHeaderNames, peerAddress } from './forwarded.js';

/** The check itself, given the peer and the forwarded headers present (asked for only until it has warned). */
export type ProxyWarning = (peer: string | undefined, forwardedHeaders: () => string[]) => void;

export function createProxyWarning(trust: TrustProxy, warn: (message: string) => void = console.warn): ProxyWarning {
  let warned = false;
  return (peer, forwardedHeaders) => {
    if (warned) return;
    const headers = forwardedHeaders();
    // A proxy on this machine or a private network; a public peer sending these is a client.
    if (headers.length > 0 && isLocalAddress(peer) && !isTrustedPeer(trust, peer)) {
      warned = true;
      const address = normalizeAddress(peer!);
      warn(
        `Candor is behind a proxy it does not trust: a request from ${address} carried ${headers.join(', ')}. ` +
          'Every visitor then shares that address and one event rate limit, and events are refused once the shop is busy. ' +
          `Set CANDOR_TRUST_PROXY=true (one proxy in front of Candor) or CANDOR_TRUST_PROXY=${address} (the proxy's address). ` +
          '(This warning is shown once.)',
      );
    }
  };
}

/** The middleware; pass the same check as the direct event route, so the warning is still shown once. */
export function warnOfUntrustedProxy(trust: TrustProxy | ProxyWarning, warn?: (message: string) => void): MiddlewareHandler {
  const check = typeof trust === 'function' ? trust : createProxyWarning(trust, warn);
  return async (c, next) => {
    check(peerAddress(c), () => forwardedHeaderNames(c));
    return next();
  };
}

// Which address a request came from, given the socket's peer and X-Forwarded-For, and which
// proxies are trusted (CANDOR_TRUST_PROXY). Each proxy appends the address it saw to the right of
// the chain, and the client writes whatever it likes on the left: so the chain is read from the
// right, and only as far as trusted proxies wrote it. Pure.
import { formatIp, inNetwork, parseIp, parseNetwork, type IpNetwork } from './ip-address.js';

export type TrustProxy =
  | { readonly kind: 'off' }
  /** That many proxies stand in front; the client is the Nth entry from the right. */
  | { readonly kind: 'hops'; readonly hops: number }
  /** Proxies at these addresses are trusted, wherever they are in the chain. */
  | { readonly kind: 'networks'; readonly networks: readonly IpNetwork[] };

/** Whether the peer is a proxy whose forwarded headers (For, Proto, Host) are believed. */
export function isTrustedPeer(trust: TrustProxy, peer: string | undefined): boolean {
  if (trust.kind === 'off') return false;
  if (trust.kind === 'hops') return true;
  return peer !== undefined && inAny(peer, trust.networks);
}

export function clientAddress(trust: TrustProxy, peer: string | undefined, forwardedFor: string | undefined): string {
  const direct = normalizeAddress(peer ?? 'unknown');
  if (trust.kind === 'off' || !isTrustedPeer(trust, peer) || forwardedFor === undefined) return direct;
  const chain = forwardedFor
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (chain.length === 0) return direct;
  if (trust.kind === 'hops') return normalizeAddress(chain[Math.max(0, chain.length - trust.hops)]!);
  for (let i = chain.length - 1; i > 0; i--) {
    if (!inAny(chain[i]!, trust.networks)) return normalizeAddress(chain[i]!);
  }
  // Every proxy in the chain is trusted: the leftmost entry is as far as it goes.
  return normalizeAddress(chain[0]!);
}

/** Loopback, private, link-local and unique-local networks: where a reverse proxy usually sits. */
export const LOCAL_NETWORKS: readonly IpNetwork[] = [
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
].map((text) => parseNetwork(text)!);

export function isLocalAddress(address: string | undefined): boolean {
  return address !== undefined && inAny(address, LOCAL_NETWORKS);
}

function inAny(text: string, networks: readonly IpNetwork[]): boolean {
  const address = parseIp(text);
  return address !== undefined && networks.some((network) => inNetwork(address, network));
}

/** One spelling per address (so `::ffff:1.2.3.4` and `1.2.3.4` share a bucket); other tokens as sent. */
export function normalizeAddress(text: string): string {
  const address = parseIp(text);
  return address ? formatIp(address) : text.trim().toLowerCase();
}

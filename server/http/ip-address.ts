// IP addresses and networks as bytes: IPv4, IPv6 (with `::` and an IPv4 tail), CIDR networks,
// and whether an address lies in one. Pure; the trusted proxies and the private ranges use it.
import { isIPv4, isIPv6 } from 'node:net';

export interface IpAddress {
  readonly family: 4 | 6;
  readonly bytes: readonly number[];
}

export interface IpNetwork extends IpAddress {
  /** The number of leading bits that must match. */
  readonly prefix: number;
}

/**
 * An address as a peer or an X-Forwarded-For entry spells it: `1.2.3.4`, `1.2.3.4:5678`,
 * `2001:db8::1`, `[2001:db8::1]:443`, `fe80::1%eth0`. An IPv4 address mapped into IPv6
 * (`::ffff:1.2.3.4`, as a dual-stack socket reports IPv4 peers) is read as the IPv4 address.
 */
export function parseIp(text: string): IpAddress | undefined {
  let value = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/%[\w.-]+$/, '');
  if (isIPv4(value)) return { family: 4, bytes: value.split('.').map(Number) };
  if (!isIPv6(value)) return undefined;
  const bytes = ipv6Bytes(value);
  return isMapped(bytes) ? { family: 4, bytes: bytes.slice(12) } : { family: 6, bytes };
}

/** `10.0.0.0/8`, `2001:db8::/32`, or one address (a network of one). Undefined when malformed. */
export function parseNetwork(text: string): IpNetwork | undefined {
  const match = /^([^/]+?)(?:\/(\d{1,3}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, address, prefixText] = match;
  const family = isIPv4(address!) ? 4 : isIPv6(address!) ? 6 : undefined;
  if (family === undefined) return undefined;
  const bytes = family === 4 ? address!.split('.').map(Number) : ipv6Bytes(address!);
  const width = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return undefined;
  // An IPv4 network written mapped into IPv6, as a dual-stack socket reports its peers.
  if (family === 6 && prefix >= 96 && isMapped(bytes)) return { family: 4, bytes: bytes.slice(12), prefix: prefix - 96 };
  return { family, bytes, prefix };
}

export function inNetwork(address: IpAddress, network: IpNetwork): boolean {
  if (address.family !== network.family) return false;
  for (let bit = 0; bit < network.prefix; bit += 8) {
    const mask = network.prefix - bit >= 8 ? 0xff : (0xff << (8 - (network.prefix - bit))) & 0xff;
    if ((address.bytes[bit / 8]! & mask) !== (network.bytes[bit / 8]! & mask)) return false;
  }
  return true;
}

/** The address written one way for every spelling of it, so each client has one rate-limit bucket. */
export function formatIp({ family, bytes }: IpAddress): string {
  if (family === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}

function isMapped(bytes: readonly number[]): boolean {
  return bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** The 16 bytes of an address that isIPv6 has accepted. */
function ipv6Bytes(text: string): number[] {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groupsOf = (part: string | undefined): number[] => {
    if (!part) return [];
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a, b, c, d] = group.split('.').map(Number);
      return [(a! << 8) | b!, (c! << 8) | d!];
    });
  };
  const front = groupsOf(head);
  const back = groupsOf(tail);
  const groups = tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

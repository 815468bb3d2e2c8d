// Which address a request came from: the peer, or, from a trusted proxy, the X-Forwarded-For
// chain read from the right (the end proxies write) and never from the left (the end clients write).
import { describe, expect, it } from 'vitest';
import { clientAddress, isLocalAddress, isTrustedPeer, type TrustProxy } from '../../server/http/client-address.js';
import { inNetwork, parseIp, parseNetwork } from '../../server/http/ip-address.js';

const off: TrustProxy = { kind: 'off' };
const hops = (n: number): TrustProxy => ({ kind: 'hops', hops: n });
const networks = (...list: string[]): TrustProxy => ({ kind: 'networks', networks: list.map((text) => parseNetwork(text)!) });

describe('clientAddress', () => {
  const cases: [string, TrustProxy, string | undefined, string | undefined, string][] = [
    ['trust off: the peer, whatever the header says', off, '10.0.0.2', '6.6.6.6', '10.0.0.2'],
    ['trust off, no socket (app.request)', off, undefined, '6.6.6.6', 'unknown'],
    ['one hop: the entry the proxy appended, not the one the client wrote', hops(1), '10.0.0.2', '6.6.6.6, 203.0.113.7', '203.0.113.7'],
    ['one hop, the client wrote nothing', hops(1), '10.0.0.2', '203.0.113.7', '203.0.113.7'],
    ['one hop, no header: the peer', hops(1), '10.0.0.2', undefined, '10.0.0.2'],
    ['one hop, an empty header: the peer', hops(1), '10.0.0.2', ' , ', '10.0.0.2'],
    ['two hops: the second entry from the right', hops(2), '10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.9', '203.0.113.7'],
    ['two hops, a shorter chain: its leftmost entry', hops(2), '10.0.0.2', '203.0.113.7', '203.0.113.7'],
    ['networks: an untrusted peer is the client, its header ignored', networks('10.0.0.0/8'), '198.51.100.1', '6.6.6.6', '198.51.100.1'],
    ['networks: skips trusted entries from the right', networks('10.0.0.0/8', '127.0.0.1'), '127.0.0.1', '6.6.6.6, 203.0.113.7, 10.1.2.3', '203.0.113.7'],
    ['networks: the first untrusted entry, even if a trusted one is left of it', networks('10.0.0.0/8'), '10.0.0.2', '10.9.9.9, 203.0.113.7', '203.0.113.7'],
    ['networks: every entry trusted, the leftmost', networks('10.0.0.0/8'), '10.0.0.2', '10.0.0.5, 10.0.0.6', '10.0.0.5'],
    ['networks, IPv6', networks('2001:db8::/32'), '2001:db8::1', '2001:db8:0:0:0:0:0:2, 2a00:1450::1', '2a00:1450:0:0:0:0:0:1'],
    ['an IPv4-mapped IPv6 peer in an IPv4 network', networks('127.0.0.0/8'), '::ffff:127.0.0.1', '203.0.113.7', '203.0.113.7'],
    ['ports and brackets are dropped', hops(1), '10.0.0.2', '[2001:DB8::7]:443', '2001:db8:0:0:0:0:0:7'],
    ['an IPv4 entry with a port', hops(1), '10.0.0.2', '203.0.113.7:51234', '203.0.113.7'],
    ['a token that is no address is its own key', hops(1), '10.0.0.2', 'Unknown', 'unknown'],
    ['the peer spelled as a mapped address shares a key with its IPv4 form', off, '::ffff:203.0.113.7', undefined, '203.0.113.7'],
  ];
  for (const [name, trust, peer, header, expected] of cases) {
    it(name, () => expect(clientAddress(trust, peer, header)).toBe(expected));
  }
});

describe('isTrustedPeer', () => {
  it('trusts no peer with trust off, any peer by hop count, and only listed peers by network', () => {
    expect(isTrustedPeer(off, '127.0.0.1')).toBe(false);
    expect(isTrustedPeer(hops(1), '198.51.100.1')).toBe(true);
    expect(isTrustedPeer(networks('127.0.0.1', '::1'), '::1')).toBe(true);
    expect(isTrustedPeer(networks('127.0.0.1', '::1'), '127.0.0.2')).toBe(false);
    expect(isTrustedPeer(networks('127.0.0.1'), undefined)).toBe(false);
  });
});

describe('IP networks', () => {
  const cases: [string, string, boolean][] = [
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.0.0.1', '10.0.0.0/8', false],
    ['172.31.255.255', '172.16.0.0/12', true],
    ['172.32.0.1', '172.16.0.0/12', false],
    ['192.168.1.77', '192.168.1.64/27', true],
    ['192.168.1.96', '192.168.1.64/27', false],
    ['203.0.113.7', '0.0.0.0/0', true],
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.8', '203.0.113.7', false],
    ['fd12:3456::1', 'fc00::/7', true],
    ['fe80::1%eth0', 'fe80::/10', true],
    ['2001:db8::1', '2001:db9::/32', false],
    ['::1', '::1', true],
    ['::ffff:10.0.0.1', '10.0.0.0/8', true],
    ['::ffff:10.0.0.1', '::/0', false],
    ['10.0.0.1', '::/0', false],
    ['64:ff9b::192.0.2.33', '64:ff9b::/96', true],
    ['127.0.0.1', '::ffff:127.0.0.0/104', true],
    ['::ffff:127.0.0.1', '::ffff:127.0.0.1', true],
  ];
  for (const [address, network, expected] of cases) {
    it(`${address} ${expected ? 'is' : 'is not'} in ${network}`, () => expect(inNetwork(parseIp(address)!, parseNetwork(network)!)).toBe(expected));
  }

  it('refuses malformed networks', () => {
    for (const text of ['10.0.0.0/33', '::/129', '10.0.0', 'proxy.internal', '10.0.0.0/', '1.2.3.4/8/8', '']) expect(parseNetwork(text), text).toBeUndefined();
  });

  it('knows loopback and private peers, where a reverse proxy usually sits', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.2', '172.18.0.3', '192.168.0.10', 'fd00::2']) expect(isLocalAddress(address), address).toBe(true);
    for (const address of ['203.0.113.7', '2a00:1450::1', 'unknown', undefined]) expect(isLocalAddress(address), String(address)).toBe(false);
  });
});

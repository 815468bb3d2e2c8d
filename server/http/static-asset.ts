// A small built file served from memory: its bytes, each compressed form made the first time a
// client asks for it, and an ETag per representation. The snippet and the dashboard use it.
import type { Context } from 'hono';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { etagOf, matchesIfNoneMatch } from './etag.js';

export type Encoding = 'identity' | 'gzip' | 'br';

export interface Asset {
  type: string;
  etag: string;
  body(encoding: Encoding): Buffer;
}

export function encodeAsset(type: string, identity: Buffer): Asset {
  const compress: Record<Encoding, () => Buffer> = {
    identity: () => identity,
    gzip: () => gzipSync(identity, { level: 9 }),
    br: () => brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
  };
  const made = new Map<Encoding, Buffer>();
  return {
    type,
    etag: etagOf(identity.toString('utf8')),
    body(encoding) {
      let found = made.get(encoding);
      if (!found) made.set(encoding, (found = compress[encoding]()));
      return found;
    },
  };
}

/** Brotli, then gzip, then none, as the client accepts (a q=0 refuses an encoding). */
export function pickEncoding(header: string | undefined): Encoding {
  const accepted = new Set(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, q]) => !q || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q))
      .map(([name]) => name),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return 'identity';
}

export function sendAsset(c: Context, asset: Asset, cacheControl: string): Response {
  c.header('Content-Type', asset.type);
  c.header('Cache-Control', cacheControl);
  c.header('Vary', 'Accept-Encoding');
  c.header('X-Content-Type-Options', 'nosniff');
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  // One tag per representation, so a cache never answers a gzip request with brotli bytes.
  const etag = encoding === 'identity' ? asset.etag : `${asset.etag.slice(0, -1)}-${encoding}"`;
  c.header('ETag', etag);
  if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  if (encoding !== 'identity') c.header('Content-Encoding', encoding);
  return c.body(new Uint8Array(asset.body(encoding)));
}

// GET /c.js (the snippet) and /c-extras.js (what only some page views need), as
// scripts/build-client.mjs built them. Read and compressed once, then served from memory with
// an ETag: /c.js is fetched on every page view of every shop.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { Hono } from 'hono';
import { defaultAssetsDir } from '../assets.js';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { etagOf, matchesIfNoneMatch } from '../public/snippet-config.js';

// The URL has no version in it, so caches must come back soon for a new release to reach
// visitors; stale-while-revalidate keeps that check off the page's critical path.
const SNIPPET_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

interface Encoded {
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

const SNIPPET_FILES = ['c.js', 'c-extras.js'] as const;

export function snippetRoutes({ assetsDir = defaultAssetsDir() }: AppDeps): Hono {
  const app = new Hono();
  const loaded = new Map<string, Promise<Encoded>>();

  for (const file of SNIPPET_FILES) {
    app.get(`/${file}`, async (c) => {
      let snippet = loaded.get(file);
      if (!snippet) loaded.set(file, (snippet = loadSnippet(`${assetsDir}/${file}`)));
      const encoded = await snippet.catch(() => {
        loaded.delete(file);
        throw new HttpError('unavailable', 'The snippet is not built: run `npm run build`.');
      });
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      c.header('Cache-Control', SNIPPET_CACHE_CONTROL);
      c.header('Vary', 'Accept-Encoding');
      c.header('X-Content-Type-Options', 'nosniff');
      const encoding = pickEncoding(c.req.header('accept-encoding'));
      // One tag per representation, so a cache never answers a gzip request with brotli bytes.
      const etag = encoding === 'identity' ? encoded.etag : `${encoded.etag.slice(0, -1)}-${encoding}"`;
      c.header('ETag', etag);
      if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);
      if (encoding !== 'identity') c.header('Content-Encoding', encoding);
      return c.body(new Uint8Array(encoded[encoding]));
    });
  }

  return app;
}

async function loadSnippet(file: string): Promise<Encoded> {
  const identity = await readFile(file);
  return {
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    etag: etagOf(identity.toString('utf8')),
  };
}

/** Brotli, then gzip, then none, as the client accepts (a q=0 refuses an encoding). */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
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

// GET /c.js (the snippet) and /c-extras.js (what only some page views need), as
// scripts/build-client.mjs built them. Read once, then served from memory with an ETag:
// /c.js is fetched on every page view of every shop.
import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { defaultAssetsDir } from '../assets.js';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { encodeAsset, sendAsset, type Asset } from '../http/static-asset.js';

// The URL has no version in it, so caches must come back soon for a new release to reach
// visitors; stale-while-revalidate keeps that check off the page's critical path.
const SNIPPET_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

const SNIPPET_FILES = ['c.js', 'c-extras.js'] as const;

export function snippetRoutes({ assetsDir = defaultAssetsDir() }: AppDeps): Hono {
  const app = new Hono();
  const loaded = new Map<string, Promise<Asset>>();

  for (const file of SNIPPET_FILES) {
    app.get(`/${file}`, async (c) => {
      let snippet = loaded.get(file);
      if (!snippet) {
        snippet = readFile(`${assetsDir}/${file}`).then((bytes) => encodeAsset('text/javascript; charset=utf-8', bytes));
        loaded.set(file, snippet);
      }
      const asset = await snippet.catch(() => {
        loaded.delete(file);
        throw new HttpError('unavailable', 'The snippet is not built: run `npm run build`.');
      });
      return sendAsset(c, asset, SNIPPET_CACHE_CONTROL);
    });
  }

  return app;
}

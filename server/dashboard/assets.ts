// The dashboard's built files (scripts/build-client.mjs writes them under dist/public/dashboard):
// read once and kept in memory with a content hash that names the version; each compressed form
// is made the first time a browser asks for it (brotli at its best level takes a moment).
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { etagOf } from '../public/snippet-config.js';

export type Encoding = 'identity' | 'gzip' | 'br';

export interface Asset {
  type: string;
  etag: string;
  body(encoding: Encoding): Buffer;
}

export interface DashboardAssets {
  js: Asset;
  /** Absent when the app imports no CSS. */
  css: Asset | null;
  /** Changes whenever either file does: the HTML asks for `app.js?v=<version>`. */
  version: string;
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

export async function loadDashboardAssets(assetsDir: string): Promise<DashboardAssets> {
  const js = encodeAsset('text/javascript; charset=utf-8', await readFile(`${assetsDir}/dashboard/app.js`));
  const cssFile = await readFile(`${assetsDir}/dashboard/app.css`).catch(() => null);
  const css = cssFile && encodeAsset('text/css; charset=utf-8', cssFile);
  const version = etagOf(js.etag + (css?.etag ?? '')).slice(1, 13);
  return { js, css, version };
}

/** The favicon, drawn here so the browser's automatic request for one finds it. */
export const ICON_SVG = encodeAsset(
  'image/svg+xml',
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0a3d62"/>' +
      '<path d="M21.5 11.2a7 7 0 1 0 0 9.6" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round"/>' +
      '<circle cx="23" cy="16" r="2.2" fill="#e69f00"/></svg>',
  ),
);

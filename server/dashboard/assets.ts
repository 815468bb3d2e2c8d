// The dashboard's built files (scripts/build-client.mjs writes them under dist/public/dashboard):
// read once and kept in memory (server/http/static-asset.ts) with a content hash that names the
// version.
import { readFile } from 'node:fs/promises';
import { encodeAsset, type Asset } from '../http/static-asset.js';
import { etagOf } from '../http/etag.js';

export interface DashboardAssets {
  js: Asset;
  /** Absent when the app imports no CSS. */
  css: Asset | null;
  /** Changes whenever either file does: the HTML asks for `app.js?v=<version>`. */
  version: string;
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

// GET /api/preview: one variant's creative as a document of its own, built by creativeHtml, the
// function that builds what the snippet puts on the shop, so the editor's <iframe> shows exactly
// what visitors will see. Under its own CSP: inline styles, media from anywhere, no script.
import { Hono } from 'hono';
import { shaOfMediaUrl } from '../creatives/formats.js';
import { findCreativesBySha } from '../creatives/queries.js';
import type { Provenance } from '../creatives/source-type.js';
import type { AppDeps } from '../deps.js';
import { parseInput } from '../http/validate.js';
import { creativeHtml } from '../public/creative-html.js';
import { previewQuery, previewVariant, withoutEmpty } from './preview-input.js';

/** The preview runs no script and is shown in the dashboard only: sandboxed, framed by its own origin. */
export const PREVIEW_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src https: http: data: blob:',
  'media-src https: http: data: blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');

export function previewRoutes({ db }: AppDeps): Hono {
  const app = new Hono();
  app.get('/preview', async (c) => {
    const query = parseInput(previewQuery, withoutEmpty(c.req.query()));
    const sha = shaOfMediaUrl(query.url);
    const [row] = sha ? await findCreativesBySha(db, [sha]) : [];
    const creative = row ? { provenance: JSON.parse(row.provenance) as Provenance } : null;
    c.header('Content-Security-Policy', PREVIEW_CSP);
    c.header('X-Frame-Options', 'SAMEORIGIN');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'private, no-cache');
    return c.html(previewDocument(creativeHtml({ ...previewVariant(query), creative })));
  });
  return app;
}

/**
 * The creative fills the frame as it fills a slot: the <iframe> has the slot's proportions (the
 * media's), and the creative is stretched to its height as the snippet's aspect ratio does. A
 * click on the creative would open the shop's page in a new tab, which the sandbox refuses: the
 * preview stays put.
 */
export function previewDocument(creative: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light">' +
    '<base target="_blank"><title>Preview</title>' +
    '<style>html,body{margin:0;height:100%}body{display:grid}</style>' +
    `</head><body>${creative}</body></html>`
  );
}

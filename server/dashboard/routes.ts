// The dashboard's pages: one HTML shell for every client-side path, under a strict Content
// Security Policy (no inline script, nothing from elsewhere but the creatives it previews), and
// the built script and styles with ETags. Mounted last, at '/', after the API.
import { Hono, type Context } from 'hono';
import { defaultAssetsDir } from '../assets.js';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { sendAsset } from '../http/static-asset.js';
import { ICON_SVG, loadDashboardAssets, type DashboardAssets } from './assets.js';

/** Creatives live on the shop's CDN, so previews may load images and video from any http(s) host. */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https: http:",
  "media-src 'self' https: http:",
  "connect-src 'self'",
  "font-src 'self'",
  // The creative preview: a document of the server's own (preview/preview-route.ts), with its own CSP.
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The client-side routes (client/dashboard/router.ts); /v1, /api, /c.js, /demo and /healthz stay the server's. */
const PAGE_PATHS = ['/', '/login', '/welcome', '/import', '/sites', '/sites/*', '/experiments', '/experiments/*'];

export function dashboardRoutes({ assetsDir = defaultAssetsDir() }: AppDeps): Hono {
  const app = new Hono();
  let loading: Promise<DashboardAssets> | undefined;
  const assets = () => {
    loading ??= loadDashboardAssets(assetsDir).catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
    return loading;
  };

  for (const path of PAGE_PATHS) {
    app.get(path, async (c) => {
      secureHeaders(c);
      c.header('Cache-Control', 'no-cache');
      const built = await assets().catch(() => null);
      if (!built) return c.html(page('<p>The dashboard is not built: run <code>npm run build</code>.</p>', null), 503);
      return c.html(page('', built));
    });
  }

  app.get('/dashboard/app.js', async (c) => {
    const built = await requireBuilt();
    return sendAsset(c, built.js, cacheFor(c.req.query('v') === built.version));
  });
  app.get('/dashboard/app.css', async (c) => {
    const built = await requireBuilt();
    if (!built.css) throw new HttpError('not_found', 'The dashboard has no stylesheet.');
    return sendAsset(c, built.css, cacheFor(c.req.query('v') === built.version));
  });
  app.get('/dashboard/icon.svg', (c) => sendAsset(c, ICON_SVG, cacheFor(false)));

  async function requireBuilt(): Promise<DashboardAssets> {
    return assets().catch(() => {
      throw new HttpError('unavailable', 'The dashboard is not built: run `npm run build`.');
    });
  }

  return app;
}

/** A versioned URL never changes content, so it may be cached for good; the bare one is revalidated. */
function cacheFor(versioned: boolean): string {
  return versioned ? 'public, max-age=31536000, immutable' : 'no-cache';
}

function page(message: string, built: DashboardAssets | null): string {
  const head = built
    ? (built.css ? `<link rel="stylesheet" href="/dashboard/app.css?v=${built.version}">` : '') +
      `<script type="module" src="/dashboard/app.js?v=${built.version}"></script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Candor</title>
<link rel="icon" href="/dashboard/icon.svg" type="image/svg+xml">
${head}
</head>
<body>
<div id="app">${message}<noscript>Candor's dashboard needs JavaScript.</noscript></div>
</body>
</html>
`;
}

function secureHeaders(c: Context): void {
  c.header('Content-Security-Policy', DASHBOARD_CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
}

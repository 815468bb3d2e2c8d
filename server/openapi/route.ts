// GET /api/openapi.json and GET /api/docs: the API document and its readable page. Public, with
// no admin token: shops and agencies integrating from their own servers start from this document,
// and it reveals no data (only shapes and rules the open-source code states anyway). So app.ts
// mounts these before the admin guard. The page has the dashboard's strict CSP: no script at all.
import { Hono } from 'hono';
import { DASHBOARD_CSP } from '../dashboard/routes.js';
import { buildOpenApiDocument } from './document.js';
import { renderDocsPage } from './docs-page.js';

export const API_VERSION = '0.1.0';

export function openApiRoutes(): Hono {
  const app = new Hono();
  // Built on first use and kept: the document depends on the code only, not on the data.
  let built: { json: string; page: string } | undefined;
  const document = () => {
    if (!built) {
      const doc = buildOpenApiDocument(API_VERSION);
      built = { json: JSON.stringify(doc), page: renderDocsPage(doc) };
    }
    return built;
  };

  app.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(document().json);
  });

  app.get('/docs', (c) => {
    c.header('Content-Security-Policy', DASHBOARD_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cache-Control', 'no-cache');
    return c.html(document().page);
  });

  return app;
}

// GET /api/sites/:id/integrations/shopify-pixel: the site's Shopify custom pixel, as the
// JavaScript to paste (admin only; the install page shows the same code).
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { findSite } from '../experiments/site-queries.js';
import { shopifyPixel } from './shopify-pixel.js';

export function integrationRoutes({ db, config }: AppDeps): Hono {
  const app = new Hono();

  app.get('/sites/:id/integrations/shopify-pixel', async (c) => {
    const site = await findSite(db, c.req.param('id'));
    if (!site) throw new HttpError('not_found', `No site with id "${c.req.param('id')}".`);
    c.header('Cache-Control', 'no-store');
    return c.body(shopifyPixel({ publicUrl: config.publicUrl, siteKey: site.publicKey }), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
    });
  });

  return app;
}

// GET /api/sites/:id/installation: what the install page shows. The tag to paste, the slot
// markup of the site's experiments, and the check: when the last batch of events arrived, and
// from which page origin ("last event seen 12 s ago from shop.example"), and when the last
// add-to-cart and purchase arrived; for Shopify, the pixel's address and the webhook's.
import { Hono } from 'hono';
import { requireAdmin } from '../auth/require-admin.js';
import { CHECKED_CONVERSIONS } from '../collect/last-seen.js';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { listExperiments } from '../experiments/experiment-queries.js';
import { findSite } from '../experiments/site-queries.js';
import { LIVE_STATUSES } from '../experiments/status.js';
import type { Installation } from './response-schema.js';

export function installationRoutes(deps: AppDeps): Hono {
  const { db, config, now, lastSeen } = deps;
  const app = new Hono();

  app.get('/sites/:id/installation', requireAdmin(deps), async (c) => {
    const site = await findSite(db, c.req.param('id'));
    if (!site) throw new HttpError('not_found', `No site with id "${c.req.param('id')}".`);
    const experiments = await listExperiments(db, site.id, ['draft', ...LIVE_STATUSES]);
    const sighting = await lastSeen.find(site.id);
    const at = now();
    const ago = (when: number) => ({ at: when, secondsAgo: Math.max(0, Math.round((at - when) / 1000)) });
    const conversions: Record<string, { at: number; secondsAgo: number } | null> = {};
    for (const type of CHECKED_CONVERSIONS) {
      const when = await lastSeen.findConversion(site.id, type);
      conversions[type] = when === null ? null : ago(when);
    }
    c.header('Cache-Control', 'no-store');
    const answer: Installation = {
      siteId: site.id,
      publicKey: site.publicKey,
      scriptTag: `<script async src="${config.publicUrl}/c.js" data-site="${site.publicKey}"></script>`,
      slots: [...new Set(experiments.map((experiment) => experiment.slot))].map((slot) => ({
        slot,
        markup: `<div data-candor-slot="${slot}"></div>`,
      })),
      lastSeen: sighting && { ...sighting, secondsAgo: ago(sighting.at).secondsAgo },
      // When the shop's add-to-carts and purchases last arrived, whatever sent them.
      conversions,
      shopify: {
        // The custom pixel's code, generated for this site (behind the admin token).
        pixelPath: `/api/sites/${site.id}/integrations/shopify-pixel`,
        // Where the shop's order and refund webhooks go.
        webhookUrl: `${config.publicUrl}/v1/webhooks/shopify?site=${site.publicKey}`,
        // Whether a secret is set (never the secret), and the last delivery's time and fate.
        webhook: { ...site.shopifyWebhook, secondsAgo: site.shopifyWebhook.lastAt === null ? null : ago(site.shopifyWebhook.lastAt).secondsAgo },
      },
      currency: site.currency,
      now: at,
    };
    return c.json(answer);
  });

  return app;
}

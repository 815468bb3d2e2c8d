// POST /v1/webhooks/shopify?site=pk_…: a shop's order truth, server to server. Nothing is read
// before the signature over the raw bytes checks out under the site's secret. Orders and
// refunds go through the same group commit as events, and are answered 200 once committed;
// a replay is answered 200 too and changes nothing (Shopify retries anything but a 2xx).
// Every webhook's time and fate (verified, or the code it was refused with) is noted on the site.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { HttpError, type ErrorCode } from '../errors.js';
import { createRateLimiter } from '../collect/rate-limit.js';
import { submitOrRetryLater } from '../collect/submit.js';
import { findShopifyWebhookSecret, recordShopifyWebhook } from '../experiments/site-queries.js';
import { requestClientAddress } from '../http/forwarded.js';
import { readCappedBytes } from '../http/read-body.js';
import { checkShopifySignature } from './shopify-signature.js';
import { isShopifyTopic, readShopifyWebhook, SHOPIFY_TOPICS } from './shopify-payload.js';

/** An order with a few hundred lines stays under this. */
export const WEBHOOK_BODY_BYTES = 1024 * 1024;
const SITE_KEY = /^pk_[A-Za-z0-9]{1,64}$/;

const REFUSALS: Partial<Record<ErrorCode, string>> = {
  webhook_secret_not_set: 'This site has no Shopify webhook secret: set shopifyWebhookSecret on the site first.',
  missing_signature: 'X-Shopify-Hmac-Sha256 is missing.',
  invalid_signature: "X-Shopify-Hmac-Sha256 is not the body's signature under this site's webhook secret.",
};

export function shopifyWebhookRoutes(deps: AppDeps): Hono {
  const { db, catalog, writer, config, now, lastSeen } = deps;
  const app = new Hono();
  const limiter = createRateLimiter({ perSecond: config.rateLimit, now });

  app.post('/v1/webhooks/shopify', async (c) => {
    if (!limiter.take(requestClientAddress(c, config.trustProxy))) {
      c.header('Retry-After', String(limiter.retryAfterSeconds));
      throw new HttpError('rate_limited', 'Too many requests from this address; slow down.');
    }
    const key = c.req.query('site');
    if (key === undefined || !SITE_KEY.test(key)) throw new HttpError('invalid_field', 'site: the query must name a site key such as ?site=pk_…', 'site');
    const entry = await catalog.get(key);
    if (!entry) throw new HttpError('unknown_site', `No site has the key ${key}.`, 'site');
    const site = entry.site;
    const body = await readCappedBytes(c, WEBHOOK_BODY_BYTES);

    let result: string = 'verified';
    try {
      // Read at each webhook, not from the cache: a new secret holds from the next delivery on.
      const secret = await findShopifyWebhookSecret(db, site.id);
      const check = secret === null ? 'webhook_secret_not_set' : checkShopifySignature(body, c.req.header('x-shopify-hmac-sha256'), secret);
      if (check !== 'verified') throw new HttpError(check, REFUSALS[check]!);

      const topic = c.req.header('x-shopify-topic');
      if (!isShopifyTopic(topic)) {
        throw new HttpError('unknown_topic', `X-Shopify-Topic: Candor takes ${SHOPIFY_TOPICS.join(', ')}, not ${JSON.stringify(topic ?? '')}.`, 'x-shopify-topic');
      }
      const { truth, currency } = readShopifyWebhook(topic, body.toString('utf8'), now());
      if (currency !== null && currency !== site.currency) {
        await submitOrRetryLater(writer, { siteId: site.id, events: [], drops: new Map([['currency_mismatch', 1]]) });
        throw new HttpError('currency_mismatch', `The amount is in ${currency}, the site's currency is ${site.currency}: change the site's currency or the shop's.`, 'currency');
      }
      const committed = await submitOrRetryLater(writer, { siteId: site.id, events: [], drops: new Map(), orderTruth: [truth] });
      const outcome = committed.orderTruth![0]!;
      // The install page's "last purchase seen" counts an order the webhook brought first.
      if (outcome.result === 'recorded' && outcome.change === 'purchase') lastSeen.recordConversions(site.id, ['purchase'], now());
      return c.json({ topic, order: truth.orderId, ...(truth.kind === 'refund' && { refund: truth.refundId }), ...outcome }, 200);
    } catch (error) {
      result = error instanceof HttpError ? error.code : 'internal_error';
      throw error;
    } finally {
      await recordShopifyWebhook(db, site.id, result, now());
    }
  });

  return app;
}

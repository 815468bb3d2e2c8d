// POST /v1/events through Hono: a batch from the snippet (text/plain, so sendBeacon needs no
// preflight), a shop's server or a Shopify custom pixel (application/json). What it does is
// intake.ts; node:http's direct route (direct-route.ts) serves most posts without Hono, and this
// one serves the rest (app.request, the demo's in-process visitors, unusual requests).
import { Hono } from 'hono';
import { peerAddress, ownOrigin } from '../http/forwarded.js';
import { readCappedText } from '../http/read-body.js';
import type { AppDeps } from '../deps.js';
import { isInProcess } from './in-process.js';
import type { EventIntake } from './intake.js';

export function collectRoutes({ config }: AppDeps, intake: EventIntake): Hono {
  const app = new Hono();

  // Browsers preflight only application/json posts (a Shopify pixel's, from Origin: null); the
  // real request is checked against the site's origins, so the preflight may let any origin ask.
  app.options('/v1/events', (c) => {
    const origin = c.req.header('origin');
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Allow-Methods', 'POST');
    c.header('Access-Control-Allow-Headers', 'Content-Type');
    c.header('Access-Control-Max-Age', '86400');
    c.header('Vary', 'Origin');
    return c.body(null, 204);
  });

  app.post('/v1/events', async (c) => {
    const answer = await intake({
      header: (name) => c.req.header(name),
      origin: c.req.header('origin'),
      peer: peerAddress(c),
      inProcess: isInProcess(c),
      readText: (maxBytes) => readCappedText(c, maxBytes),
      ownOrigin: () => ownOrigin(c, config.trustProxy),
      setHeader: (name, value) => c.header(name, value),
    });
    return c.body(answer, 202, { 'Content-Type': 'application/json' });
  });

  return app;
}

// createApp: the whole HTTP surface, built from its dependencies. No I/O happens here.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireAdmin } from './auth/require-admin.js';
import { inProcessEventPoster } from './collect/in-process.js';
import { directEventRoute, type DirectRoute } from './collect/direct-route.js';
import { createEventIntake } from './collect/intake.js';
import { collectRoutes } from './collect/route.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { sessionRoutes } from './dashboard/session-routes.js';
import { demoAdminRoutes } from './demo/admin-routes.js';
import { demoRoutes } from './demo/routes.js';
import { ingestionAdminRoutes } from './collect/admin-routes.js';
import { mediaRoutes } from './creatives/media-route.js';
import { creativeRoutes } from './creatives/routes.js';
import type { AppDeps } from './deps.js';
import { errorBody, HttpError, renderError } from './errors.js';
import { refuseUnstorableUrl } from './http/url-text.js';
import { experimentRoutes } from './experiments/experiment-routes.js';
import { siteRoutes } from './experiments/site-routes.js';
import { createProxyWarning, warnOfUntrustedProxy } from './http/proxy-warning.js';
import { importRoutes } from './imports/route.js';
import { openApiRoutes } from './openapi/route.js';
import { planningRoutes } from './planning/route.js';
import { integrationRoutes } from './integrations/routes.js';
import { previewRoutes } from './preview/preview-route.js';
import { publicRoutes } from './public/routes.js';
import { resultsRoutes } from './results/route.js';
import { snippetRoutes } from './snippet/route.js';
import { shopifyWebhookRoutes } from './webhooks/shopify-route.js';

/** An experiment with eight variants and long texts stays well under this. */
export const ADMIN_BODY_LIMIT = 256 * 1024;

export function createApp(deps: AppDeps): Hono {
  return createServing(deps).app;
}

/**
 * The app, and the direct route that serves POST /v1/events from node:http ahead of it (for
 * listen()). They share the event intake (its rate limit buckets) and the proxy warning.
 */
export function createServing(deps: AppDeps): { app: Hono; direct: DirectRoute } {
  const intake = createEventIntake(deps);
  const proxyWarning = createProxyWarning(deps.config.trustProxy);
  const app = new Hono();
  app.onError(renderError);
  app.notFound((c) => c.json(errorBody(new HttpError('not_found', `No route for ${c.req.method} ${c.req.path}.`)), 404));
  app.use(warnOfUntrustedProxy(proxyWarning));
  app.use(refuseUnstorableUrl);

  app.route('/', publicRoutes(deps));
  app.route('/', mediaRoutes(deps));
  app.route('/', collectRoutes(deps, intake));
  app.route('/', shopifyWebhookRoutes(deps));
  app.route('/', snippetRoutes(deps));
  app.route('/', demoRoutes(deps));

  // Login and logout answer without a session, so they come before the admin guard.
  app.route('/api', sessionRoutes(deps));
  // The API document is public (openapi/route.ts says why): before the admin guard too.
  app.route('/api', openApiRoutes());
  const admin = new Hono();
  admin.use(requireAdmin(deps));
  // Before the body limit: Hono runs handlers in the order they are added, and the import and
  // the upload answer without calling next(), so the limit below never sees their (streamed,
  // capped) bodies.
  admin.route('/', importRoutes(deps));
  admin.route('/', creativeRoutes(deps));
  admin.use(
    bodyLimit({
      maxSize: ADMIN_BODY_LIMIT,
      onError: () => {
        throw new HttpError('payload_too_large', `The body is over ${ADMIN_BODY_LIMIT / 1024} KB.`);
      },
    }),
  );
  admin.route('/', siteRoutes(deps));
  admin.route('/', integrationRoutes(deps));
  admin.route('/', experimentRoutes(deps));
  admin.route('/', previewRoutes(deps));
  admin.route('/', ingestionAdminRoutes(deps));
  admin.route('/', resultsRoutes(deps));
  admin.route('/', planningRoutes());
  // The demo's visitors go through this very app: its writer, its last-seen record.
  admin.route('/', demoAdminRoutes(deps, inProcessEventPoster(app)));
  app.route('/api', admin);
  // Last: the dashboard's pages answer paths the API does not claim.
  app.route('/', dashboardRoutes(deps));

  return { app, direct: directEventRoute(intake, deps.config.trustProxy, proxyWarning) };
}

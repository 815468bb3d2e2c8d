// Every API route, described once: its method and path (Hono's, `:id`), who may call it, and the
// zod schemas of its query, body and answers. The schemas are the ones routes validate with and
// (where cheap) type their answers by; document.ts turns this table into OpenAPI 3.1.
import { z } from 'zod';
import { dropsAnswerSchema, eventBatchSchema, eventsAnswerSchema, visitorDeletedSchema } from '../collect/response-schema.js';
import { creativeListSchema, creativeSchema } from '../creatives/response-schema.js';
import { installationSchema, loggedInSchema, sessionSchema } from '../dashboard/response-schema.js';
import { loginInput } from '../dashboard/session-routes.js';
import { demoRequest } from '../demo/admin-routes.js';
import { experimentInput, experimentPatch } from '../experiments/experiment-input.js';
import { statusChange, statusQuery } from '../experiments/experiment-routes.js';
import { experimentAnswerSchema, experimentListSchema, siteListSchema, siteSchema } from '../experiments/response-schema.js';
import { siteInput, sitePatch } from '../experiments/site-input.js';
import { importOptionsInput } from '../imports/options.js';
import { planAnswerSchema } from '../planning/response-schema.js';
import { planRequest } from '../planning/route.js';
import { previewQuery } from '../preview/preview-input.js';
import { assignAnswerSchema, healthSchema, snippetConfigSchema } from '../public/response-schema.js';
import { assignQuery, configQuery } from '../public/routes.js';
import { resultsDocumentSchema } from '../results/document-schema.js';
import { resultsQuery } from '../results/route.js';
import { dropsQuery } from '../collect/admin-routes.js';
import { demoAnswerSchema, importAnswerSchema, shopifyWebhookAnswerSchema } from './other-schemas.js';

/** An answer's body: a zod schema for JSON, or a media type with a plain description for the rest. */
export type Answer = z.ZodType | { mediaType: string; description: string } | null;

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete' | 'options';
  /** As Hono writes it, `/api/sites/:id`. */
  path: string;
  summary: string;
  tag: 'public' | 'ingestion' | 'admin' | 'session' | 'docs' | 'demo';
  admin: boolean;
  query?: z.ZodType;
  body?: { mediaType: string; schema: z.ZodType | null; description?: string };
  answers: Partial<Record<number, Answer>>;
}

const json = (schema: z.ZodType) => ({ mediaType: 'application/json', schema });
const html = (description: string): Answer => ({ mediaType: 'text/html', description });
const experimentsQuery = z.object({ status: z.string().meta({ description: `Comma-separated statuses: ${statusQuery.element.options.join(', ')}.` }).optional() });

export const OPERATIONS: readonly Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Whether the server and its database answer', tag: 'public', admin: false, answers: { 200: healthSchema } },
  { method: 'get', path: '/v1/config', summary: "The snippet's configuration: a site's running experiments (ETag, 304)", tag: 'public', admin: false, query: configQuery, answers: { 200: snippetConfigSchema, 304: null } },
  { method: 'get', path: '/v1/assign', summary: 'The variant a visitor is assigned, for server-side rendering', tag: 'public', admin: false, query: assignQuery, answers: { 200: assignAnswerSchema } },
  { method: 'options', path: '/v1/events', summary: 'CORS preflight of a JSON post from a browser', tag: 'ingestion', admin: false, answers: { 204: null } },
  { method: 'post', path: '/v1/events', summary: 'A batch of events (text/plain from the snippet, application/json from a server or pixel)', tag: 'ingestion', admin: false, body: json(eventBatchSchema), answers: { 202: eventsAnswerSchema } },
  { method: 'post', path: '/v1/webhooks/shopify', summary: "A Shopify order or refund webhook, signed with the site's secret", tag: 'ingestion', admin: false, query: z.object({ site: z.string() }), body: { mediaType: 'application/json', schema: null, description: "Shopify's order or refund payload, as Shopify sends it." }, answers: { 200: shopifyWebhookAnswerSchema } },
  { method: 'get', path: '/c.js', summary: 'The snippet', tag: 'public', admin: false, answers: { 200: { mediaType: 'text/javascript', description: 'The snippet.' } } },
  { method: 'get', path: '/c-extras.js', summary: "The snippet's extras (surveys, video marks), loaded by the snippet when needed", tag: 'public', admin: false, answers: { 200: { mediaType: 'text/javascript', description: 'The extras.' } } },
  { method: 'get', path: '/media/:file', summary: 'An uploaded creative or its poster, by content hash (Range supported)', tag: 'public', admin: false, answers: { 200: { mediaType: 'application/octet-stream', description: 'The file, with its own media type.' }, 206: { mediaType: 'application/octet-stream', description: 'A range of the file.' } } },
  { method: 'get', path: '/demo', summary: 'The demo shop', tag: 'demo', admin: false, answers: { 200: html('The demo product page.') } },
  { method: 'get', path: '/demo/media/:file', summary: "The demo's built-in creatives", tag: 'demo', admin: false, answers: { 200: { mediaType: 'image/svg+xml', description: 'A demo creative.' } } },
  { method: 'post', path: '/demo/cart/add', summary: "The demo shop's add-to-cart form", tag: 'demo', admin: false, answers: { 303: null } },
  { method: 'get', path: '/demo/cart', summary: "The demo shop's cart", tag: 'demo', admin: false, answers: { 200: html('The cart page.') } },
  { method: 'get', path: '/demo/checkout', summary: "The demo shop's checkout", tag: 'demo', admin: false, answers: { 200: html('The checkout page.') } },
  { method: 'post', path: '/demo/checkout', summary: "The demo shop's order form", tag: 'demo', admin: false, answers: { 303: null } },
  { method: 'get', path: '/demo/thank-you', summary: "The demo shop's thank-you page", tag: 'demo', admin: false, answers: { 200: html('The thank-you page.') } },
  { method: 'get', path: '/api/openapi.json', summary: 'This document', tag: 'docs', admin: false, answers: { 200: { mediaType: 'application/json', description: 'OpenAPI 3.1.' } } },
  { method: 'get', path: '/api/docs', summary: 'This document as a page', tag: 'docs', admin: false, answers: { 200: html('The API reference.') } },
  { method: 'get', path: '/api/session', summary: 'Whether the dashboard has a live session', tag: 'session', admin: false, answers: { 200: sessionSchema } },
  { method: 'post', path: '/api/session', summary: 'Trade the admin token for a session cookie (same origin only)', tag: 'session', admin: false, body: json(loginInput), answers: { 200: loggedInSchema } },
  { method: 'delete', path: '/api/session', summary: 'End the session (same origin only)', tag: 'session', admin: false, answers: { 204: null } },
  { method: 'get', path: '/api/sites/:id/installation', summary: "What the install page shows: tag, slots, and the last events seen", tag: 'admin', admin: true, answers: { 200: installationSchema } },
  { method: 'post', path: '/api/experiments/import', summary: 'Import a past test from a CSV body (text/csv)', tag: 'admin', admin: true, query: importOptionsInput, body: { mediaType: 'text/csv', schema: null, description: 'One row per visitor or per arm, as the options map it.' }, answers: { 201: importAnswerSchema } },
  { method: 'post', path: '/api/creatives', summary: 'Upload a creative (multipart/form-data, field "file")', tag: 'admin', admin: true, body: { mediaType: 'multipart/form-data', schema: z.object({ file: z.string().meta({ format: 'binary' }) }) }, answers: { 200: creativeSchema, 201: creativeSchema } },
  { method: 'get', path: '/api/creatives', summary: 'Uploaded creatives, newest first', tag: 'admin', admin: true, answers: { 200: creativeListSchema } },
  { method: 'get', path: '/api/creatives/:id', summary: 'One uploaded creative', tag: 'admin', admin: true, answers: { 200: creativeSchema } },
  { method: 'get', path: '/api/sites', summary: 'All sites', tag: 'admin', admin: true, answers: { 200: siteListSchema } },
  { method: 'post', path: '/api/sites', summary: 'Create a site', tag: 'admin', admin: true, body: json(siteInput), answers: { 201: siteSchema } },
  { method: 'get', path: '/api/sites/:id', summary: 'One site', tag: 'admin', admin: true, answers: { 200: siteSchema } },
  { method: 'patch', path: '/api/sites/:id', summary: 'Edit a site', tag: 'admin', admin: true, body: json(sitePatch), answers: { 200: siteSchema } },
  { method: 'get', path: '/api/sites/:id/integrations/shopify-pixel', summary: "The site's Shopify custom pixel, as JavaScript", tag: 'admin', admin: true, answers: { 200: { mediaType: 'text/javascript', description: 'The pixel code to paste.' } } },
  { method: 'get', path: '/api/sites/:siteId/experiments', summary: "A site's experiments", tag: 'admin', admin: true, query: experimentsQuery, answers: { 200: experimentListSchema } },
  { method: 'post', path: '/api/sites/:siteId/experiments', summary: 'Create an experiment (a draft)', tag: 'admin', admin: true, body: json(experimentInput), answers: { 201: experimentAnswerSchema } },
  { method: 'get', path: '/api/experiments/:id', summary: 'One experiment', tag: 'admin', admin: true, answers: { 200: experimentAnswerSchema } },
  { method: 'patch', path: '/api/experiments/:id', summary: 'Edit an experiment (what decides assignment freezes once it has run)', tag: 'admin', admin: true, body: json(experimentPatch), answers: { 200: experimentAnswerSchema } },
  { method: 'delete', path: '/api/experiments/:id', summary: 'Delete a draft', tag: 'admin', admin: true, answers: { 204: null } },
  { method: 'post', path: '/api/experiments/:id/status', summary: 'Move an experiment through its life cycle', tag: 'admin', admin: true, body: json(statusChange), answers: { 200: experimentAnswerSchema } },
  { method: 'get', path: '/api/preview', summary: "One variant's creative as visitors see it (HTML, for the editor's frame)", tag: 'admin', admin: true, query: previewQuery, answers: { 200: html('The creative in a document of its own.') } },
  { method: 'get', path: '/api/sites/:id/drops', summary: 'Events dropped and why, by day', tag: 'admin', admin: true, query: dropsQuery, answers: { 200: dropsAnswerSchema } },
  { method: 'delete', path: '/api/visitors/:id', summary: "Erase a visitor's events and facts (a privacy request)", tag: 'admin', admin: true, answers: { 200: visitorDeletedSchema } },
  { method: 'get', path: '/api/experiments/:id/results', summary: 'The results document', tag: 'admin', admin: true, query: resultsQuery, answers: { 200: resultsDocumentSchema } },
  { method: 'post', path: '/api/plan', summary: 'Visitors and days a test needs to detect the planned effect on each metric', tag: 'admin', admin: true, body: json(planRequest), answers: { 200: planAnswerSchema } },
  { method: 'post', path: '/api/demo', summary: 'Load the demo site and its simulated visitors, once', tag: 'admin', admin: true, body: json(demoRequest), answers: { 200: demoAnswerSchema } },
];

// POST /v1/events: a batch from the snippet (text/plain, so sendBeacon needs no preflight), a
// shop's server or a Shopify custom pixel (application/json). Whole-batch problems are a 4xx and store nothing; each
// event's own problem rejects that event only. Answered 202 once the events are committed.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { HttpError, type ErrorCode } from '../errors.js';
import { requestClientAddress } from '../http/forwarded.js';
import { readCappedText } from '../http/read-body.js';
import { allowEventSender } from '../http/site-origin.js';
import { createBotCheck } from './bot-check.js';
import { isInProcess } from './in-process.js';
import { parseBatch, type BatchProblem, type BatchProblemReason } from './parse.js';
import { createRateLimiter } from './rate-limit.js';
import { runPipeline } from './steps.js';
import { submitOrRetryLater } from './submit.js';
import { INGEST_LIMITS, REJECT_CODES, type DropReason, type Rejection } from './vocabulary.js';

const ACCEPTED_TYPES = /^(text\/plain|application\/json)\b/i;

export function collectRoutes(deps: AppDeps): Hono {
  const { catalog, writer, config, now, lastSeen } = deps;
  const app = new Hono();
  const limiter = createRateLimiter({ perSecond: config.rateLimit, now });
  const isbot = createBotCheck();

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
    // The demo's in-process visitors have no address of their own and would share one bucket;
    // the limit guards against the network, not against this process.
    if (!isInProcess(c) && !limiter.take(requestClientAddress(c, config.trustProxy))) {
      c.header('Retry-After', String(limiter.retryAfterSeconds));
      throw new HttpError('rate_limited', 'Too many requests from this address; slow down.');
    }
    const type = c.req.header('content-type');
    if (type !== undefined && !ACCEPTED_TYPES.test(type)) {
      throw new HttpError('unsupported_media_type', 'Send the batch as text/plain or application/json.');
    }
    const parsed = parseBatch(await readCappedText(c, INGEST_LIMITS.bodyBytes));
    if (!parsed.ok) throw batchRefusal(parsed.problem);
    const { batch } = parsed;
    const entry = await catalog.get(batch.site);
    if (!entry) throw new HttpError('unknown_site', `No site has the key ${batch.site}.`, 'site');
    allowEventSender(c, entry.site.allowedOrigins, config.trustProxy);

    const drops = new Map<DropReason, number>();
    if (fromBrowser(type, c.req.header('origin')) && isbot(c.req.header('user-agent') ?? '')) {
      drops.set('bot', batch.events.length);
      await submitOrRetryLater(writer, { siteId: entry.site.id, events: [], drops });
      return c.json(answer(0, 0, [], drops), 202);
    }
    const outcome = runPipeline(batch.events, { entry, visitor: batch.visitor, now: now() });
    for (const { code } of outcome.rejected) drops.set(code, (drops.get(code) ?? 0) + 1);
    if (outcome.repeated > 0) drops.set('duplicate', outcome.repeated);
    const result = await submitOrRetryLater(writer, { siteId: entry.site.id, events: outcome.accepted, drops });
    lastSeen.record(entry.site.id, c.req.header('origin') ?? null, now());
    if (result.inserted > 0) lastSeen.recordConversions(entry.site.id, new Set(outcome.accepted.map((event) => event.type)), now());
    return c.json(answer(result.inserted, result.duplicates + outcome.repeated, outcome.rejected, drops), 202);
  });

  return app;
}

/** The answer to a batch that cannot be used at all: too many events is too large; the rest are malformed. */
const BATCH_PROBLEM_CODES = {
  not_json: 'invalid_json',
  not_an_object: 'invalid_field',
  bad_site: 'invalid_field',
  bad_visitor: 'invalid_field',
  no_events: 'invalid_field',
  too_many_events: 'payload_too_large',
} as const satisfies Record<BatchProblemReason, ErrorCode>;

export function batchRefusal({ reason, message, field }: BatchProblem): HttpError {
  return new HttpError(BATCH_PROBLEM_CODES[reason], message, field);
}

/**
 * What became of every event sent: accepted, a duplicate, rejected (each with its index, code
 * and field), or dropped without a rejection of its own (a bot's beacon), counted by reason.
 * The four always add up to the events sent, so no event disappears without a word.
 */
function answer(accepted: number, duplicates: number, rejected: readonly Rejection[], drops: ReadonlyMap<DropReason, number>) {
  const dropped: Partial<Record<DropReason, number>> = {};
  for (const [reason, count] of drops) {
    if (reason === 'duplicate' || (REJECT_CODES as readonly string[]).includes(reason)) continue;
    dropped[reason] = count;
  }
  return { accepted, duplicates, rejected, dropped };
}

/**
 * The snippet posts text/plain; a shop's own server posts application/json, with a user agent
 * such as "node" or "curl" that bot lists rightly flag. Crawlers run the snippet, not our API.
 * A JSON post that names an Origin (a Shopify pixel's "null") was made by a browser all the same.
 */
function fromBrowser(contentType: string | undefined, origin: string | undefined): boolean {
  return origin !== undefined || !/^application\/json\b/i.test(contentType ?? '');
}

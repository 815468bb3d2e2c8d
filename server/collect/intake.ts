// What POST /v1/events does, apart from HTTP plumbing: rate limit, media type, body, batch,
// site, origin, bots, the pipeline, the writer, the answer. Whole-batch problems are thrown as
// HttpError and store nothing; each event's own problem rejects that event only. Two adapters
// call it: the Hono route (route.ts) and node:http's direct route (direct-route.ts), so both
// answer alike by construction.
import type { AppDeps } from '../deps.js';
import { HttpError, type ErrorCode } from '../errors.js';
import { clientAddress } from '../http/client-address.js';
import { allowEventSender, type OriginCheck } from '../http/site-origin.js';
import { createBotCheck } from './bot-check.js';
import { parseBatch, type BatchProblem, type BatchProblemReason } from './parse.js';
import { createRateLimiter } from './rate-limit.js';
import { runPipeline } from './steps.js';
import { submitOrRetryLater } from './submit.js';
import { INGEST_LIMITS, REJECT_CODES, type DropReason, type Rejection } from './vocabulary.js';

/** One event post, as the route adapters see it (its Origin, own origin and answer headers as the origin check reads them). */
export interface EventPost extends OriginCheck {
  /** A request header by its lower-case name; repeated headers joined with ", " as fetch's Headers does. */
  header(name: string): string | undefined;
  /** The socket's peer; undefined when there is no socket (app.request). */
  readonly peer: string | undefined;
  /** Made by this process (the demo's visitors): no rate limit. */
  readonly inProcess: boolean;
  /** The body as text within the cap, or the HttpError that says why not (read-body.ts). */
  readText(maxBytes: number): Promise<string>;
}

/** Accepts one post; resolves to the 202 answer's JSON text, or throws an HttpError. */
export type EventIntake = (post: EventPost) => Promise<string>;

const ACCEPTED_TYPES = /^(text\/plain|application\/json)\b/i;
const JSON_TYPE = /^application\/json\b/i;
const REFUSED_DROPS: ReadonlySet<string> = new Set<string>([...REJECT_CODES, 'duplicate']);

export function createEventIntake(deps: AppDeps): EventIntake {
  const { catalog, writer, config, now, lastSeen } = deps;
  const limiter = createRateLimiter({ perSecond: config.rateLimit, now });
  const isbot = createBotCheck();
  const limited = config.rateLimit > 0;

  return async (post) => {
    // The demo's in-process visitors have no address of their own and would share one bucket;
    // the limit guards against the network, not against this process.
    // With no limit (CANDOR_RATE_LIMIT=0) every take succeeds: the address is not worked out.
    if (!post.inProcess && limited && !limiter.take(clientAddress(config.trustProxy, post.peer, post.header('x-forwarded-for')))) {
      post.setHeader('Retry-After', String(limiter.retryAfterSeconds));
      throw new HttpError('rate_limited', 'Too many requests from this address; slow down.');
    }
    const type = post.header('content-type');
    if (type !== undefined && !ACCEPTED_TYPES.test(type)) {
      throw new HttpError('unsupported_media_type', 'Send the batch as text/plain or application/json.');
    }
    const parsed = parseBatch(await post.readText(INGEST_LIMITS.bodyBytes));
    if (!parsed.ok) throw batchRefusal(parsed.problem);
    const { batch } = parsed;
    const entry = await catalog.get(batch.site);
    if (!entry) throw new HttpError('unknown_site', `No site has the key ${batch.site}.`, 'site');
    const { origin } = post;
    allowEventSender(post, entry.site.allowedOrigins);

    const drops = new Map<DropReason, number>();
    if (fromBrowser(type, origin) && isbot(post.header('user-agent') ?? '')) {
      drops.set('bot', batch.events.length);
      await submitOrRetryLater(writer, { siteId: entry.site.id, events: [], drops });
      return answerJson(0, 0, [], drops);
    }
    const outcome = runPipeline(batch.events, { entry, visitor: batch.visitor, now: now() });
    for (const { code } of outcome.rejected) drops.set(code, (drops.get(code) ?? 0) + 1);
    if (outcome.repeated > 0) drops.set('duplicate', outcome.repeated);
    const result = await submitOrRetryLater(writer, { siteId: entry.site.id, events: outcome.accepted, drops });
    lastSeen.record(entry.site.id, origin ?? null, now());
    if (result.inserted > 0) lastSeen.recordConversions(entry.site.id, new Set(outcome.accepted.map((event) => event.type)), now());
    return answerJson(result.inserted, result.duplicates + outcome.repeated, outcome.rejected, drops);
  };
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
 * The four always add up to the events sent, so no event disappears without a word. Written
 * out by hand (the keys in JSON.stringify's order): on the hot path it is nearly always
 * `{"accepted":10,"duplicates":0,"rejected":[],"dropped":{}}`.
 */
export function answerJson(accepted: number, duplicates: number, rejected: readonly Rejection[], drops: ReadonlyMap<DropReason, number>): string {
  let dropped = '';
  for (const [reason, count] of drops) {
    if (REFUSED_DROPS.has(reason)) continue;
    dropped += `${dropped === '' ? '' : ','}${JSON.stringify(reason)}:${count}`;
  }
  const rejectedJson = rejected.length === 0 ? '[]' : JSON.stringify(rejected);
  return `{"accepted":${accepted},"duplicates":${duplicates},"rejected":${rejectedJson},"dropped":{${dropped}}}`;
}

/**
 * The snippet posts text/plain; a shop's own server posts application/json, with a user agent
 * such as "node" or "curl" that bot lists rightly flag. Crawlers run the snippet, not our API.
 * A JSON post that names an Origin (a Shopify pixel's "null") was made by a browser all the same.
 */
function fromBrowser(contentType: string | undefined, origin: string | undefined): boolean {
  return origin !== undefined || !JSON_TYPE.test(contentType ?? '');
}

// Parsing a batch from untrusted bytes (pure). The batch as a whole is either usable or one named
// problem, which the route turns into a 4xx; each event in it is then either an IncomingEvent or
// the code of its one problem. Errors are values here: only the route decides a status.
import { isStorableText } from '../http/text-rule.js';
import {
  EVENT_TYPES,
  INGEST_LIMITS as L,
  SITE_WIDE_TYPES,
  SURVEY_QUESTIONS,
  VIDEO_MILESTONES,
  type EventField,
  type EventType,
  type RejectCode,
} from './vocabulary.js';
import type { WireEvent } from './wire-event.js';

export interface Batch {
  site: string;
  visitor: string;
  events: unknown[];
}

export interface IncomingEvent {
  id: string;
  type: EventType;
  experiment: string | null;
  variant: string | null;
  ts: number;
  value: number | null;
  name: string | null;
  order: string | null;
  /** ISO 4217 code the value is in; null means the site's own currency. */
  currency: string | null;
  /** Validated and re-serialised JSON object, or null. */
  props: string | null;
}

const ID = /^[A-Za-z0-9_-]+$/;
const VISITOR = /^[A-Za-z0-9_.:-]+$/;
const KEY = /^[a-z0-9][a-z0-9_-]*$/;
const SITE_KEY = /^pk_[A-Za-z0-9]{1,64}$/;
const CURRENCY = /^[A-Z]{3}$/;
/** Shopify's pixel names an order `gid://shopify/OrderIdentity/<id>` (or `…/Order/<id>`); its webhooks say `<id>`. */
const SHOPIFY_ORDER_GID = /^gid:\/\/shopify\/Order(?:Identity)?\/(\d+)$/;

/** One order, one id: a Shopify order's global id becomes its number, so the pixel's and the webhook's purchase collide. */
export function normaliseOrderId(order: string): string {
  return SHOPIFY_ORDER_GID.exec(order)?.[1] ?? order;
}
// Ids, keys, names and the visitor are held to ASCII patterns above; the free text (an order id,
// props) keeps the shared rule: no NUL, no lone surrogate (text-rule.ts).

/** Why a whole batch is unusable: a closed set, each with the words the sender reads. */
export const BATCH_PROBLEMS = ['not_json', 'not_an_object', 'bad_site', 'bad_visitor', 'no_events', 'too_many_events'] as const;
export type BatchProblemReason = (typeof BATCH_PROBLEMS)[number];

export interface BatchProblem {
  reason: BatchProblemReason;
  message: string;
  /** The batch field at fault, when one is. */
  field?: 'site' | 'visitor' | 'events';
}

export type BatchCheck = { ok: true; batch: Batch } | { ok: false; problem: BatchProblem };

const refuse = (reason: BatchProblemReason, message: string, field?: BatchProblem['field']): BatchCheck => ({
  ok: false,
  problem: field ? { reason, message, field } : { reason, message },
});

export function parseBatch(text: string): BatchCheck {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse('not_json', 'The body is not valid JSON.');
  }
  if (!isObject(body)) return refuse('not_an_object', 'The body must be a JSON object {site, visitor, events}.');
  const { site, visitor, events } = body;
  if (typeof site !== 'string' || !SITE_KEY.test(site)) return refuse('bad_site', 'site: must be a site key such as pk_…', 'site');
  if (typeof visitor !== 'string' || visitor.length > L.visitorLength || !VISITOR.test(visitor)) {
    return refuse('bad_visitor', `visitor: must be 1–${L.visitorLength} characters of A–Z a–z 0–9 _ . : -`, 'visitor');
  }
  if (!Array.isArray(events) || events.length === 0) return refuse('no_events', 'events: must be a non-empty array', 'events');
  if (events.length > L.eventsPerBatch) return refuse('too_many_events', `events: at most ${L.eventsPerBatch} events a batch`, 'events');
  return { ok: true, batch: { site, visitor, events } };
}

/** The wire event's fields as read from untrusted JSON: any of them may be anything. */
type WireFields = { [K in keyof WireEvent]?: unknown };

export type EventCheck = { ok: true; event: IncomingEvent } | { ok: false; code: RejectCode; field?: EventField };

const reject = (code: RejectCode, field?: EventField): EventCheck => (field ? { ok: false, code, field } : { ok: false, code });

/** Checks one event's shape and values; `now` bounds its timestamp. A refusal names the field at fault. */
export function parseEvent(raw: unknown, now: number): EventCheck {
  if (!isObject(raw)) return reject('invalid_event');
  // The wire event's fields, each still unknown: renaming one in wire-event.ts breaks this line.
  const fields: WireFields = raw;
  const { id, type, experiment = null, variant = null, ts, value = null, name = null, order = null, currency = null, props = null } = fields;
  if (!isString(id, L.idLength) || !ID.test(id)) return reject('invalid_event', 'id');
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) return reject('invalid_event', 'type');
  const eventType = type as EventType;
  if (experiment !== null && (!isString(experiment, L.keyLength) || !KEY.test(experiment))) return reject('invalid_event', 'experiment');
  if (variant !== null && (!isString(variant, L.keyLength) || !KEY.test(variant))) return reject('invalid_event', 'variant');
  if ((experiment === null) !== (variant === null)) return reject('invalid_event', experiment === null ? 'experiment' : 'variant');
  if (experiment === null && !SITE_WIDE_TYPES.includes(eventType)) return reject('missing_experiment', 'experiment');
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts)) return reject('invalid_timestamp', 'ts');
  if (ts < now - L.maxAgeMs || ts > now + L.maxFutureMs) return reject('invalid_timestamp', 'ts');
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > L.maxValue)) return reject('invalid_event', 'value');
  if (name !== null && (!isString(name, L.nameLength) || !ID.test(name))) return reject('invalid_event', 'name');
  if (order !== null && (!isString(order, L.orderLength) || !isStorableText(order))) return reject('invalid_event', 'order');
  if (currency !== null && (typeof currency !== 'string' || !CURRENCY.test(currency))) return reject('invalid_event', 'currency');
  const misfit = fieldThatMisfitsType(eventType, value, name, order);
  if (misfit) return reject('invalid_event', misfit);
  const serialisedProps = props === null ? null : serialiseProps(props);
  if (serialisedProps === undefined) return reject('invalid_event', 'props');
  return {
    ok: true,
    event: {
      id,
      type: eventType,
      experiment: experiment as string | null,
      variant: variant as string | null,
      ts,
      value: value as number | null,
      name: name as string | null,
      order: order === null ? null : normaliseOrderId(order as string),
      currency: currency as string | null,
      props: serialisedProps,
    },
  };
}

/** The field the type needs and did not get in a form it takes, or null when all fit. */
function fieldThatMisfitsType(type: EventType, value: number | null, name: string | null, order: string | null): EventField | null {
  switch (type) {
    case 'video_progress':
      return (VIDEO_MILESTONES as readonly (number | null)[]).includes(value) ? null : 'value';
    case 'add_to_cart':
      return value === null || value >= 0 ? null : 'value';
    case 'purchase':
      // A purchase counts once per order: without an order id a reloaded thank-you page counts twice.
      if (value !== null && value < 0) return 'value';
      return order === null ? 'order' : null;
    case 'survey': {
      const range = name !== null && Object.hasOwn(SURVEY_QUESTIONS, name) ? SURVEY_QUESTIONS[name as keyof typeof SURVEY_QUESTIONS] : null;
      if (range === null) return 'name';
      return value !== null && Number.isInteger(value) && value >= range[0] && value <= range[1] ? null : 'value';
    }
    case 'custom':
      return name === null ? 'name' : null;
    default:
      return null;
  }
}

/** A flat object of short strings, finite numbers and booleans, re-serialised; undefined if not. */
function serialiseProps(props: unknown): string | null | undefined {
  if (!isObject(props)) return undefined;
  const entries = Object.entries(props);
  if (entries.length > L.propsKeys) return undefined;
  for (const [key, value] of entries) {
    if (key.length > L.nameLength || !isStorableText(key)) return undefined;
    const fits =
      (typeof value === 'string' && value.length <= L.propsStringLength && isStorableText(value)) ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      typeof value === 'boolean' ||
      value === null;
    if (!fits) return undefined;
  }
  if (entries.length === 0) return null;
  const text = JSON.stringify(props);
  return text.length <= L.propsBytes ? text : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

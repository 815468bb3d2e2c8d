// One event as senders put it on the wire to POST /v1/events: the snippet builds it, the demo's
// traffic plan fills it in, and parse.ts reads its fields from untrusted JSON. Type-only, so the
// snippet imports it at no cost in bytes. DESIGN.md's vocabulary says what each type means.
import type { EventType } from './vocabulary.js';

export interface WireEvent {
  type: EventType;
  /** Unique per event, so a resent batch stores nothing twice; the snippet fills it in. */
  id?: string;
  /** Milliseconds since the epoch, when it happened; the snippet fills it in. */
  ts?: number;
  /** Both or neither; neither only for the site-wide types (conversions, custom). */
  experiment?: string | null;
  variant?: string | null;
  value?: number | null;
  /** A survey's question, or a custom event's name. */
  name?: string | null;
  /** A purchase's order id. */
  order?: string | null;
  /** ISO 4217 code the value is in; absent means the site's own currency. */
  currency?: string | null;
  /** A flat object of short strings, finite numbers and booleans. */
  props?: Record<string, string | number | boolean | null> | null;
}

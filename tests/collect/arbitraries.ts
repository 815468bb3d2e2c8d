// fast-check generators for ingestion, built from the rules in server/collect/parse.ts: events
// that must be accepted, and the raw material (site keys, visitors, ids) of hostile batches.
import fc from 'fast-check';
import { EVENT_TYPES, INGEST_LIMITS as L, SITE_WIDE_TYPES, VIDEO_MILESTONES, type EventType } from '../../server/collect/vocabulary.js';

export const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
export const keyArb = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,63}$/);
export const siteKeyArb = fc.stringMatching(/^pk_[A-Za-z0-9]{1,64}$/);
export const visitorArb = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,128}$/);

/** Neither of the two no database can store as sent: NUL and a lone surrogate. */
const storable = (text: string) => !/\u0000|\p{Cs}/u.test(text);

/** Any string of 1–128 UTF-16 code units, control characters and astral ones included, but storable. */
export const orderArb = fc
  .string({ unit: 'binary', minLength: 1, maxLength: L.orderLength })
  .filter((order) => order.length <= L.orderLength && storable(order));

const propValueArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: L.propsStringLength }).filter((text) => text.length <= L.propsStringLength && storable(text)),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

/** A flat object that fits every props cap (keys, key length, string length, total size). */
export const propsArb: fc.Arbitrary<Record<string, unknown>> = fc
  .dictionary(fc.string({ unit: 'binary', maxLength: L.nameLength }).filter((key) => key.length <= L.nameLength && storable(key)), propValueArb, {
    maxKeys: L.propsKeys,
    noNullPrototype: true,
  })
  .filter((props) => JSON.stringify(props).length <= L.propsBytes);

export interface Claim {
  experiment: string;
  variant: string;
}

export interface ValidEventOptions {
  now: number;
  /** The experiment and variant an event may name; by default any well-formed keys. */
  claim?: fc.Arbitrary<Claim>;
  types?: readonly EventType[];
}

const finiteValue = fc.double({ min: -L.maxValue, max: L.maxValue, noNaN: true });
const nonNegativeValue = fc.double({ min: 0, max: L.maxValue, noNaN: true });

function valueAndName(type: EventType): fc.Arbitrary<{ value?: number | null; name?: string | null }> {
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const maybeNull = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null), fc.constant(undefined));
  switch (type) {
    case 'video_progress':
      return fc.record({ value: fc.constantFrom(...VIDEO_MILESTONES), name: optional(idArb) });
    case 'add_to_cart':
    case 'purchase':
      return fc.record({ value: maybeNull(nonNegativeValue), name: optional(idArb) });
    case 'survey':
      return fc.oneof(
        fc.record({ name: fc.constant('trust'), value: fc.integer({ min: 1, max: 5 }) }),
        fc.record({ name: fc.constant('noticed'), value: fc.integer({ min: 0, max: 1 }) }),
      );
    case 'custom':
      return fc.record({ name: idArb, value: maybeNull(finiteValue) });
    default:
      return fc.record({ value: maybeNull(finiteValue), name: optional(idArb) });
  }
}

/**
 * An event every rule of parseEvent allows. Optional fields are sometimes absent, sometimes
 * null; site-wide types name an experiment only sometimes.
 */
export function validEventArb({ now, claim = fc.record({ experiment: keyArb, variant: keyArb }), types = EVENT_TYPES }: ValidEventOptions) {
  return fc.constantFrom(...types).chain((type) =>
    fc
      .record({
        id: idArb,
        ts: fc.integer({ min: now - L.maxAgeMs, max: now + L.maxFutureMs }),
        claim: SITE_WIDE_TYPES.includes(type) ? fc.option(claim, { nil: null }) : claim,
        fields: valueAndName(type),
        // A purchase needs its order id (it counts once per order); other types may carry one.
        order: type === 'purchase' ? orderArb : fc.option(orderArb, { nil: undefined }),
        props: fc.option(propsArb, { nil: undefined }),
      })
      .map(({ id, ts, claim: named, fields, order, props }) => {
        const event: Record<string, unknown> = { id, type, ts, ...fields };
        if (named) Object.assign(event, named);
        if (order !== undefined) event.order = order;
        if (props !== undefined) event.props = props;
        for (const key of Object.keys(event)) if (event[key] === undefined) delete event[key];
        return event;
      }),
  );
}

/** Replaces, inserts or deletes characters of a text at random places. */
export function mutatedText(text: string): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat({ max: Math.max(0, text.length) }),
    kind: fc.constantFrom('replace', 'insert', 'delete'),
    with: fc.oneof(fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\\', '0', '-', 'e', ' ', 'null', '1e400', 'NaN'), fc.string({ unit: 'binary', maxLength: 4 })),
  });
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) =>
    edits.reduce((current, { at, kind, with: piece }) => {
      const i = Math.min(at, current.length);
      if (kind === 'insert') return current.slice(0, i) + piece + current.slice(i);
      if (kind === 'delete') return current.slice(0, i) + current.slice(i + 1);
      return current.slice(0, i) + piece + current.slice(i + 1);
    }, text),
  );
}

// parseBatch and parseEvent, pure: a table of cases for every rule, then properties over any
// input: the parser answers with a value (a batch, an event or a named problem) and never throws;
// the route turns a batch's problem into a 4xx.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_PROBLEMS, normaliseOrderId, parseBatch, parseEvent } from '../../server/collect/parse.js';
import { batchRefusal } from '../../server/collect/intake.js';
import type { WireEvent } from '../../server/collect/wire-event.js';
import { INGEST_LIMITS as L, REJECT_CODES, type EventField, type RejectCode } from '../../server/collect/vocabulary.js';
import { ERROR_STATUS, HttpError, type ErrorCode } from '../../server/errors.js';
import { idArb, mutatedText, siteKeyArb, validEventArb, visitorArb } from './arbitraries.js';

const NOW = Date.UTC(2026, 10, 24, 12);

/** A valid exposure with some fields changed; a field set to undefined is left out. */
function exposure(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const event: Record<string, unknown> = { id: 'evt_1', type: 'exposure', experiment: 'hero', variant: 'studio', ts: NOW, ...changes };
  for (const key of Object.keys(event)) if (event[key] === undefined) delete event[key];
  return event;
}

const siteWide = (type: string, changes: Record<string, unknown> = {}) => exposure({ type, experiment: undefined, variant: undefined, ...changes });
const survey = (name: unknown, value: unknown) => siteWide('survey', { experiment: 'hero', variant: 'studio', name, value });
const flatProps = (count: number, value: (i: number) => unknown = (i) => i) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, value(i)]));

function batchText(changes: Record<string, unknown> = {}): string {
  const batch: Record<string, unknown> = { site: 'pk_abc123', visitor: 'v-1', events: [exposure()], ...changes };
  for (const key of Object.keys(batch)) if (batch[key] === undefined) delete batch[key];
  return JSON.stringify(batch);
}

/** The error the route answers a refused batch with. */
function refusal(text: string): HttpError {
  const result = parseBatch(text);
  if (result.ok) throw new Error('expected a problem, but the batch was accepted');
  return batchRefusal(result.problem);
}

describe('parseBatch', () => {
  const accepted: Array<[string, string]> = [
    ['a batch with one event', batchText()],
    ['a site key of one character after pk_', batchText({ site: 'pk_a' })],
    ['a site key of 64 characters after pk_', batchText({ site: `pk_${'a'.repeat(64)}` })],
    ['a visitor of one character', batchText({ visitor: 'v' })],
    [`a visitor of ${L.visitorLength} characters`, batchText({ visitor: 'v'.repeat(L.visitorLength) })],
    ['a visitor using every allowed punctuation mark', batchText({ visitor: 'a.b:c-d_e' })],
    [`a batch of exactly ${L.eventsPerBatch} events`, batchText({ events: Array.from({ length: L.eventsPerBatch }, () => ({})) })],
    ['a batch with extra top-level fields', batchText({ extra: { nested: [1, 2] } })],
    ['a batch whose events are not objects (each is judged on its own later)', batchText({ events: [null, 1, 'x'] })],
  ];
  for (const [description, text] of accepted) {
    it(`accepts ${description}`, () => {
      const batch = parseBatch(text);
      expect(batch).toEqual({ ok: true, batch: { site: JSON.parse(text).site, visitor: JSON.parse(text).visitor, events: JSON.parse(text).events } });
    });
  }

  const refused: Array<[string, string, ErrorCode, string | undefined]> = [
    ['an empty body', '', 'invalid_json', undefined],
    ['a truncated object', '{"site": "pk_a"', 'invalid_json', undefined],
    ['single-quoted JSON', "{'site': 'pk_a'}", 'invalid_json', undefined],
    ['a bare NaN', 'NaN', 'invalid_json', undefined],
    ['the body null', 'null', 'invalid_field', undefined],
    ['the body []', '[]', 'invalid_field', undefined],
    ['the body "x"', '"x"', 'invalid_field', undefined],
    ['the body 1', '1', 'invalid_field', undefined],
    ['the body true', 'true', 'invalid_field', undefined],
    ['a batch without a site', batchText({ site: undefined }), 'invalid_field', 'site'],
    ['a site that is a number', '{"site": 1}', 'invalid_field', 'site'],
    ['a site key without the pk_ prefix', batchText({ site: 'sk_abc123' }), 'invalid_field', 'site'],
    ['a site key with an upper-case prefix', batchText({ site: 'PK_abc123' }), 'invalid_field', 'site'],
    ['a site key with nothing after pk_', batchText({ site: 'pk_' }), 'invalid_field', 'site'],
    ['a site key of 65 characters after pk_', batchText({ site: `pk_${'a'.repeat(65)}` }), 'invalid_field', 'site'],
    ['a site key with a dash', batchText({ site: 'pk_abc-123' }), 'invalid_field', 'site'],
    ['a site key with a trailing newline', batchText({ site: 'pk_abc\n' }), 'invalid_field', 'site'],
    ['a batch without a visitor', batchText({ visitor: undefined }), 'invalid_field', 'visitor'],
    ['an empty visitor', batchText({ visitor: '' }), 'invalid_field', 'visitor'],
    ['a visitor that is a number', batchText({ visitor: 42 }), 'invalid_field', 'visitor'],
    [`a visitor of ${L.visitorLength + 1} characters`, batchText({ visitor: 'v'.repeat(L.visitorLength + 1) }), 'invalid_field', 'visitor'],
    ['a visitor with a space', batchText({ visitor: 'a b' }), 'invalid_field', 'visitor'],
    ['a visitor with a non-ASCII letter', batchText({ visitor: 'visitör' }), 'invalid_field', 'visitor'],
    ['a visitor with a slash', batchText({ visitor: 'a/b' }), 'invalid_field', 'visitor'],
    ['a batch without events', batchText({ events: undefined }), 'invalid_field', 'events'],
    ['events that are an object', batchText({ events: { 0: exposure() } }), 'invalid_field', 'events'],
    ['events that are a string', batchText({ events: 'x' }), 'invalid_field', 'events'],
    ['an empty events array', batchText({ events: [] }), 'invalid_field', 'events'],
    [`a batch of ${L.eventsPerBatch + 1} events`, batchText({ events: Array.from({ length: L.eventsPerBatch + 1 }, () => ({})) }), 'payload_too_large', 'events'],
  ];
  for (const [description, text, code, field] of refused) {
    it(`refuses ${description} with ${code} (${ERROR_STATUS[code]})`, () => {
      const error = refusal(text);
      expect(error.code).toBe(code);
      expect(error.status).toBe(ERROR_STATUS[code]);
      expect(error.field).toBe(field);
    });
  }
});

describe('parseEvent', () => {
  it('accepts an event declared as the wire event, every field filled, and keeps each', () => {
    const sent: Required<WireEvent> = {
      id: 'evt_wire', type: 'purchase', experiment: 'hero', variant: 'studio', ts: NOW, value: 12.5,
      name: null, order: 'order-1', currency: 'EUR', props: { coupon: 'spring', first: true },
    };
    expect(parseEvent(sent, NOW)).toEqual({ ok: true, event: { ...sent, props: JSON.stringify(sent.props) } });
  });

  const big = L.maxValue;
  const cases: Array<[string, unknown, RejectCode | 'ok', EventField?]> = [
    // shape
    ['a valid exposure', exposure(), 'ok'],
    ['an event that is null', null, 'invalid_event'],
    ['an event that is a number', 1, 'invalid_event'],
    ['an event that is a string', 'exposure', 'invalid_event'],
    ['an event that is an array', [exposure()], 'invalid_event'],
    // id
    ['an event without an id', exposure({ id: undefined }), 'invalid_event', 'id'],
    ['an empty id', exposure({ id: '' }), 'invalid_event', 'id'],
    ['a numeric id', exposure({ id: 1 }), 'invalid_event', 'id'],
    [`an id of ${L.idLength} characters`, exposure({ id: 'i'.repeat(L.idLength) }), 'ok'],
    [`an id of ${L.idLength + 1} characters`, exposure({ id: 'i'.repeat(L.idLength + 1) }), 'invalid_event', 'id'],
    ['an id with a space', exposure({ id: 'a b' }), 'invalid_event', 'id'],
    ['an id with a dot', exposure({ id: 'a.b' }), 'invalid_event', 'id'],
    // type
    ['an event without a type', exposure({ type: undefined }), 'invalid_event', 'type'],
    ['an unknown type', exposure({ type: 'pageview' }), 'invalid_event', 'type'],
    ['a type in the wrong case', exposure({ type: 'Exposure' }), 'invalid_event', 'type'],
    ['a type that is a number', exposure({ type: 1 }), 'invalid_event', 'type'],
    ['a type inherited from Object.prototype', exposure({ type: 'toString' }), 'invalid_event', 'type'],
    // experiment and variant
    ['an exposure naming no experiment', exposure({ experiment: undefined, variant: undefined }), 'missing_experiment', 'experiment'],
    ['a click naming no experiment', siteWide('click'), 'missing_experiment', 'experiment'],
    ['a viewable event with experiment and variant null', exposure({ type: 'viewable', experiment: null, variant: null }), 'missing_experiment', 'experiment'],
    ['an experiment without a variant', exposure({ variant: undefined }), 'invalid_event', 'variant'],
    ['a variant without an experiment', exposure({ experiment: undefined }), 'invalid_event', 'experiment'],
    ['an experiment key in upper case', exposure({ experiment: 'Hero' }), 'invalid_event', 'experiment'],
    ['an experiment key starting with a dash', exposure({ experiment: '-hero' }), 'invalid_event', 'experiment'],
    ['an empty experiment key', exposure({ experiment: '' }), 'invalid_event', 'experiment'],
    [`an experiment key of ${L.keyLength} characters`, exposure({ experiment: 'h'.repeat(L.keyLength) }), 'ok'],
    [`an experiment key of ${L.keyLength + 1} characters`, exposure({ experiment: 'h'.repeat(L.keyLength + 1) }), 'invalid_event', 'experiment'],
    ['an experiment that is a number', exposure({ experiment: 7 }), 'invalid_event', 'experiment'],
    ['a variant key with a space', exposure({ variant: 'ai labelled' }), 'invalid_event', 'variant'],
    ['a variant that is an object', exposure({ variant: { key: 'studio' } }), 'invalid_event', 'variant'],
    // timestamps
    ['an event without a timestamp', exposure({ ts: undefined }), 'invalid_timestamp', 'ts'],
    ['a timestamp as a string', exposure({ ts: String(NOW) }), 'invalid_timestamp', 'ts'],
    ['a timestamp with a fraction', exposure({ ts: NOW + 0.5 }), 'invalid_timestamp', 'ts'],
    ['a timestamp of NaN', exposure({ ts: Number.NaN }), 'invalid_timestamp', 'ts'],
    ['a timestamp of Infinity', exposure({ ts: Number.POSITIVE_INFINITY }), 'invalid_timestamp', 'ts'],
    ['a timestamp of 1e400 in JSON (parses to Infinity)', JSON.parse(`{"id":"e","type":"exposure","experiment":"hero","variant":"a","ts":1e400}`), 'invalid_timestamp', 'ts'],
    ['a timestamp beyond the safe integers', exposure({ ts: 2 ** 53 }), 'invalid_timestamp', 'ts'],
    ['a timestamp of exactly now', exposure({ ts: NOW }), 'ok'],
    ['a timestamp exactly 7 days old', exposure({ ts: NOW - L.maxAgeMs }), 'ok'],
    ['a timestamp 7 days and 1 ms old', exposure({ ts: NOW - L.maxAgeMs - 1 }), 'invalid_timestamp', 'ts'],
    ['a timestamp of 0', exposure({ ts: 0 }), 'invalid_timestamp', 'ts'],
    ['a timestamp exactly 10 minutes ahead', exposure({ ts: NOW + L.maxFutureMs }), 'ok'],
    ['a timestamp 10 minutes and 1 ms ahead', exposure({ ts: NOW + L.maxFutureMs + 1 }), 'invalid_timestamp', 'ts'],
    ['a timestamp in the year 3000', exposure({ ts: Date.UTC(3000, 0, 1) }), 'invalid_timestamp', 'ts'],
    // values
    ['a value that is a string', exposure({ value: '1' }), 'invalid_event', 'value'],
    ['a value that is a boolean', exposure({ value: true }), 'invalid_event', 'value'],
    ['a value of NaN', exposure({ value: Number.NaN }), 'invalid_event', 'value'],
    ['a value of Infinity', exposure({ value: Number.POSITIVE_INFINITY }), 'invalid_event', 'value'],
    ['a value of -Infinity', exposure({ value: Number.NEGATIVE_INFINITY }), 'invalid_event', 'value'],
    ['a value of 1e400 in JSON (parses to Infinity)', JSON.parse(`{"id":"e","type":"exposure","experiment":"hero","variant":"a","ts":${NOW},"value":1e400}`), 'invalid_event', 'value'],
    [`a value of ${big}`, exposure({ value: big }), 'ok'],
    [`a value of -${big}`, exposure({ value: -big }), 'ok'],
    [`a value just over ${big}`, exposure({ value: big + 1 }), 'invalid_event', 'value'],
    // video_progress
    ...[25, 50, 75, 100].map((value): [string, unknown, 'ok'] => [`video progress at ${value}%`, exposure({ type: 'video_progress', value }), 'ok']),
    ...[0, 10, 99, 101, 50.5, -25].map((value): [string, unknown, 'invalid_event', 'value'] => [`video progress at ${value}%`, exposure({ type: 'video_progress', value }), 'invalid_event', 'value']),
    ['video progress without a value', exposure({ type: 'video_progress' }), 'invalid_event', 'value'],
    ['video progress as a string', exposure({ type: 'video_progress', value: '50' }), 'invalid_event', 'value'],
    // surveys
    ...[1, 2, 3, 4, 5].map((value): [string, unknown, 'ok'] => [`a trust answer of ${value}`, survey('trust', value), 'ok']),
    ...[0, 6, 2.5, -1].map((value): [string, unknown, 'invalid_event', 'value'] => [`a trust answer of ${value}`, survey('trust', value), 'invalid_event', 'value']),
    ['a noticed answer of 0', survey('noticed', 0), 'ok'],
    ['a noticed answer of 1', survey('noticed', 1), 'ok'],
    ['a noticed answer of 2', survey('noticed', 2), 'invalid_event', 'value'],
    ['a noticed answer of 0.5', survey('noticed', 0.5), 'invalid_event', 'value'],
    ['a survey answer to an unknown question', survey('mood', 3), 'invalid_event', 'name'],
    ['a survey answer named after an Object.prototype member', survey('constructor', 1), 'invalid_event', 'name'],
    ['a survey answer named __proto__', survey('__proto__', 1), 'invalid_event', 'name'],
    ['a survey answer without a question', survey(undefined, 3), 'invalid_event', 'name'],
    ['a survey question without an answer', survey('trust', undefined), 'invalid_event', 'value'],
    ['a survey without an experiment', siteWide('survey', { name: 'trust', value: 3 }), 'missing_experiment', 'experiment'],
    // conversions
    ['an add-to-cart naming no experiment', siteWide('add_to_cart'), 'ok'],
    ['an add-to-cart with a value of 0', siteWide('add_to_cart', { value: 0 }), 'ok'],
    ['an add-to-cart with a negative value', siteWide('add_to_cart', { value: -0.01 }), 'invalid_event', 'value'],
    ['a purchase with a value and an order', siteWide('purchase', { value: 129.5, order: 'A-1001' }), 'ok'],
    ['a purchase with a negative value', siteWide('purchase', { value: -1, order: 'A-1' }), 'invalid_event', 'value'],
    [`a purchase of ${big}`, siteWide('purchase', { value: big, order: 'A-1' }), 'ok'],
    ['a purchase naming an experiment and variant', siteWide('purchase', { experiment: 'hero', variant: 'studio', order: 'A-1' }), 'ok'],
    ['a purchase without an order', siteWide('purchase', { value: 129.5 }), 'invalid_event', 'order'],
    ['a purchase whose order is null', siteWide('purchase', { value: 129.5, order: null }), 'invalid_event', 'order'],
    // custom events and names
    ['a custom event without a name', siteWide('custom'), 'invalid_event', 'name'],
    ['a custom event with a name', siteWide('custom', { name: 'newsletter_signup' }), 'ok'],
    [`a name of ${L.nameLength} characters`, siteWide('custom', { name: 'n'.repeat(L.nameLength) }), 'ok'],
    [`a name of ${L.nameLength + 1} characters`, siteWide('custom', { name: 'n'.repeat(L.nameLength + 1) }), 'invalid_event', 'name'],
    ['a name with a space', siteWide('custom', { name: 'sign up' }), 'invalid_event', 'name'],
    ['a name that is a number', siteWide('custom', { name: 3 }), 'invalid_event', 'name'],
    ['an empty name', siteWide('custom', { name: '' }), 'invalid_event', 'name'],
    // orders
    [`an order of ${L.orderLength} characters`, siteWide('purchase', { order: 'o'.repeat(L.orderLength) }), 'ok'],
    [`an order of ${L.orderLength + 1} characters`, siteWide('purchase', { order: 'o'.repeat(L.orderLength + 1) }), 'invalid_event', 'order'],
    ['an empty order', siteWide('purchase', { order: '' }), 'invalid_event', 'order'],
    ['an order that is a number', siteWide('purchase', { order: 1001 }), 'invalid_event', 'order'],
    ['an order with control characters and an emoji', siteWide('purchase', { order: 'A\t1\u001f\u{1F48D}' }), 'ok'],
    ['an order holding a NUL character, which PostgreSQL text cannot store', siteWide('purchase', { order: 'A\u00001' }), 'invalid_event', 'order'],
    ['an order holding a lone high surrogate', siteWide('purchase', { order: 'A\ud800' }), 'invalid_event', 'order'],
    ['an order holding a lone low surrogate', siteWide('purchase', { order: '\udc00A' }), 'invalid_event', 'order'],
    // props
    ['props with a string, a number, a boolean and null', exposure({ props: { page: '/rings', price: 12.5, sale: true, ref: null } }), 'ok'],
    ['props that are an array', exposure({ props: ['a'] }), 'invalid_event', 'props'],
    ['props that are a string', exposure({ props: '{"a":1}' }), 'invalid_event', 'props'],
    ['props that are a number', exposure({ props: 1 }), 'invalid_event', 'props'],
    ['props with a nested object', exposure({ props: { a: { b: 1 } } }), 'invalid_event', 'props'],
    ['props with an array value', exposure({ props: { a: [1] } }), 'invalid_event', 'props'],
    [`props with ${L.propsKeys} keys`, exposure({ props: flatProps(L.propsKeys) }), 'ok'],
    [`props with ${L.propsKeys + 1} keys`, exposure({ props: flatProps(L.propsKeys + 1) }), 'invalid_event', 'props'],
    [`a props key of ${L.nameLength} characters`, exposure({ props: { ['k'.repeat(L.nameLength)]: 1 } }), 'ok'],
    [`a props key of ${L.nameLength + 1} characters`, exposure({ props: { ['k'.repeat(L.nameLength + 1)]: 1 } }), 'invalid_event', 'props'],
    [`a props string of ${L.propsStringLength} characters`, exposure({ props: { a: 's'.repeat(L.propsStringLength) } }), 'ok'],
    [`a props string of ${L.propsStringLength + 1} characters`, exposure({ props: { a: 's'.repeat(L.propsStringLength + 1) } }), 'invalid_event', 'props'],
    [`props over ${L.propsBytes} characters in all`, exposure({ props: flatProps(10, () => 's'.repeat(L.propsStringLength)) }), 'invalid_event', 'props'],
    ['a props string holding a NUL character', exposure({ props: { a: 'x\u0000y' } }), 'invalid_event', 'props'],
    ['a props string holding a lone surrogate', exposure({ props: { a: 'x\ud800' } }), 'invalid_event', 'props'],
    ['a props key holding a NUL character', exposure({ props: { 'a\u0000': 1 } }), 'invalid_event', 'props'],
    ['a props key holding a lone surrogate', exposure({ props: { '\udc00a': 1 } }), 'invalid_event', 'props'],
    ['a props string with an astral character (a surrogate pair)', exposure({ props: { a: 'ring \u{1F48D}' } }), 'ok'],
    ['a props value of NaN', exposure({ props: { a: Number.NaN } }), 'invalid_event', 'props'],
    ['a props value of Infinity', exposure({ props: { a: Number.POSITIVE_INFINITY } }), 'invalid_event', 'props'],
    ['a props value of 1e400 in JSON (parses to Infinity)', exposure({ props: JSON.parse('{"a":1e400}') }), 'invalid_event', 'props'],
    ['a props value that is undefined', exposure({ props: { a: undefined } }), 'invalid_event', 'props'],
  ];
  for (const [description, raw, expected, field] of cases) {
    const verdict = expected === 'ok' ? 'accepts' : `refuses with ${expected}${field ? ` naming ${field}` : ''}`;
    it(`${verdict} ${description}`, () => {
      const result = parseEvent(raw, NOW);
      if (expected === 'ok') expect(result).toMatchObject({ ok: true });
      else expect(result).toEqual({ ok: false, code: expected, ...(field && { field }) });
    });
  }

  it('re-serialises props as a compact JSON object, and empty props as null', () => {
    const result = parseEvent(exposure({ props: { b: 'x', a: 1 } }), NOW);
    expect(result.ok && result.event.props).toBe('{"b":"x","a":1}');
    expect(parseEvent(exposure({ props: {} }), NOW)).toMatchObject({ ok: true, event: { props: null } });
    expect(parseEvent(exposure({ props: null }), NOW)).toMatchObject({ ok: true, event: { props: null } });
  });

  it('keeps a __proto__ props key as plain data without touching any prototype', () => {
    const raw = JSON.parse(`{"id":"e","type":"exposure","experiment":"hero","variant":"a","ts":${NOW},"props":{"__proto__":{"polluted":1}}}`);
    expect(parseEvent(raw, NOW)).toEqual({ ok: false, code: 'invalid_event', field: 'props' });

    const flat = JSON.parse(`{"id":"e","type":"exposure","experiment":"hero","variant":"a","ts":${NOW},"props":{"__proto__":"x","constructor":1}}`);
    const result = parseEvent(flat, NOW);
    expect(result.ok).toBe(true);
    const props = JSON.parse(result.ok ? result.event.props! : 'null');
    expect(Object.hasOwn(props, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('fills the optional fields it was not sent with null', () => {
    expect(parseEvent(siteWide('add_to_cart'), NOW)).toEqual({
      ok: true,
      event: { id: 'evt_1', type: 'add_to_cart', experiment: null, variant: null, ts: NOW, value: null, name: null, order: null, currency: null, props: null },
    });
  });

  it('takes a currency as an ISO 4217 code and refuses any other, naming the field', () => {
    const purchase = { ...siteWide('purchase'), value: 10, order: 'o-1' };
    expect(parseEvent({ ...purchase, currency: 'EUR' }, NOW)).toMatchObject({ ok: true, event: { currency: 'EUR' } });
    for (const currency of ['eur', 'EURO', 'E1R', 978, '']) {
      expect(parseEvent({ ...purchase, currency }, NOW)).toEqual({ ok: false, code: 'invalid_event', field: 'currency' });
    }
  });

  it('names a Shopify order by its number, whether the pixel sends OrderIdentity or Order gids', () => {
    for (const order of ['gid://shopify/OrderIdentity/5678901234567', 'gid://shopify/Order/5678901234567', '5678901234567']) {
      expect(parseEvent({ ...siteWide('purchase'), value: 10, order }, NOW)).toMatchObject({ ok: true, event: { order: '5678901234567' } });
    }
    expect(normaliseOrderId('gid://shopify/Product/1')).toBe('gid://shopify/Product/1');
    expect(normaliseOrderId('#1001')).toBe('#1001');
  });
});

describe('the parser under arbitrary input', () => {
  const isRejectCode = (code: unknown) => (REJECT_CODES as readonly unknown[]).includes(code);

  function checkEvent(raw: unknown): void {
    const result = parseEvent(raw, NOW);
    if (result.ok) expect(typeof result.event.id).toBe('string');
    else expect(isRejectCode(result.code)).toBe(true);
  }

  it('parseEvent never throws for any JSON value, and answers ok or a known reject code', () => {
    fc.assert(fc.property(fc.jsonValue(), checkEvent), { numRuns: 500 });
  });

  it('parseEvent never throws for any JavaScript value, boxed, null-prototype and Map values included', () => {
    const anything = fc.anything({ withBoxedValues: true, withNullPrototype: true, withMap: true, withSet: true, withBigInt: true, withDate: true, withObjectString: true });
    fc.assert(fc.property(anything, checkEvent), { numRuns: 500 });
  });

  it('parseEvent never throws for a valid event with one field replaced by anything', () => {
    const fieldArb = fc.constantFrom('id', 'type', 'experiment', 'variant', 'ts', 'value', 'name', 'order', 'props', '__proto__');
    fc.assert(
      fc.property(validEventArb({ now: NOW }), fieldArb, fc.anything({ withBoxedValues: true, withNullPrototype: true }), (event, field, value) => {
        checkEvent({ ...event, [field]: value });
        checkEvent(JSON.parse(JSON.stringify({ ...event, [field]: value }) ?? 'null'));
      }),
      { numRuns: 500 },
    );
  });

  function answersWithoutThrowing(text: string): void {
    const result = parseBatch(text);
    if (result.ok) return;
    expect(BATCH_PROBLEMS).toContain(result.problem.reason);
    const { code, status } = batchRefusal(result.problem);
    expect(status).toBe(ERROR_STATUS[code]);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  }

  it('parseBatch throws nothing, and answers a 4xx problem or a batch, for any string', () => {
    fc.assert(fc.property(fc.string(), answersWithoutThrowing), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), answersWithoutThrowing), { numRuns: 500 });
  });

  it('parseBatch throws nothing, and answers a 4xx problem or a batch, for any JSON text', () => {
    fc.assert(fc.property(fc.json(), answersWithoutThrowing), { numRuns: 500 });
  });

  it('parseBatch throws nothing, and answers a 4xx problem or a batch, for a valid batch with characters replaced, inserted or deleted', () => {
    const batchArb = fc
      .record({ site: siteKeyArb, visitor: visitorArb, events: fc.array(validEventArb({ now: NOW }), { minLength: 1, maxLength: 5 }) })
      .map((batch) => JSON.stringify(batch));
    fc.assert(fc.property(batchArb.chain(mutatedText), answersWithoutThrowing), { numRuns: 500 });
  });

  it('parseBatch accepts any batch of well-formed site, visitor and 1 to 100 events', () => {
    const batchArb = fc.record({ site: siteKeyArb, visitor: visitorArb, events: fc.array(fc.jsonValue(), { minLength: 1, maxLength: L.eventsPerBatch }) });
    fc.assert(
      fc.property(batchArb, (batch) => {
        expect(parseBatch(JSON.stringify(batch))).toEqual({ ok: true, batch: JSON.parse(JSON.stringify(batch)) });
      }),
      { numRuns: 200 },
    );
  });

  it('accepts every event built from the rules, and keeps each of its fields as sent', () => {
    fc.assert(
      fc.property(validEventArb({ now: NOW }), (event) => {
        // What the parser sees is what JSON.parse makes of the wire text.
        const sent = JSON.parse(JSON.stringify(event));
        const result = parseEvent(sent, NOW);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const { props, ...fields } = result.event;
        expect(fields).toEqual({
          id: sent.id,
          type: sent.type,
          experiment: sent.experiment ?? null,
          variant: sent.variant ?? null,
          ts: sent.ts,
          value: sent.value ?? null,
          name: sent.name ?? null,
          // A Shopify order gid becomes the order's number (normaliseOrderId); other ids stay as sent.
          order: sent.order === undefined ? null : normaliseOrderId(sent.order),
          currency: null,
        });
        const empty = sent.props === undefined || Object.keys(sent.props).length === 0;
        expect(props === null ? null : JSON.parse(props)).toEqual(empty ? null : sent.props);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts a valid event at every id the rules allow', () => {
    fc.assert(
      fc.property(idArb, (id) => {
        expect(parseEvent(exposure({ id }), NOW).ok).toBe(true);
      }),
    );
  });
});

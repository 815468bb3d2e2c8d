// POST /v1/events under hostile input, through the real app on every dialect: any bytes get a
// 2xx or 4xx in a known shape, a refused batch stores nothing, a valid event is always stored,
// and each event's own fault rejects that event alone, with its index and code.
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { INGEST_LIMITS as L, type RejectCode } from '../../server/collect/vocabulary.js';
import type { Db } from '../../server/db/connect.js';
import { ERROR_STATUS, type ErrorCode } from '../../server/errors.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, setStatus, variantBody } from '../helpers/fixtures.js';
import { mutatedText, validEventArb, visitorArb, type Claim } from './arbitraries.js';
import { armEvent, armOf, event, runningSetup, send, setStatusAWeekAgo } from './helpers.js';

const RUNS = 60;
const ORIGIN = 'https://aurum.example';
const EXPERIMENT_TYPES = ['exposure', 'viewable', 'video_start', 'video_progress', 'click', 'survey'] as const;

interface Answer {
  status: number;
  body: any;
}

/** Posts any body as it is, bytes or text, with only the headers given. */
async function post(t: TestApp, body: BodyInit, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await t.app.request('/v1/events', { method: 'POST', body, headers });
  const text = await response.text();
  expect(response.headers.get('content-type') ?? '').toContain('application/json');
  return { status: response.status, body: JSON.parse(text) };
}

/** Every answer is a 202 with the batch's outcome, or a 4xx in the error shape with its code's status. */
function expectKnownShape({ status, body }: Answer): void {
  expect(status).toBeGreaterThanOrEqual(200);
  expect(status).toBeLessThan(500);
  if (status === 202) {
    expect(Object.keys(body).sort()).toEqual(['accepted', 'dropped', 'duplicates', 'rejected']);
    expect(Number.isInteger(body.accepted) && Number.isInteger(body.duplicates)).toBe(true);
    expect(Array.isArray(body.rejected)).toBe(true);
    return;
  }
  expect(status).toBeGreaterThanOrEqual(400);
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.message).toBe('string');
  expect(ERROR_STATUS[body.error.code as ErrorCode]).toBe(status);
}

async function count(db: Db, table: 'events' | 'visitor_facts' | 'variant_daily_sums'): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(rows[0]!.n);
}

async function dropCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('dropCounts').select(['reason', 'count']).execute();
  const totals: Record<string, number> = {};
  for (const row of rows) totals[row.reason] = (totals[row.reason] ?? 0) + Number(row.count);
  return totals;
}

/** Everything a batch could leave behind. */
async function stored(db: Db) {
  return {
    events: await count(db, 'events'),
    facts: await count(db, 'visitor_facts'),
    sums: await count(db, 'variant_daily_sums'),
    drops: await dropCounts(db),
  };
}

const claimOf = (experiment: any, visitor: string): Claim => ({ experiment: experiment.key, variant: armOf(experiment, visitor).key });
const otherVariant = (experiment: any, visitor: string): string => experiment.variants.find((v: any) => v.key !== armOf(experiment, visitor).key).key;

/** Makes generated ids and order ids unique across runs, so a valid event is never a duplicate by chance. */
function uniquely(run: number, events: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return events.map((raw, index) => {
    const prefix = `r${run}i${index}-`;
    const unique: Record<string, unknown> = { ...raw, id: `${prefix}${raw.id as string}`.slice(0, L.idLength) };
    if (typeof raw.order === 'string') {
      let order = [...raw.order];
      while (prefix.length + order.join('').length > L.orderLength) order = order.slice(0, -1);
      unique.order = prefix + order.join('');
    }
    return unique;
  });
}

describeEachDialect('POST /v1/events under hostile input', (database) => {
  async function world() {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await runningSetup(t);
    const body = (visitor: string, events: unknown[]) => JSON.stringify({ site: site.publicKey, visitor, events });
    return { t, db: database().db, site, experiment, body };
  }

  async function secondExperiment(t: TestApp, siteId: string, key: string, status: 'running' | 'paused' | 'stopped') {
    const created = await createExperiment(t, siteId, {
      key,
      slot: key,
      variants: [variantBody('a', { control: true, weight: 1 }), variantBody('b', { weight: 2 }), variantBody('c', { weight: 1 })],
    });
    const steps = { running: ['running'], paused: ['running', 'paused'], stopped: ['running', 'stopped'] }[status];
    let reply;
    for (const step of steps) reply = await setStatusAWeekAgo(t, created.id, step);
    expect(reply!.status).toBe(200);
    return reply!.body;
  }

  it('answers any bytes, under any of several content types, with a 2xx or 4xx in a known shape, and stores nothing unless it answers 202', async () => {
    const { t, db, experiment, body } = await world();
    const valid = body('v-1', [armEvent(experiment, 'v-1', 'exposure', t.clock.now), event('purchase', t.clock.now, { value: 10, order: 'A1' })]);
    const bytesArb = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      mutatedText(valid).map((text) => new TextEncoder().encode(text)),
      fc.string({ unit: 'binary', maxLength: 512 }).map((text) => new TextEncoder().encode(text)),
    );
    const typeArb = fc.constantFrom(
      undefined,
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/json',
      'APPLICATION/JSON; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '',
    );
    await fc.assert(
      fc.asyncProperty(bytesArb, typeArb, fc.constantFrom(undefined, ORIGIN, 'https://evil.example'), async (bytes, type, origin) => {
        const before = await stored(db);
        const headers: Record<string, string> = {};
        if (type !== undefined) headers['content-type'] = type;
        if (origin !== undefined) headers.origin = origin;
        const answer = await post(t, bytes, headers);
        expectKnownShape(answer);
        if (answer.status !== 202) expect(await stored(db)).toEqual(before);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('stores nothing, not even drop counts, when a batch of valid events is refused as a whole', async () => {
    const { t, db, site, experiment } = await world();
    type Fault = { code: ErrorCode; apply: (batch: Record<string, unknown>, headers: Record<string, string>) => string | void };
    const faults: Fault[] = [
      { code: 'invalid_field', apply: (batch) => void (batch.site = site.publicKey.replace('pk_', 'sk_')) },
      { code: 'unknown_site', apply: (batch) => void (batch.site = `pk_${'Z'.repeat(40)}`) },
      { code: 'invalid_field', apply: (batch) => void (batch.visitor = `${batch.visitor as string} `) },
      { code: 'invalid_field', apply: (batch) => void (batch.visitor = 'v'.repeat(L.visitorLength + 1)) },
      { code: 'invalid_field', apply: (batch) => void (batch.events = { ...(batch.events as unknown[]) }) },
      { code: 'payload_too_large', apply: (batch) => void (batch.events = Array.from({ length: L.eventsPerBatch + 1 }, (_, i) => (batch.events as unknown[])[i % (batch.events as unknown[]).length])) },
      { code: 'payload_too_large', apply: (batch) => JSON.stringify(batch).padEnd(L.bodyBytes + 1, ' ') },
      { code: 'invalid_json', apply: (batch) => JSON.stringify(batch).slice(0, -1) },
      { code: 'origin_not_allowed', apply: (_batch, headers) => void (headers.origin = 'https://aurum.example.evil.com') },
      { code: 'unsupported_media_type', apply: (_batch, headers) => void (headers['content-type'] = 'application/x-www-form-urlencoded') },
    ];
    const caseArb = visitorArb.chain((visitor) =>
      fc.record({
        visitor: fc.constant(visitor),
        events: fc.array(validEventArb({ now: t.clock.now, claim: fc.constant(claimOf(experiment, visitor)) }), { minLength: 1, maxLength: 10 }),
        fault: fc.constantFrom(...faults),
      }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ visitor, events, fault }) => {
        const before = await stored(db);
        const batch: Record<string, unknown> = { site: site.publicKey, visitor, events: uniquely(run++, events) };
        const headers: Record<string, string> = { 'content-type': 'text/plain;charset=UTF-8' };
        const text = fault.apply(batch, headers) ?? JSON.stringify(batch);
        const answer = await post(t, text, headers);
        expectKnownShape(answer);
        expect(answer.status).toBe(ERROR_STATUS[fault.code]);
        expect(answer.body.error.code).toBe(fault.code);
        expect(await stored(db)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts every valid event of a visitor in their own arm, counts a replay as duplicates, and keeps facts and sums consistent', async () => {
    const { t, db, site, experiment, body } = await world();
    const promo = await secondExperiment(t, site.id, 'promo', 'running');
    // A few visitors come back in later runs, so their facts are folded across batches.
    const caseArb = fc.oneof(fc.constantFrom('returning-1', 'returning-2', 'returning-3'), visitorArb).chain((visitor) =>
      fc.tuple(
        fc.constant(visitor),
        fc.array(validEventArb({ now: t.clock.now, claim: fc.constantFrom(claimOf(experiment, visitor), claimOf(promo, visitor)) }), { minLength: 1, maxLength: 30 }),
      ),
    );
    let run = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ([visitor, generated]) => {
        const events = uniquely(run++, generated);
        const first = await post(t, body(visitor, events), { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN });
        expect(first).toEqual({ status: 202, body: { accepted: events.length, duplicates: 0, rejected: [], dropped: {} } });
        const replay = await post(t, body(visitor, events), { 'content-type': 'application/json' });
        expect(replay).toEqual({ status: 202, body: { accepted: 0, duplicates: events.length, rejected: [], dropped: {} } });
        total += events.length;
      }),
      { numRuns: RUNS },
    );
    expect(await count(db, 'events')).toBe(total);
    expect(await dropCounts(db)).toEqual({ duplicate: total });
    const report = await verifyConsistency(db);
    expect(report.factDifferences).toEqual([]);
    expect(report.sumDifferences).toEqual([]);
    expect(report.facts).toBeGreaterThan(0);
  });

  // The sums move by new − old in doubles, so a revenue² of 1e18 absorbs the smaller ones of its
  // row; when it leaves the row, the row is rewritten from its facts (sums-store.ts recomputeSumRows).
  it('keeps the daily sums exact when a visitor with a purchase of the largest value moves to an earlier cohort day', async () => {
    const { t, db, site, experiment } = await world();
    const now = t.clock.now;
    const big = 'v-0';
    const small = Array.from({ length: 50 }, (_, i) => `v-${i + 1}`).find((visitor) => armOf(experiment, visitor).key === armOf(experiment, big).key)!;
    for (const [visitor, value] of [[small, 0.1], [big, L.maxValue]] as const) {
      const reply = await send(t, site, visitor, [armEvent(experiment, visitor, 'exposure', now), event('purchase', now, { value, order: `O-${visitor}` })]);
      expect(reply.body.accepted).toBe(2);
    }
    // An exposure two days earlier moves the big spender's fact, and its revenue, to that day.
    expect((await send(t, site, big, [armEvent(experiment, big, 'exposure', now - 2 * 86_400_000)])).body.accepted).toBe(1);
    const report = await verifyConsistency(db);
    expect(report.factDifferences).toEqual([]);
    expect(report.sumDifferences).toEqual([]);
  });

  it('rejects events claiming a variant the hash did not give the visitor with variant_mismatch, and counts them', async () => {
    const { t, db, experiment, body } = await world();
    const caseArb = visitorArb.chain((visitor) =>
      fc.tuple(
        fc.constant(visitor),
        fc.array(
          validEventArb({ now: t.clock.now, types: EXPERIMENT_TYPES, claim: fc.constant({ experiment: experiment.key, variant: otherVariant(experiment, visitor) }) }),
          { minLength: 1, maxLength: 10 },
        ),
      ),
    );
    let run = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ([visitor, generated]) => {
        const events = uniquely(run++, generated);
        const answer = await post(t, body(visitor, events), { 'content-type': 'text/plain' });
        expect(answer.status).toBe(202);
        expect(answer.body).toEqual({ accepted: 0, duplicates: 0, rejected: events.map((_, index) => ({ index, code: 'variant_mismatch', field: 'variant' })), dropped: {} });
        total += events.length;
      }),
      { numRuns: RUNS },
    );
    expect(await count(db, 'events')).toBe(0);
    expect(await dropCounts(db)).toEqual({ variant_mismatch: total });
  });

  it('keeps a conversion that claims the wrong variant, stored without the experiment', async () => {
    const { t, db, experiment, body } = await world();
    const wrong = { experiment: experiment.key, variant: otherVariant(experiment, 'v-1') };
    const answer = await post(t, body('v-1', [event('add_to_cart', t.clock.now, { id: 'cart-1', ...wrong })]), {});
    expect(answer).toEqual({ status: 202, body: { accepted: 1, duplicates: 0, rejected: [], dropped: {} } });
    expect(await db.selectFrom('events').select(['id', 'experimentId', 'variantId']).execute()).toEqual([{ id: 'cart-1', experimentId: null, variantId: null }]);
  });

  it('rejects an event for an unknown experiment with unknown_experiment, and for an unknown variant with unknown_variant', async () => {
    const { t, db, site, experiment } = await world();
    const now = t.clock.now;
    const reply = await send(t, site, 'v-1', [
      event('exposure', now, { experiment: 'no-such-test', variant: 'studio' }),
      event('click', now, { experiment: experiment.key, variant: 'no-such-variant' }),
    ]);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [{ index: 0, code: 'unknown_experiment', field: 'experiment' }, { index: 1, code: 'unknown_variant', field: 'variant' }],
      dropped: {},
    });
    expect(await count(db, 'events')).toBe(0);
    expect(await dropCounts(db)).toEqual({ unknown_experiment: 1, unknown_variant: 1 });
  });

  for (const status of ['paused', 'stopped'] as const) {
    it(`rejects exposures and clicks for a ${status} experiment with experiment_not_running, but keeps an add-to-cart naming it, without the experiment`, async () => {
      const { t, db, site, experiment } = await world();
      expect((await setStatus(t, experiment.id, status)).status).toBe(200);
      const now = t.clock.now;
      const reply = await send(t, site, 'v-1', [
        armEvent(experiment, 'v-1', 'exposure', now),
        armEvent(experiment, 'v-1', 'click', now),
        armEvent(experiment, 'v-1', 'add_to_cart', now, { id: 'cart-1', value: 25 }),
      ]);
      expect(reply.status).toBe(202);
      expect(reply.body).toEqual({
        accepted: 1,
        duplicates: 0,
        rejected: [0, 1].map((index) => ({ index, code: 'experiment_not_running', field: 'experiment' })),
        dropped: {},
      });
      expect(await db.selectFrom('events').select(['id', 'type', 'experimentId']).execute()).toEqual([{ id: 'cart-1', type: 'add_to_cart', experimentId: null }]);
      expect(await dropCounts(db)).toEqual({ experiment_not_running: 2 });
    });
  }

  it('stores exactly the good events of a batch mixing good and bad ones, and names each bad one by index and code', async () => {
    const { t, db, site, experiment, body } = await world();
    const side = await secondExperiment(t, site.id, 'side', 'paused');
    const now = t.clock.now;
    const caseArb = visitorArb.chain((visitor) => {
      const claim = claimOf(experiment, visitor);
      type Fault = { code: RejectCode; field: string } | null;
      const good = validEventArb({ now, claim: fc.constant(claim) }).map((raw) => ({ raw, fault: null as Fault }));
      const valid = validEventArb({ now, claim: fc.constant(claim), types: EXPERIMENT_TYPES });
      // Each change comes with the field the answer must name.
      const bad = (code: RejectCode, change: fc.Arbitrary<[Record<string, unknown>, string]>) =>
        fc.tuple(valid, change).map(([raw, [changes, field]]) => ({ raw: withChanges(raw, changes), fault: { code, field } as Fault }));
      const badArbs = [
        bad('invalid_event', fc.constantFrom<[Record<string, unknown>, string]>(
          [{ id: 'not an id' }, 'id'],
          [{ id: '' }, 'id'],
          [{ type: 'pageview' }, 'type'],
          [{ value: 'ten' }, 'value'],
          [{ value: 1e10 }, 'value'],
          [{ props: { deep: { er: 1 } } }, 'props'],
          [{ props: Object.fromEntries(Array.from({ length: L.propsKeys + 1 }, (_, i) => [`k${i}`, i])) }, 'props'],
          [{ experiment: 'Hero' }, 'experiment'],
          [{ variant: undefined }, 'variant'],
          [{ type: 'video_progress', value: 33 }, 'value'],
          [{ type: 'survey', name: 'trust', value: 9 }, 'value'],
          [{ type: 'purchase', value: -5 }, 'value'],
          [{ type: 'purchase', value: 5, order: undefined }, 'order'],
          [{ type: 'custom', name: undefined }, 'name'],
        )),
        bad('invalid_timestamp', fc.oneof(
          fc.integer({ min: 1, max: L.maxAgeMs }).map((late): [Record<string, unknown>, string] => [{ ts: now - L.maxAgeMs - late }, 'ts']),
          fc.integer({ min: 1, max: 1e12 }).map((ahead): [Record<string, unknown>, string] => [{ ts: now + L.maxFutureMs + ahead }, 'ts']),
          fc.constantFrom<[Record<string, unknown>, string]>([{ ts: now + 0.5 }, 'ts'], [{ ts: String(now) }, 'ts'], [{ ts: null }, 'ts'], [{ ts: undefined }, 'ts']),
        )),
        bad('missing_experiment', fc.constant([{ experiment: undefined, variant: undefined }, 'experiment'])),
        bad('unknown_experiment', fc.constant([{ experiment: 'no-such-test' }, 'experiment'])),
        bad('experiment_not_running', fc.constant([{ experiment: side.key, variant: 'a' }, 'experiment'])),
        bad('unknown_variant', fc.constant([{ variant: 'no-such-variant' }, 'variant'])),
        bad('variant_mismatch', fc.constant([{ variant: otherVariant(experiment, visitor) }, 'variant'])),
      ];
      return fc.tuple(fc.constant(visitor), fc.array(fc.oneof(good, ...badArbs), { minLength: 1, maxLength: 30 }));
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ([visitor, items]) => {
        const prefix = `r${run}i`;
        const events = uniquely(run++, items.map((item) => item.raw)).map((raw, index) =>
          // A bad id stays bad: the fault under test must survive the renaming.
          'id' in items[index]!.raw && !/^[A-Za-z0-9_-]{1,64}$/.test(String(items[index]!.raw.id)) ? { ...raw, id: items[index]!.raw.id } : raw,
        );
        const before = await count(db, 'events');
        const answer = await post(t, body(visitor, events), { 'content-type': 'text/plain;charset=UTF-8' });
        const expected = items.flatMap((item, index) => (item.fault === null ? [] : [{ index, ...item.fault }]));
        const goodIds = events.filter((_, index) => items[index]!.fault === null).map((raw) => raw.id as string);
        expect(answer).toEqual({ status: 202, body: { accepted: goodIds.length, duplicates: 0, rejected: expected, dropped: {} } });
        expect(await count(db, 'events')).toBe(before + goodIds.length);
        const storedIds = await db.selectFrom('events').select('id').where('id', 'like', `${prefix}%`).execute();
        expect(storedIds.map((row) => row.id).sort()).toEqual([...goodIds].sort());
      }),
      { numRuns: RUNS },
    );
    expect(await verifyConsistency(db)).toMatchObject({ factDifferences: [], sumDifferences: [] });
  });

  function withChanges(raw: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
    const changed = { ...raw, ...changes };
    for (const key of Object.keys(changed)) if (changed[key] === undefined) delete changed[key];
    return changed;
  }

  const wholeBatchCases: Array<[string, (site: any) => string, number, ErrorCode]> = [
    ['a body of 64 KB and 1 byte', (site) => JSON.stringify({ site: site.publicKey, visitor: 'v-1', events: [{}] }).padEnd(L.bodyBytes + 1, ' '), 413, 'payload_too_large'],
    ['a body of 64 KB in multi-byte characters', (site) => JSON.stringify({ site: site.publicKey, visitor: 'v-1', events: [{ props: { a: '€'.repeat(22_000) } }] }), 413, 'payload_too_large'],
    [`a batch of ${L.eventsPerBatch + 1} events`, (site) => JSON.stringify({ site: site.publicKey, visitor: 'v-1', events: Array.from({ length: L.eventsPerBatch + 1 }, () => ({})) }), 413, 'payload_too_large'],
    ['the body null', () => 'null', 400, 'invalid_field'],
    ['the body []', () => '[]', 400, 'invalid_field'],
    ['the body "x"', () => '"x"', 400, 'invalid_field'],
    ['the body {"site": 1}', () => '{"site": 1}', 400, 'invalid_field'],
    ['an empty body', () => '', 400, 'invalid_json'],
    ['a NaN in the body', (site) => `{"site":"${site.publicKey}","visitor":"v-1","events":[{"value":NaN}]}`, 400, 'invalid_json'],
    ['a body of 30,000 nested arrays', () => `${'['.repeat(30_000)}${']'.repeat(30_000)}`, 400, 'invalid_field'],
    ['an unknown site key', () => JSON.stringify({ site: 'pk_doesnotexist', visitor: 'v-1', events: [{}] }), 404, 'unknown_site'],
  ];
  for (const [description, makeBody, status, code] of wholeBatchCases) {
    it(`refuses ${description} with ${status} ${code} and stores nothing`, async () => {
      const { t, db, site } = await world();
      const answer = await post(t, makeBody(site), { 'content-type': 'text/plain' });
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(await stored(db)).toEqual({ events: 0, facts: 0, sums: 0, drops: {} });
    });
  }

  it('takes a body of exactly 64 KB', async () => {
    const { t, db, experiment, body } = await world();
    const text = body('v-1', [armEvent(experiment, 'v-1', 'exposure', t.clock.now)]).padEnd(L.bodyBytes, ' ');
    expect(new TextEncoder().encode(text).length).toBe(L.bodyBytes);
    expect((await post(t, text, { 'content-type': 'text/plain' })).body).toEqual({ accepted: 1, duplicates: 0, rejected: [], dropped: {} });
    expect(await count(db, 'events')).toBe(1);
  });

  const eventCases: Array<[string, (armed: Record<string, unknown>) => string, string?]> = [
    ['props nested 1,000 levels deep', (armed) => JSON.stringify({ ...armed, props: {} }).replace('"props":{}', `"props":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`), 'props'],
    ['a 60 KB string prop', (armed) => JSON.stringify({ ...armed, props: { note: 'x'.repeat(60 * 1024) } }), 'props'],
    ['a value of 1e400', (armed) => JSON.stringify(armed).replace(/}$/, ',"value":1e400}'), 'value'],
    ['a props value of 1e400', (armed) => JSON.stringify({ ...armed, props: {} }).replace('"props":{}', '"props":{"a":1e400}'), 'props'],
    ['an event nested 10,000 arrays deep', () => `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
  ];
  for (const [description, makeEvent, field] of eventCases) {
    it(`rejects an event with ${description} as invalid_event, answers 202 and stores no event`, async () => {
      const { t, db, site, experiment } = await world();
      const armed = armEvent(experiment, 'v-1', 'exposure', t.clock.now);
      const text = `{"site":"${site.publicKey}","visitor":"v-1","events":[${makeEvent(armed)}]}`;
      expect(text.length).toBeLessThan(L.bodyBytes);
      const answer = await post(t, text, { 'content-type': 'text/plain' });
      expect(answer).toEqual({ status: 202, body: { accepted: 0, duplicates: 0, rejected: [{ index: 0, code: 'invalid_event', ...(field && { field }) }], dropped: {} } });
      expect(await stored(db)).toEqual({ events: 0, facts: 0, sums: 0, drops: { invalid_event: 1 } });
    });
  }

  it('rejects an event with a timestamp of 1e400 as invalid_timestamp', async () => {
    const { t, db, site, experiment } = await world();
    const armed = JSON.stringify(armEvent(experiment, 'v-1', 'exposure', t.clock.now)).replace(/"ts":\d+/, '"ts":1e400');
    const answer = await post(t, `{"site":"${site.publicKey}","visitor":"v-1","events":[${armed}]}`, {});
    expect(answer).toEqual({ status: 202, body: { accepted: 0, duplicates: 0, rejected: [{ index: 0, code: 'invalid_timestamp', field: 'ts' }], dropped: {} } });
    expect(await count(db, 'events')).toBe(0);
  });

  it('rejects a purchase whose order id holds a NUL or a lone surrogate as invalid_event, and stores the rest of its batch', async () => {
    const { t, db, site } = await world();
    const now = t.clock.now;
    const reply = await send(t, site, 'v-1', [
      event('purchase', now, { id: 'nul', value: 5, order: 'A\u00001' }),
      event('purchase', now, { id: 'high', value: 5, order: 'A\ud800' }),
      event('purchase', now, { id: 'low', value: 5, order: 'A\udc00' }),
      event('purchase', now, { id: 'fine', value: 5, order: 'A\u{1F48D}' }),
    ]);
    expect(reply).toMatchObject({ status: 202, body: { accepted: 1, duplicates: 0, rejected: [0, 1, 2].map((index) => ({ index, code: 'invalid_event', field: 'order' })), dropped: {} } });
    expect(await db.selectFrom('events').select(['id', 'orderId']).execute()).toEqual([{ id: 'fine', orderId: 'A\u{1F48D}' }]);
  });

  it('answers a known bot 202 with nothing accepted, stores no event and counts the batch as bot', async () => {
    const { t, db, site, experiment } = await world();
    const events = [armEvent(experiment, 'v-1', 'exposure', t.clock.now), armEvent(experiment, 'v-1', 'click', t.clock.now)];
    const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const reply = await send(t, site, 'v-1', events, { 'user-agent': googlebot });
    expect(reply).toMatchObject({ status: 202, body: { accepted: 0, duplicates: 0, rejected: [], dropped: { bot: 2 } } });
    expect(await stored(db)).toEqual({ events: 0, facts: 0, sums: 0, drops: { bot: 2 } });
  });

  // The opaque origin "null" (a sandboxed Shopify pixel) is accepted: tests/integrations/shopify-pixel.test.ts.
  it('refuses an Origin the site does not allow with 403 origin_not_allowed and stores nothing', async () => {
    const { t, db, site, experiment } = await world();
    const events = [armEvent(experiment, 'v-1', 'exposure', t.clock.now)];
    for (const origin of ['https://evil.example', 'http://aurum.example', 'https://aurum.example:8443']) {
      const reply = await send(t, site, 'v-1', events, { origin });
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('origin_not_allowed');
    }
    expect(await stored(db)).toEqual({ events: 0, facts: 0, sums: 0, drops: {} });
    const allowed = await send(t, site, 'v-1', events, { origin: ORIGIN });
    expect(allowed.status).toBe(202);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('refuses a content type other than text/plain or application/json with 415 and stores nothing', async () => {
    const { t, db, site, experiment } = await world();
    const events = [armEvent(experiment, 'v-1', 'exposure', t.clock.now)];
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html', 'application/xml', 'application/jsonx']) {
      const reply = await send(t, site, 'v-1', events, { 'content-type': type });
      expect(reply.status).toBe(415);
      expect(reply.body.error.code).toBe('unsupported_media_type');
    }
    expect(await stored(db)).toEqual({ events: 0, facts: 0, sums: 0, drops: {} });
  });
});

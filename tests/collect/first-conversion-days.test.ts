// First-conversion days: a fact keeps the whole days from the first exposure to the first click,
// add-to-cart and purchase, in any order of events and any split into flushes; the writer keeps
// since:* rows for days 0–13 by cohort day, equal to a rebuild from the facts, and verify agrees.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFact, foldEvents, sameFact, type ExperimentWindow, type FactEvent } from '../../server/collect/facts.js';
import { SINCE_METRICS, sinceMetrics } from '../../server/collect/since-sums.js';
import { addFactChange, nonZeroRows, type SumDeltas } from '../../server/collect/sums.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { DAY_MS } from '../../server/collect/vocabulary.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, event, runningSetup, send } from './helpers.js';

const window: ExperimentWindow = { id: 'exp', siteId: 'site', stoppedAt: null, revenueCap: 75 };
const T0 = 1_790_000_000_000;
const HOUR = 3_600_000;

const eventArb: fc.Arbitrary<FactEvent> = fc
  .record({
    id: fc.uuid(),
    kind: fc.constantFrom('exposure', 'click', 'add_to_cart', 'purchase'),
    hours: fc.integer({ min: -30, max: 20 * 24 }),
    value: fc.integer({ min: 1, max: 400 }),
  })
  .map(({ id, kind, hours, value }) => {
    const base = { id, experimentId: 'exp', variantId: 'arm-a', ts: T0 + hours * HOUR, receivedAt: T0 + 30 * DAY_MS, value: null as number | null, name: null };
    if (kind === 'add_to_cart' || kind === 'purchase') return { ...base, type: kind, experimentId: null, variantId: null, value };
    return { ...base, type: kind };
  });

const exposure = (ts: number): FactEvent => ({ id: `x${ts}`, type: 'exposure', experimentId: 'exp', variantId: 'arm-a', ts, receivedAt: ts, value: null, name: null });
const at = (type: string, ts: number, value: number | null = null): FactEvent => ({ id: `${type}${ts}`, type, experimentId: type === 'click' ? 'exp' : null, variantId: null, ts, receivedAt: ts, value, name: null });

describe('first-conversion days in a fact', () => {
  it('counts whole days of 24 hours from the first exposure, and keeps the earliest', () => {
    const start = T0 + 20 * HOUR;
    const fact = buildFact(window, 'v', [
      exposure(start),
      at('click', start + 5 * HOUR),
      at('click', start + 30 * HOUR),
      at('add_to_cart', start + 47 * HOUR, 10),
      at('purchase', start + 3 * DAY_MS + HOUR, 120),
      at('purchase', start + 2 * DAY_MS + 23 * HOUR, 20),
    ])!;
    expect(fact).toMatchObject({ clickedDay: 0, cartedDay: 1, purchasedDay: 2, revenue: 140, revenueCap: 75 });
    expect(sinceMetrics(fact)).toEqual(['since:clicked:0', 'since:added_to_cart:1', 'since:purchased:2']);
  });

  it('keeps none for a visitor who did not convert, and no row for a first conversion from day 14 on', () => {
    const fact = buildFact(window, 'v', [exposure(T0), at('purchase', T0 + 14 * DAY_MS, 5), at('add_to_cart', T0 + 14 * DAY_MS - 1, 5)])!;
    expect(fact).toMatchObject({ clickedDay: null, cartedDay: 13, purchasedDay: 14 });
    expect(sinceMetrics(fact)).toEqual(['since:added_to_cart:13']);
    expect(SINCE_METRICS).toHaveLength(42);
  });

  it('does not depend on the order of the events or their split into flushes', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 30 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }), fc.nat(30))), ([events, shuffled, split]) => {
        const whole = buildFact(window, 'v', events);
        const reordered = buildFact(window, 'v', shuffled);
        expect(whole === null).toBe(reordered === null);
        if (!whole || !reordered) return;
        expect(sameFact(whole, reordered, 0)).toBe(true);
        const sorted = [...events].sort((a, b) => a.ts - b.ts);
        const first = sorted.slice(0, Math.max(split, sorted.findIndex((e) => e.type === 'exposure') + 1));
        const folded = foldEvents(buildFact(window, 'v', first)!, window, sorted.slice(first.length));
        expect(sameFact(folded, whole, 0)).toBe(true);
      }),
    );
  });
});

describeEachDialect('since rows written by the writer', (database) => {
  it('keep each first conversion under its day since exposure and its cohort day, equal to a rebuild from the facts', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const start = t.clock.now - 7 * DAY_MS + HOUR;
    const plan: Array<[string, number, Array<[string, number]>]> = [
      ['v-a', start, [['click', start + HOUR], ['add_to_cart', start + DAY_MS + HOUR], ['purchase', start + 3 * DAY_MS]]],
      ['v-b', start + 2 * HOUR, [['add_to_cart', start + 4 * DAY_MS], ['add_to_cart', start + 2 * HOUR + 30 * 60_000]]],
      ['v-c', start + DAY_MS, [['click', start + 6 * DAY_MS]]],
      ['v-d', start + 2 * DAY_MS, []],
    ];
    for (const [visitor, exposedAt, conversions] of plan) {
      // Conversions sent first, their exposure after: the fact is rebuilt and the days come out the same.
      const later = conversions.map(([type, ts]) => (type === 'click' ? armEvent(experiment, visitor, type, ts) : event(type, ts, { value: 30, ...(type === 'purchase' && { order: `o-${visitor}` }) })));
      if (later.length > 0) expect((await send(t, site, visitor, later)).status).toBe(202);
      expect((await send(t, site, visitor, [armEvent(experiment, visitor, 'exposure', exposedAt)])).status).toBe(202);
    }
    const db = database().db;
    const facts = await db.selectFrom('visitorFacts').select(['visitorId', 'clickedDay', 'cartedDay', 'purchasedDay']).orderBy('visitorId').execute();
    expect(facts).toEqual([
      { visitorId: 'v-a', clickedDay: 0, cartedDay: 1, purchasedDay: 3 },
      { visitorId: 'v-b', clickedDay: null, cartedDay: 0, purchasedDay: null },
      { visitorId: 'v-c', clickedDay: 5, cartedDay: null, purchasedDay: null },
      { visitorId: 'v-d', clickedDay: null, cartedDay: null, purchasedDay: null },
    ]);
    const stored = await db.selectFrom('variantDailySums').selectAll().where('metric', 'like', 'since:%').execute();
    const expected: SumDeltas = new Map();
    for (const row of await db.selectFrom('visitorFacts').selectAll().execute()) {
      const { updatedAt: _, ...fact } = row;
      addFactChange(expected, null, fact);
    }
    const key = (row: { variantId: string; day: number; metric: string }) => `${row.variantId} ${row.day} ${row.metric}`;
    const pick = (row: { variantId: string; day: number; metric: string; n: number; sumX: number }) => [key(row), Number(row.n), row.sumX];
    expect(stored.map(pick).sort()).toEqual(nonZeroRows(expected).filter((row) => row.metric.startsWith('since:')).map(pick).sort());
    expect(stored.map((row) => row.metric).sort()).toEqual(['since:added_to_cart:0', 'since:added_to_cart:1', 'since:clicked:0', 'since:clicked:5', 'since:purchased:3']);
    const report = await verifyConsistency(db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  });
});

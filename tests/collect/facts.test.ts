// Per-visitor facts (pure): folding events one flush at a time, in any order and any split,
// gives the same fact as building it from all the raw events at once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFact, foldEvents, sameFact, type ExperimentWindow, type FactEvent } from '../../server/collect/facts.js';
import { addFactChange, metricValues, nonZeroRows, type SumDeltas } from '../../server/collect/sums.js';

const experiment: ExperimentWindow = { id: 'exp', siteId: 'site', stoppedAt: null };
const T0 = 1_790_000_000_000;

const eventArb: fc.Arbitrary<FactEvent> = fc
  .record({
    id: fc.uuid(),
    kind: fc.constantFrom('exposure', 'viewable', 'video_start', 'video_progress', 'click', 'add_to_cart', 'purchase', 'trust', 'noticed', 'other-exposure'),
    offset: fc.integer({ min: -5000, max: 50_000 }),
    value: fc.integer({ min: 0, max: 500 }),
  })
  .map(({ id, kind, offset, value }) => {
    const base = { id, experimentId: 'exp', variantId: 'arm-a', ts: T0 + offset, receivedAt: T0 + 60_000, value: null as number | null, name: null as string | null };
    switch (kind) {
      case 'video_progress':
        return { ...base, type: kind, value: [25, 50, 75, 100][value % 4]! };
      case 'add_to_cart':
      case 'purchase':
        return { ...base, type: kind, experimentId: null, variantId: null, value: value / 4 };
      case 'trust':
        return { ...base, type: 'survey', name: 'trust', value: 1 + (value % 5) };
      case 'noticed':
        return { ...base, type: 'survey', name: 'noticed', value: value % 2 };
      case 'other-exposure':
        return { ...base, type: 'exposure', experimentId: 'other', variantId: 'x' };
      default:
        return { ...base, type: kind };
    }
  });

describe('per-visitor facts', () => {
  it('folding events flush by flush equals building the fact from all of them at once', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 40 }), (events, split) => {
        const whole = buildFact(experiment, 'v', events);
        if (!whole) return;
        // The writer builds the fact from the flush that holds the first exposure, then folds later flushes.
        const sorted = [...events].sort((a, b) => a.ts - b.ts);
        const firstFlush = sorted.slice(0, Math.max(split, sorted.findIndex((e) => e.type === 'exposure' && e.experimentId === 'exp') + 1));
        const rest = sorted.slice(firstFlush.length);
        const start = buildFact(experiment, 'v', firstFlush)!;
        expect(sameFact(foldEvents(start, experiment, rest), whole, 1e-12)).toBe(true);
      }),
    );
  });

  it('does not depend on the order of the events', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 30 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))), ([events, shuffled]) => {
        const a = buildFact(experiment, 'v', events);
        const b = buildFact(experiment, 'v', shuffled);
        expect(a === null).toBe(b === null);
        if (a && b) expect(sameFact(a, b, 1e-12)).toBe(true);
      }),
    );
  });

  it('counts no conversion received after the experiment stopped', () => {
    const stopped = { ...experiment, stoppedAt: T0 + 1000 };
    const events: FactEvent[] = [
      { id: 'e1', type: 'exposure', experimentId: 'exp', variantId: 'a', ts: T0, receivedAt: T0, value: null, name: null },
      { id: 'e2', type: 'purchase', experimentId: null, variantId: null, ts: T0 + 10, receivedAt: T0 + 500, value: 10, name: null },
      { id: 'e3', type: 'purchase', experimentId: null, variantId: null, ts: T0 + 20, receivedAt: T0 + 1500, value: 99, name: null },
    ];
    expect(buildFact(stopped, 'v', events)).toMatchObject({ purchased: 1, revenue: 10 });
  });

  it('has no fact for a visitor never exposed to the experiment', () => {
    expect(buildFact(experiment, 'v', [{ id: 'e', type: 'click', experimentId: 'exp', variantId: 'a', ts: T0, receivedAt: T0, value: null, name: null }])).toBeNull();
  });
});

describe('daily sums', () => {
  it('moving the sums by new − old over a history of changes equals summing the final facts', () => {
    fc.assert(
      fc.property(fc.array(fc.array(eventArb, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 8 }), (flushes) => {
        const incremental: SumDeltas = new Map();
        let seen: FactEvent[] = [];
        let previous = null;
        for (const flush of flushes) {
          seen = [...seen, ...flush];
          const next = buildFact(experiment, 'v', seen);
          addFactChange(incremental, previous, next);
          previous = next;
        }
        const direct: SumDeltas = new Map();
        addFactChange(direct, null, previous);
        const rows = (deltas: SumDeltas) => nonZeroRows(deltas).map((row) => ({ ...row, sumX: Math.round(row.sumX * 1e6), sumX2: Math.round(row.sumX2 * 1e4), sumY: row.sumY, sumXy: Math.round(row.sumXy * 1e6) }));
        expect(new Set(rows(incremental).map((row) => JSON.stringify(row)))).toEqual(new Set(rows(direct).map((row) => JSON.stringify(row))));
      }),
    );
  });

  it('gives trust and noticed_disclosure only to visitors who answered', () => {
    const fact = buildFact(experiment, 'v', [{ id: 'e', type: 'exposure', experimentId: 'exp', variantId: 'a', ts: T0, receivedAt: T0, value: null, name: null }])!;
    expect(metricValues(fact).map((value) => value.metric)).not.toContain('trust');
    expect(metricValues({ ...fact, trustSum: 7, trustAnswers: 2 }).find((value) => value.metric === 'trust')).toEqual({ metric: 'trust', x: 3.5, y: 0 });
    expect(metricValues({ ...fact, clicks: 3, exposures: 2 }).find((value) => value.metric === 'clicks')).toEqual({ metric: 'clicks', x: 3, y: 2 });
  });
});

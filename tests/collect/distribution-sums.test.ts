// The distribution counts kept in the daily sums (pure): each rule as GET …/distributions once
// applied it over the facts, a changed fact moving its visitor from one count to another, and
// few extra rows a fact, only for visitors who answered or watched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_METRICS, DISTRIBUTION_PREFIX, furthestMark, startedImplied, trustScore } from '../../server/collect/distribution-sums.js';
import { buildFact, type Fact } from '../../server/collect/facts.js';
import { addFactChange, metricValues, nonZeroRows, sumRows, type SumDeltas } from '../../server/collect/sums.js';
import { METRIC_NAMES } from '../../server/experiments/vocabulary.js';
import { buildDistributions, type CountRow, type Distributions } from '../../server/results/distributions.js';
import { factArb, factsArb } from './fact-arbitraries.js';

const shape = { experimentId: 'exp', variantIds: ['arm-a', 'arm-b'], days: [20_400, 20_401, 20_402] };
const experiment = { variants: shape.variantIds.map((id) => ({ id, key: `key-${id}` })) };
const isDistribution = (metric: string) => metric.startsWith(DISTRIBUTION_PREFIX);

/** What the GROUP BY over the facts counted (tests/results/distribution-reference.ts), in plain code. */
function countFacts(facts: readonly Fact[]): Distributions {
  const arms = experiment.variants.map((variant) => ({ variant, facts: facts.filter((fact) => fact.variantId === variant.id) }));
  const count = (list: readonly Fact[], test: (fact: Fact) => boolean) => list.filter(test).length;
  const roundsTo = (k: number) => (f: Fact) => f.trustAnswers > 0 && 2 * f.trustSum >= (2 * k - 1) * f.trustAnswers && 2 * f.trustSum < (2 * k + 1) * f.trustAnswers;
  const reached = (mark: number) => (f: Fact) => f.watchPct >= mark || f.videoCompleted === 1;
  return {
    trust: arms.map(({ variant, facts: list }) => {
      const counts = [1, 2, 3, 4, 5].map((k) => count(list, roundsTo(k))) as [number, number, number, number, number];
      const answered = count(list, (f) => f.trustAnswers > 0);
      return { variant: variant.key, counts, answered, outOfScale: answered - counts.reduce((a, b) => a + b, 0) };
    }),
    noticed: arms.map(({ variant, facts: list }) => ({ variant: variant.key, yes: count(list, (f) => f.noticedDisclosure === 1), no: count(list, (f) => f.noticedDisclosure === 0) })),
    video: arms.map(({ variant, facts: list }) => ({
      variant: variant.key,
      exposed: list.length,
      started: count(list, (f) => f.videoStarted === 1 || f.watchPct > 0 || f.videoCompleted === 1),
      reached: { 25: count(list, reached(25)), 50: count(list, reached(50)), 75: count(list, reached(75)), 100: count(list, reached(100)) },
    })),
  };
}

/** The daily rows summed over days, as readDistributionCounts reads them. */
function countRows(deltas: SumDeltas): CountRow[] {
  const totals = new Map<string, CountRow>();
  for (const row of sumRows(deltas)) {
    const key = `${row.variantId}\u0000${row.metric}`;
    const total = totals.get(key) ?? { variantId: row.variantId, metric: row.metric, n: 0, sumX: 0 };
    total.n += row.n;
    total.sumX += row.sumX;
    totals.set(key, total);
  }
  return [...totals.values()];
}

describe('distribution counts in the daily sums', () => {
  it('rounds a mean trust half up without dividing, and leaves a mean off 0.5–5.5 in no bar', () => {
    const cases: Array<[number, number, number | null]> = [
      [1, 1, 1],
      [0.5, 1, 1],
      [0.49999999999999994, 1, null], // + 0.5 is 1 in doubles: Math.floor(mean + 0.5) would say 1
      [2.4999999999999996, 1, 2],
      [1.5, 1, 2],
      [3, 2, 2], // 1.5
      [7, 2, 4], // 3.5: answers 3 and 4
      [8, 3, 3], // 2.67
      [10.5, 3, 4], // 3.5
      [4.49, 1, 4],
      [5.499999999999999, 1, 5],
      [5.5, 1, null],
      [7, 1, null],
      [0, 1, null],
      [-1, 1, null],
      [0, 0, null],
    ];
    for (const [sum, answers, score] of cases) expect([sum, answers, trustScore(sum, answers)]).toEqual([sum, answers, score]);
  });

  it('puts a visitor at the furthest mark reached, finishing being every mark, and any mark counts as started', () => {
    const video = (videoStarted: number, watchPct: number, videoCompleted: number) => ({ videoStarted, watchPct, videoCompleted });
    expect([0, 24.999, 25, 49.9, 50, 74.99, 75, 99.9, 100, 130].map((pct) => furthestMark(video(1, pct, 0)))).toEqual([null, null, 25, 25, 50, 50, 75, 75, 100, 100]);
    expect(furthestMark(video(0, 0, 1))).toBe(100);
    expect(startedImplied(video(0, 10, 0))).toBe(true);
    expect(startedImplied(video(0, 0, 1))).toBe(true);
    expect(startedImplied(video(1, 60, 1))).toBe(false); // counted by video_started already
    expect(startedImplied(video(0, 0, 0))).toBe(false);
    expect(startedImplied(video(0, -3, 0))).toBe(false);
  });

  it('names no count like a metric', () => {
    expect(new Set(DISTRIBUTION_METRICS).size).toBe(DISTRIBUTION_METRICS.length);
    for (const metric of DISTRIBUTION_METRICS) {
      expect(metric.startsWith(DISTRIBUTION_PREFIX)).toBe(true);
      expect(METRIC_NAMES as readonly string[]).not.toContain(metric);
    }
    for (const metric of METRIC_NAMES) expect(isDistribution(metric)).toBe(false);
  });

  it('counts from the sums what the query over the facts counted, for any facts', () => {
    fc.assert(
      fc.property(factsArb(shape, { maxLength: 60 }), (facts) => {
        const deltas: SumDeltas = new Map();
        for (const fact of facts) addFactChange(deltas, null, fact);
        expect(buildDistributions(experiment, countRows(deltas))).toEqual(countFacts(facts));
      }),
      { numRuns: 300 },
    );
  });

  it('moving the counts by new − old over a history of changes equals counting the final facts', () => {
    // A visitor's fact changes any way at all, across variants and cohort days, and may be erased.
    const historyArb = fc.array(fc.array(fc.option(factArb(shape), { nil: null }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(historyArb, (visitors) => {
        const incremental: SumDeltas = new Map();
        const direct: SumDeltas = new Map();
        visitors.forEach((history, index) => {
          let before: Fact | null = null;
          for (const step of history) {
            const after: Fact | null = step && { ...step, visitorId: `visitor-${index}` };
            addFactChange(incremental, before, after);
            before = after;
          }
          addFactChange(direct, null, before);
        });
        const counts = (deltas: SumDeltas) =>
          nonZeroRows(deltas)
            .filter((row) => isDistribution(row.metric))
            .map((row) => `${row.variantId} ${row.day} ${row.metric} ${row.n} ${row.sumX} ${row.sumX2} ${row.sumY} ${row.sumY2} ${row.sumXy}`)
            .sort();
        expect(counts(incremental)).toEqual(counts(direct));
      }),
      { numRuns: 300 },
    );
  });

  it('moves a visitor whose mean trust goes from 3 to 4 from bar 3 to bar 4', () => {
    const fact = buildFact({ id: 'exp', siteId: 'site', stoppedAt: null }, 'v', [
      { id: 'e1', type: 'exposure', experimentId: 'exp', variantId: 'arm-a', ts: 0, receivedAt: 0, value: null, name: null },
      { id: 'e2', type: 'survey', experimentId: 'exp', variantId: 'arm-a', ts: 1, receivedAt: 1, value: 3, name: 'trust' },
    ])!;
    const deltas: SumDeltas = new Map();
    addFactChange(deltas, fact, { ...fact, trustSum: 8, trustAnswers: 2 });
    expect(nonZeroRows(deltas).map(({ metric, n, sumX }) => ({ metric, n, sumX }))).toEqual([
      { metric: 'trust', n: 0, sumX: 1 },
      { metric: 'dist:trust_3', n: -1, sumX: -1 },
      { metric: 'dist:trust_4', n: 1, sumX: 1 },
    ]);
  });

  it('adds at most two rows to a collected fact, and none to a visitor who neither answered nor watched', () => {
    fc.assert(
      fc.property(factArb(shape), (generated) => {
        const fact = { ...generated, visitorId: 'v' };
        const extra = metricValues(fact).filter((value) => isDistribution(value.metric));
        const answeredOrWatched = fact.trustAnswers > 0 || fact.watchPct > 0 || fact.videoCompleted === 1;
        if (!answeredOrWatched) expect(extra).toEqual([]);
        // The third, started without the flag, only for an import: ingestion sets the flag with any mark.
        expect(extra.length).toBeLessThanOrEqual(fact.videoStarted === 1 ? 2 : 3);
        for (const value of extra) expect(value).toMatchObject({ x: 1, y: 0 });
      }),
      { numRuns: 500 },
    );
  });
});

// Tests for server/assign/buckets.ts: bucket ranges, variant choice and visitor assignment.
import { describe, it, expect } from 'vitest';
import { assignVariant, bucketRanges, chooseVariant, hashV2 } from '../../server/assign/index.js';

const VISITORS = 100_000;
const ids = Array.from({ length: VISITORS }, (_, i) => `visitor-${i}`);

function shares(experiment: { seed: string; coverage: number; weights: readonly number[] }) {
  const counts = new Map<number, number>();
  for (const id of ids) {
    const v = assignVariant(experiment, id);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return (v: number) => (counts.get(v) ?? 0) / VISITORS;
}

function expectRanges(actual: Array<[number, number]>, expected: Array<[number, number]>) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach(([start, end], i) => {
    expect(start).toBeCloseTo(expected[i]![0], 12);
    expect(end).toBeCloseTo(expected[i]![1], 12);
  });
}

describe('bucketRanges', () => {
  // Vectors from GrowthBook's shared SDK spec: repository growthbook/growthbook,
  // file packages/sdk-js/test/cases.json, section "getBucketRange". GrowthBook falls
  // back to equal weights when weights do not sum to 1 (or do not match the variation
  // count), whereas we normalise by the sum, so only rows whose weights already sum
  // to 1 and whose coverage is within [0, 1] are used; a null weights row stands for
  // equal weights and is written out here.
  const specVectors: Array<[string, number, number[], Array<[number, number]>]> = [
    ['normal 50/50', 1, [0.5, 0.5], [[0, 0.5], [0.5, 1]]],
    ['reduced coverage', 0.5, [0.5, 0.5], [[0, 0.25], [0.5, 0.75]]],
    ['zero coverage', 0, [0.5, 0.5], [[0, 0], [0.5, 0.5]]],
    ['4 variations', 1, [0.25, 0.25, 0.25, 0.25], [[0, 0.25], [0.25, 0.5], [0.5, 0.75], [0.75, 1]]],
    ['uneven weights', 1, [0.4, 0.6], [[0, 0.4], [0.4, 1]]],
    ['uneven weights, 3 variations', 1, [0.2, 0.3, 0.5], [[0, 0.2], [0.2, 0.5], [0.5, 1]]],
    ['uneven weights, reduced coverage, 3 variations', 0.2, [0.2, 0.3, 0.5], [[0, 0.04], [0.2, 0.26], [0.5, 0.6]]],
  ];

  it.each(specVectors)('matches GrowthBook case "%s"', (_name, coverage, weights, expected) => {
    expectRanges(bucketRanges(weights, coverage), expected);
  });

  it('normalises weights by their sum', () => {
    expectRanges(bucketRanges([3, 1], 1), [[0, 0.75], [0.75, 1]]);
    expectRanges(bucketRanges([2, 2, 4], 0.5), [[0, 0.125], [0.25, 0.375], [0.5, 0.75]]);
  });

  it('makes ranges contiguous and ending at 1 at full coverage', () => {
    for (const weights of [[1, 1], [0.2, 0.3, 0.5], [3, 1], [1, 1, 1], [0.1, 0.7, 0.15, 0.05], [7]]) {
      const ranges = bucketRanges(weights, 1);
      expect(ranges[0]![0]).toBe(0);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeCloseTo(ranges[i - 1]![1], 12);
      expect(ranges[ranges.length - 1]![1]).toBeCloseTo(1, 12);
    }
  });

  it('clamps coverage above 1 to 1', () => {
    expect(bucketRanges([0.2, 0.3, 0.5], 1.5)).toEqual(bucketRanges([0.2, 0.3, 0.5], 1));
  });

  it('clamps negative or NaN coverage to 0', () => {
    expect(bucketRanges([1, 1], -0.2)).toEqual([[0, 0], [0.5, 0.5]]);
    expect(bucketRanges([1, 1], Number.NaN)).toEqual([[0, 0], [0.5, 0.5]]);
  });

  it('keeps every range start fixed when coverage changes', () => {
    const full = bucketRanges([0.2, 0.3, 0.5], 1);
    for (const coverage of [0, 0.1, 0.5, 0.9]) {
      bucketRanges([0.2, 0.3, 0.5], coverage).forEach(([start], i) => expect(start).toBe(full[i]![0]));
    }
  });

  it('gives a single weight the whole covered range', () => {
    expect(bucketRanges([5], 1)).toEqual([[0, 1]]);
    expect(bucketRanges([5], 0.3)).toEqual([[0, 0.3]]);
  });
});

describe('chooseVariant', () => {
  // Vectors from GrowthBook's shared SDK spec: repository growthbook/growthbook,
  // file packages/sdk-js/test/cases.json, section "chooseVariation" (all rows).
  const specVectors: Array<[string, number, Array<[number, number]>, number]> = [
    ['even range, 0.2', 0.2, [[0, 0.5], [0.5, 1]], 0],
    ['even range, 0.4', 0.4, [[0, 0.5], [0.5, 1]], 0],
    ['even range, 0.6', 0.6, [[0, 0.5], [0.5, 1]], 1],
    ['even range, 0.8', 0.8, [[0, 0.5], [0.5, 1]], 1],
    ['even range, 0', 0, [[0, 0.5], [0.5, 1]], 0],
    ['even range, 0.5', 0.5, [[0, 0.5], [0.5, 1]], 1],
    ['reduced range, 0.2', 0.2, [[0, 0.25], [0.5, 0.75]], 0],
    ['reduced range, 0.4', 0.4, [[0, 0.25], [0.5, 0.75]], -1],
    ['reduced range, 0.6', 0.6, [[0, 0.25], [0.5, 0.75]], 1],
    ['reduced range, 0.8', 0.8, [[0, 0.25], [0.5, 0.75]], -1],
    ['reduced range, 0.25', 0.25, [[0, 0.25], [0.5, 0.75]], -1],
    ['reduced range, 0.5', 0.5, [[0, 0.25], [0.5, 0.75]], 1],
    ['zero range', 0.5, [[0, 0.5], [0.5, 0.5], [0.5, 1]], 2],
  ];

  it.each(specVectors)('matches GrowthBook case "%s"', (_name, n, ranges, expected) => {
    expect(chooseVariant(n, ranges)).toBe(expected);
  });

  it('returns -1 when there are no ranges', () => {
    expect(chooseVariant(0.3, [])).toBe(-1);
  });
});

describe('assignVariant', () => {
  // From the same cases.json: "run" rows "Uses seed with default weights/coverage" and
  // "Uses seed with weights/coverage" (seed foo, id 1, hash v2), and the "stickyBucket"
  // rows whose arm comes from the hash rather than a stored assignment.
  it.each([
    ['foo', 1, [0.5, 0.5], '1', 1],
    ['foo', 0.99, [0.5, 0.5], '1', 1],
    ['feature-exp', 1, [0.3334, 0.3333, 0.3333], 'd123', 1],
    ['feature-exp', 1, [0.3334, 0.3333, 0.3333], 'i123', 2],
  ] as Array<[string, number, number[], string, number]>)(
    'matches GrowthBook for seed %j, coverage %j, weights %j and id %j',
    (seed, coverage, weights, id, expected) => {
      expect(assignVariant({ seed, coverage, weights }, id)).toBe(expected);
    },
  );

  it('assigns the same visitor to the same arm every time', () => {
    const experiment = { seed: 'headline-test', coverage: 0.8, weights: [1, 1, 2] };
    const first = ids.map((id) => assignVariant(experiment, id));
    expect(ids.map((id) => assignVariant(experiment, id))).toEqual(first);
  });

  it('uses hashV2 of the seed and visitor id to pick the range', () => {
    const experiment = { seed: 'cta-colour', coverage: 0.7, weights: [0.2, 0.3, 0.5] };
    const ranges = bucketRanges(experiment.weights, experiment.coverage);
    const sample = ids.slice(0, 1000);
    expect(sample.map((id) => assignVariant(experiment, id))).toEqual(
      sample.map((id) => chooseVariant(hashV2(experiment.seed, id), ranges)),
    );
  });

  it.each([
    [[1, 1]],
    [[0.2, 0.3, 0.5]],
    [[3, 1]],
  ])('splits 100,000 visitors within 1 point of weights %j at full coverage', (weights) => {
    const share = shares({ seed: 'distribution', coverage: 1, weights });
    const total = weights.reduce((a, b) => a + b, 0);
    expect(share(-1)).toBe(0);
    weights.forEach((w, i) => expect(Math.abs(share(i) - w / total)).toBeLessThan(0.01));
  });

  it('leaves about half of visitors out at coverage 0.5 and keeps the arms in proportion', () => {
    const weights = [0.2, 0.3, 0.5];
    const share = shares({ seed: 'half-coverage', coverage: 0.5, weights });
    expect(Math.abs(share(-1) - 0.5)).toBeLessThan(0.01);
    const enrolled = 1 - share(-1);
    weights.forEach((w, i) => {
      expect(Math.abs(share(i) - 0.5 * w)).toBeLessThan(0.01);
      expect(Math.abs(share(i) / enrolled - w)).toBeLessThan(0.01);
    });
  });

  it('leaves everyone out at coverage 0', () => {
    const experiment = { seed: 'off', coverage: 0, weights: [1, 1] };
    expect(ids.filter((id) => assignVariant(experiment, id) !== -1)).toEqual([]);
  });

  it('treats coverage above 1 as full coverage', () => {
    const over = { seed: 'over', coverage: 2, weights: [1, 3] };
    const full = { ...over, coverage: 1 };
    const arms = ids.map((id) => assignVariant(over, id));
    expect(arms).not.toContain(-1);
    expect(arms).toEqual(ids.map((id) => assignVariant(full, id)));
  });

  it('puts every visitor in the only arm of a single-weight experiment at full coverage', () => {
    const experiment = { seed: 'solo', coverage: 1, weights: [1] };
    expect(ids.filter((id) => assignVariant(experiment, id) !== 0)).toEqual([]);
  });

  it('never moves an enrolled visitor to another arm when coverage rises from 0.5 to 1', () => {
    // Coverage ramps rely on this: raising coverage may only enrol new visitors.
    for (const weights of [[1, 1], [0.2, 0.3, 0.5], [3, 1]]) {
      const half = { seed: 'ramp', coverage: 0.5, weights };
      const full = { ...half, coverage: 1 };
      const enrolled = ids.filter((id) => assignVariant(half, id) !== -1);
      expect(enrolled.length).toBeGreaterThan(0);
      const moved = enrolled.filter((id) => assignVariant(full, id) !== assignVariant(half, id));
      expect(moved).toEqual([]);
    }
  });

  it('only ever enrols more visitors as coverage steps up from 0 to 1', () => {
    const weights = [0.2, 0.3, 0.5];
    const steps = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
    const moved = ids.filter((id) => {
      let previous = -1;
      for (const coverage of steps) {
        const v = assignVariant({ seed: 'steps', coverage, weights }, id);
        if (previous !== -1 && v !== previous) return true;
        previous = v;
      }
      return false;
    });
    expect(moved).toEqual([]);
  });
});

// Tests for server/stats/sums.ts: stored running sums become the statistics' sample shapes.
import { describe, expect, it } from 'vitest';
import { addSums, compareRatios, sampleFromSums, welchTest } from '../../server/stats/index.js';

describe('sums adapters', () => {
  const day1 = { n: 3, sumX: 2, sumX2: 2, sumY: 5, sumY2: 9, sumXy: 3 };
  const day2 = { n: 2, sumX: 1, sumX2: 1, sumY: 4, sumY2: 10, sumXy: 2 };

  it('adds daily rows into the cumulative sums', () => {
    expect(addSums([day1, day2])).toEqual({ n: 5, sumX: 3, sumX2: 3, sumY: 9, sumY2: 19, sumXy: 5 });
    expect(addSums([])).toEqual({ n: 0, sumX: 0, sumX2: 0, sumY: 0, sumY2: 0, sumXy: 0 });
  });

  it('maps x to a sample', () => {
    expect(sampleFromSums(day1)).toEqual({ n: 3, sum: 2, sumSquares: 2 });
  });

  it('feeds the comparisons directly', () => {
    const total = addSums([day1, day2]);
    expect(welchTest(sampleFromSums(day1), sampleFromSums(total)).difference.estimate).toBeCloseTo(0.6 - 2 / 3, 15);
    expect(compareRatios(day1, total).difference.estimate).toBeCloseTo(3 / 9 - 2 / 5, 15);
  });
});

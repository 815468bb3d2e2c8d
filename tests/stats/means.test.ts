// Tests for server/stats/means.ts against scipy.stats.ttest_ind(equal_var=False), scipy's t
// interval and statsmodels' CompareMeans.tconfint_diff on cookie_cats and hillstrom.
import { describe, expect, it } from 'vitest';
import { meanInterval, welchTest } from '../../server/stats/means.js';
import { expectFields, reference } from './reference.js';

const REL = 1e-9;

describe('welchTest', () => {
  for (const c of reference.means) {
    it(`matches scipy and statsmodels on ${c.name}`, () => {
      const result = welchTest(c.control, c.treatment, c.alpha);
      expectFields(result.control, c.expected.control, REL, 1e-12, 'control');
      expectFields(result.treatment, c.expected.treatment, REL, 1e-12, 'treatment');
      expectFields(result.difference, c.expected.difference, REL, 1e-12, 'difference');
      if (c.expected.relativeLift) expectFields(result.relativeLift, c.expected.relativeLift, REL, 1e-12, 'relativeLift');
    });
  }

  it('reports p = 0 and an infinite statistic when neither arm varies but the means differ', () => {
    const r = welchTest({ n: 20, sum: 60, sumSquares: 180 }, { n: 25, sum: 100, sumSquares: 400 });
    expect(r.difference.pValue).toBe(0);
    expect(r.difference.statistic).toBe(Infinity);
    expect(r.difference.df).toBeNaN();
    expect([r.difference.lower, r.difference.upper]).toEqual([1, 1]);
  });

  it('gives NaN test figures when an arm has one visitor', () => {
    const r = welchTest({ n: 1, sum: 5, sumSquares: 25 }, { n: 10, sum: 40, sumSquares: 200 });
    expect(r.difference.estimate).toBe(-1);
    expect(r.difference.pValue).toBeNaN();
    expect(r.difference.lower).toBeNaN();
    expect(r.control.variance).toBeNaN();
  });

  it('gives NaN everywhere for an empty arm', () => {
    const r = welchTest({ n: 0, sum: 0, sumSquares: 0 }, { n: 10, sum: 40, sumSquares: 200 });
    expect(r.difference.estimate).toBeNaN();
    expect(r.difference.pValue).toBeNaN();
    expect(r.relativeLift.estimate).toBeNaN();
  });
});

describe('meanInterval', () => {
  it('is the point itself when every value is the same', () => {
    const r = meanInterval({ n: 5, sum: 10, sumSquares: 20 });
    expect(r).toMatchObject({ estimate: 2, lower: 2, upper: 2, variance: 0, standardError: 0 });
  });

  it('has a mean but no interval for one visitor', () => {
    const r = meanInterval({ n: 1, sum: 7, sumSquares: 49 });
    expect(r.estimate).toBe(7);
    expect(r.lower).toBeNaN();
  });

  it('does not go negative from rounding when Σx² − (Σx)²/n cancels', () => {
    const x = 123456.789;
    const r = meanInterval({ n: 3, sum: 3 * x, sumSquares: 3 * x * x });
    expect(r.variance).toBeGreaterThanOrEqual(0);
  });
});

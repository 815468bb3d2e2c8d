// Tests for server/stats/proportions.ts against statsmodels (Wilson interval, pooled z-test, Wald
// interval) on ab_data, cookie_cats and hillstrom, and on edge cases; lift against the formula.
import { describe, expect, it } from 'vitest';
import { compareProportions, wilsonInterval } from '../../server/stats/proportions.js';
import { expectFields, reference } from './reference.js';

const REL = 1e-9;
// Wilson ends that are exactly 0 or 1 come out of statsmodels as 4e-19 or 1 − 2e-16.
const ABS = 1e-15;

describe('compareProportions', () => {
  for (const c of reference.proportions) {
    it(`matches statsmodels on ${c.name}`, () => {
      const result = compareProportions(c.control, c.treatment, c.alpha);
      expectFields(result.control, c.expected.control, REL, ABS, 'control');
      expectFields(result.treatment, c.expected.treatment, REL, ABS, 'treatment');
      expectFields(result.difference, c.expected.difference, REL, ABS, 'difference');
      expectFields(result.relativeLift, c.expected.relativeLift, REL, ABS, 'relativeLift');
    });
  }

  it('reads the cleaned ab_data as 290,584 users', () => {
    const c = reference.proportions.find((p: { name: string }) => p.name === 'ab_data converted');
    expect(c.control.n + c.treatment.n).toBe(290_584);
  });

  it('gives a NaN p-value, not an error, when no arm converts', () => {
    const r = compareProportions({ n: 500, sum: 0, sumSquares: 0 }, { n: 480, sum: 0, sumSquares: 0 });
    expect(r.difference.pValue).toBeNaN();
    expect(r.difference.lower).toBe(0);
    expect(r.difference.upper).toBe(0);
    expect(r.relativeLift.estimate).toBeNaN();
    expect(r.control.lower).toBe(0);
  });

  it('gives NaN figures for an empty arm', () => {
    const r = compareProportions({ n: 0, sum: 0, sumSquares: 0 }, { n: 10, sum: 3, sumSquares: 3 });
    expect(r.difference.estimate).toBeNaN();
    expect(r.difference.pValue).toBeNaN();
    expect(r.relativeLift.estimate).toBeNaN();
  });
});

describe('wilsonInterval', () => {
  it('spans all of [0, 1] with no visitors', () => {
    expect(wilsonInterval({ n: 0, sum: 0, sumSquares: 0 })).toEqual({ n: 0, conversions: 0, estimate: NaN, lower: 0, upper: 1 });
  });

  it('pins the lower end at 0 with no conversions and the upper at 1 when all converted', () => {
    expect(wilsonInterval({ n: 40, sum: 0, sumSquares: 0 }).lower).toBe(0);
    expect(wilsonInterval({ n: 40, sum: 40, sumSquares: 40 }).upper).toBe(1);
  });

  it('widens as alpha shrinks', () => {
    const s = { n: 200, sum: 30, sumSquares: 30 };
    const wide = wilsonInterval(s, 0.01);
    const narrow = wilsonInterval(s, 0.1);
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });
});

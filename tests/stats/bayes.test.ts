// Tests for server/stats/bayes.ts: chance to beat and expected loss against scipy.integrate.quad
// over scipy.stats.beta (rates) and over the normal posterior density (means).
import { describe, expect, it } from 'vitest';
import { bayesMeans, bayesProportions } from '../../server/stats/bayes.js';
import { expectClose, reference } from './reference.js';

describe('bayesProportions', () => {
  for (const c of reference.bayes.proportions) {
    it(`matches numerical integration on ${c.name}`, () => {
      const r = bayesProportions(c.control, c.treatment);
      expect(r.method).toBe(c.expected.method);
      const rel = 1e-9;
      expectClose(r.chanceToBeat, c.expected.chanceToBeat, rel, 1e-14, 'chanceToBeat');
      expectClose(r.expectedLoss, c.expected.expectedLoss, rel, 1e-14, 'expectedLoss');
      expectClose(r.expectedLossControl, c.expected.expectedLossControl, rel, 1e-14, 'expectedLossControl');
    });
  }

  it('gives even odds and equal losses for two identical arms', () => {
    const s = { n: 1000, sum: 120, sumSquares: 120 };
    const r = bayesProportions(s, s);
    expect(r.chanceToBeat).toBeCloseTo(0.5, 11);
    expect(r.expectedLoss).toBeCloseTo(r.expectedLossControl, 14);
  });

  it('is symmetric: swapping the arms gives 1 − chance and swaps the losses', () => {
    const a = { n: 5000, sum: 400, sumSquares: 400 };
    const b = { n: 5200, sum: 450, sumSquares: 450 };
    const ab = bayesProportions(a, b);
    const ba = bayesProportions(b, a);
    expect(ab.chanceToBeat + ba.chanceToBeat).toBeCloseTo(1, 12);
    expect(ab.expectedLoss).toBeCloseTo(ba.expectedLossControl, 14);
  });

  it('has losses that differ by exactly the difference of the posterior means', () => {
    // E[max(T − C, 0)] − E[max(C − T, 0)] = E[T] − E[C], whatever the method.
    const cases: Array<[number, number, number, number]> = [
      [10_000_000, 1_000_000, 10_000_000, 5_000_000],
      [100, 3, 120, 40],
      [2_000_000, 1_999_997, 2_000_000, 1_999_990],
      [500, 0, 500, 1],
    ];
    for (const [n1, k1, n2, k2] of cases) {
      const r = bayesProportions({ n: n1, sum: k1, sumSquares: k1 }, { n: n2, sum: k2, sumSquares: k2 });
      const difference = (k2 + 1) / (n2 + 2) - (k1 + 1) / (n1 + 2);
      expect(Math.abs(r.expectedLossControl - r.expectedLoss - difference)).toBeLessThan(1e-10 * Math.abs(difference));
    }
  });

  it('integrates numerically for non-integer counts, and gives NaN for impossible ones', () => {
    const r = bayesProportions({ n: 10.5, sum: 2, sumSquares: 2 }, { n: 10, sum: 3, sumSquares: 3 });
    const near = bayesProportions({ n: 10, sum: 2, sumSquares: 2 }, { n: 10, sum: 3, sumSquares: 3 });
    expect(r.method).toBe('quadrature');
    expect(r.chanceToBeat).toBeGreaterThan(near.chanceToBeat);
    expect(r.chanceToBeat).toBeLessThan(near.chanceToBeat + 0.05);
    expect(bayesProportions({ n: 5, sum: 7, sumSquares: 7 }, { n: 10, sum: 3, sumSquares: 3 }).chanceToBeat).toBeNaN();
  });
});

describe('bayesMeans', () => {
  for (const c of reference.bayes.means) {
    it(`matches numerical integration on ${c.name}`, () => {
      const r = bayesMeans(c.control, c.treatment);
      expectClose(r.chanceToBeat, c.expected.chanceToBeat, 1e-9, 1e-14, 'chanceToBeat');
      expectClose(r.expectedLoss, c.expected.expectedLoss, 1e-9, 1e-14, 'expectedLoss');
      expectClose(r.expectedLossControl, c.expected.expectedLossControl, 1e-9, 1e-14, 'expectedLossControl');
    });
  }

  it('is NaN with fewer than two visitors in an arm', () => {
    expect(bayesMeans({ n: 1, sum: 3, sumSquares: 9 }, { n: 10, sum: 30, sumSquares: 100 }).chanceToBeat).toBeNaN();
  });

  it('is certain when neither arm varies', () => {
    const r = bayesMeans({ n: 5, sum: 10, sumSquares: 20 }, { n: 5, sum: 15, sumSquares: 45 });
    expect(r).toMatchObject({ chanceToBeat: 1, expectedLoss: 0, expectedLossControl: 1 });
  });
});

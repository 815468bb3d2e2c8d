// Tests for server/stats/srm.ts against scipy.stats.chisquare on the real splits of ab_data,
// cookie_cats and hillstrom, and on configured unequal weights.
import { describe, expect, it } from 'vitest';
import { sampleRatioMismatch } from '../../server/stats/srm.js';
import { expectClose, expectFields, reference } from './reference.js';

describe('sampleRatioMismatch', () => {
  for (const c of reference.srm) {
    it(`matches scipy.stats.chisquare on ${c.name}`, () => {
      const result = sampleRatioMismatch(c.counts, c.weights);
      expectFields(result, c.expected, 1e-9, 0, c.name);
      c.expected.expected.forEach((e: number, i: number) => expectClose(result.expected[i] as number, e, 1e-12, 0, `expected[${i}]`));
    });
  }

  it('finds cookie_cats 44,700 vs 45,489 off 50/50 at p ≈ 0.0086: flagged at 0.01, not at the default 0.001', () => {
    const counts = [44_700, 45_489];
    const atDefault = sampleRatioMismatch(counts, [1, 1]);
    expect(atDefault.pValue).toBeCloseTo(0.0086, 4);
    expect(atDefault.mismatch).toBe(false);
    expect(sampleRatioMismatch(counts, [1, 1], { threshold: 0.01 }).mismatch).toBe(true);
  });

  it('raises no flag until every arm has 8 visitors, however lopsided', () => {
    expect(sampleRatioMismatch([7, 0], [1, 1])).toMatchObject({ enoughData: false, mismatch: false });
    expect(sampleRatioMismatch([80, 8], [1, 1])).toMatchObject({ enoughData: true, mismatch: true });
  });

  it('flags visitors in an arm whose weight is 0', () => {
    const r = sampleRatioMismatch([500, 480, 9], [1, 1, 0]);
    expect(r.chiSquare).toBe(Infinity);
    expect(r.pValue).toBe(0);
    expect(r.mismatch).toBe(true);
  });

  it('returns NaN and no flag with no visitors or mismatched inputs', () => {
    expect(sampleRatioMismatch([0, 0], [1, 1])).toMatchObject({ pValue: NaN, mismatch: false });
    expect(sampleRatioMismatch([5, 5, 5], [1, 1])).toMatchObject({ pValue: NaN, mismatch: false });
    expect(sampleRatioMismatch([10], [1])).toMatchObject({ pValue: NaN, mismatch: false });
  });
});

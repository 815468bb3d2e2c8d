// Tests for server/stats/noninferiority.ts: the one-sided test on the delta-method lift against the
// formula computed with scipy in make_fixtures.py (ab_data, cookie_cats, hillstrom).
import { describe, expect, it } from 'vitest';
import { nonInferiority } from '../../server/stats/noninferiority.js';
import { expectFields, reference } from './reference.js';

describe('nonInferiority', () => {
  for (const c of reference.noninferiority) {
    it(`matches the reference on ${c.name}`, () => {
      const r = nonInferiority(c.control, c.treatment, { kind: c.kind, margin: c.margin, alpha: c.alpha });
      expectFields(r, c.expected, 1e-9, 0, c.name);
    });
  }

  it('cannot rule out that cookie_cats’ later gate costs 5% of day-7 retention, while ab_data’s new page clears −5%', () => {
    const find = (name: string) => reference.noninferiority.find((c: { name: string }) => c.name.startsWith(name));
    const cats = find('cookie_cats retention_7');
    const cookie = nonInferiority(cats.control, cats.treatment);
    expect(cookie.estimate).toBeCloseTo(-0.0431, 4); // lower bound −6.5%
    expect(cookie.nonInferior).toBe(false);
    const page = find('ab_data');
    const ab = nonInferiority(page.control, page.treatment);
    expect(ab.estimate).toBeCloseTo(-0.0131, 4); // lower bound −2.9%
    expect(ab.nonInferior).toBe(true);
  });

  it('defaults to a −5% margin at one-sided α = 0.05 for a binary metric', () => {
    const r = nonInferiority({ n: 10_000, sum: 1000, sumSquares: 1000 }, { n: 10_000, sum: 1000, sumSquares: 1000 });
    expect(r).toMatchObject({ margin: -0.05, alpha: 0.05, estimate: 0 });
    expect(r.nonInferior).toBe(false); // ±5.9% at n = 10,000: not enough to rule out a 5% loss
    const big = nonInferiority({ n: 200_000, sum: 20_000, sumSquares: 20_000 }, { n: 200_000, sum: 20_000, sumSquares: 20_000 });
    expect(big.nonInferior).toBe(true);
  });

  it('is never non-inferior on NaN figures', () => {
    expect(nonInferiority({ n: 100, sum: 0, sumSquares: 0 }, { n: 100, sum: 5, sumSquares: 5 })).toMatchObject({ estimate: NaN, nonInferior: false });
    expect(nonInferiority({ n: 0, sum: 0, sumSquares: 0 }, { n: 100, sum: 5, sumSquares: 5 }).nonInferior).toBe(false);
  });

  it('decides by the side of the margin when nothing varies', () => {
    const r = nonInferiority({ n: 10, sum: 10, sumSquares: 10 }, { n: 10, sum: 10, sumSquares: 10 });
    expect(r).toMatchObject({ estimate: 0, standardError: 0, pValue: 0, nonInferior: true });
  });
});

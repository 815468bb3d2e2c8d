// Tests for server/stats/distributions.ts against scipy.stats (fixtures/reference.json), to 1e-9
// relative, plus the edge cases the functions document.
import { describe, expect, it } from 'vitest';
import * as d from '../../server/stats/distributions.js';
import { expectClose, reference } from './reference.js';

const REL = 1e-9;
// A pdf or cdf that underflows in one library and not the other below 1e-300 is not an error.
const ABS = 1e-300;

interface Point { x: number; df?: number; cdf: number; sf: number; pdf: number }
interface Quantile { p: number; df?: number; ppf: number; isf: number }

describe('normal distribution', () => {
  it('matches scipy.stats.norm cdf, sf and pdf', () => {
    for (const pt of reference.distributions.normal.points as Point[]) {
      expectClose(d.normalCdf(pt.x), pt.cdf, REL, ABS, `cdf(${pt.x})`);
      expectClose(d.normalSf(pt.x), pt.sf, REL, ABS, `sf(${pt.x})`);
      expectClose(d.normalPdf(pt.x), pt.pdf, REL, ABS, `pdf(${pt.x})`);
    }
  });

  it('matches scipy.stats.norm ppf and isf, down to p = 1e-300', () => {
    for (const q of reference.distributions.normal.quantiles as Quantile[]) {
      expectClose(d.normalPpf(q.p), q.ppf, REL, 0, `ppf(${q.p})`);
      expectClose(d.normalIsf(q.p), q.isf, REL, 0, `isf(${q.p})`);
    }
  });

  it('maps the ends of [0, 1] to infinities and anything else to NaN', () => {
    expect(d.normalPpf(0)).toBe(-Infinity);
    expect(d.normalPpf(1)).toBe(Infinity);
    expect(d.normalPpf(1.5)).toBeNaN();
    expect(d.normalPpf(NaN)).toBeNaN();
    expect(d.normalCdf(Infinity)).toBe(1);
    expect(d.normalCdf(-Infinity)).toBe(0);
    expect(d.normalCdf(NaN)).toBeNaN();
  });
});

describe('Student t distribution', () => {
  it('matches scipy.stats.t cdf, sf and pdf from 1 to 5 million degrees of freedom', () => {
    for (const pt of reference.distributions.t.points as Point[]) {
      expectClose(d.tCdf(pt.x, pt.df as number), pt.cdf, REL, ABS, `cdf(${pt.x}, ${pt.df})`);
      expectClose(d.tSf(pt.x, pt.df as number), pt.sf, REL, ABS, `sf(${pt.x}, ${pt.df})`);
      expectClose(d.tPdf(pt.x, pt.df as number), pt.pdf, REL, ABS, `pdf(${pt.x}, ${pt.df})`);
    }
  });

  it('matches scipy.stats.t ppf and isf', () => {
    for (const q of reference.distributions.t.quantiles as Quantile[]) {
      expectClose(d.tPpf(q.p, q.df as number), q.ppf, REL, 1e-15, `ppf(${q.p}, ${q.df})`);
      expectClose(d.tIsf(q.p, q.df as number), q.isf, REL, 1e-15, `isf(${q.p}, ${q.df})`);
    }
  });

  it('agrees with the closed forms for 1 and 2 degrees of freedom', () => {
    // Cauchy: F(t) = ½ + atan(t)/π; ν = 2: F(t) = ½ + t / (2√(2 + t²)).
    for (const t of [-30, -2, -0.5, 0.1, 1, 7]) {
      expect(d.tCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      expect(d.tCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 14);
    }
    expect(d.tPpf(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 12);
  });

  it('becomes the normal at infinite degrees of freedom and NaN at none', () => {
    expect(d.tCdf(1.3, Infinity)).toBe(d.normalCdf(1.3));
    expect(d.tPpf(0.9, Infinity)).toBe(d.normalPpf(0.9));
    expect(d.tCdf(1, 0)).toBeNaN();
    expect(d.tCdf(1, -2)).toBeNaN();
    expect(d.tCdf(1, NaN)).toBeNaN();
    expect(d.tPpf(0.5, 4)).toBe(0);
    expect(d.tSf(Infinity, 3)).toBe(0);
  });
});

describe('chi-squared distribution', () => {
  it('matches scipy.stats.chi2 cdf, sf and pdf', () => {
    for (const pt of reference.distributions.chi2.points as Point[]) {
      expectClose(d.chi2Cdf(pt.x, pt.df as number), pt.cdf, REL, ABS, `cdf(${pt.x}, ${pt.df})`);
      expectClose(d.chi2Sf(pt.x, pt.df as number), pt.sf, REL, ABS, `sf(${pt.x}, ${pt.df})`);
      expectClose(d.chi2Pdf(pt.x, pt.df as number), pt.pdf, REL, ABS, `pdf(${pt.x}, ${pt.df})`);
    }
  });

  it('matches scipy.stats.chi2 ppf and isf', () => {
    for (const q of reference.distributions.chi2.quantiles as Quantile[]) {
      expectClose(d.chi2Ppf(q.p, q.df as number), q.ppf, REL, 0, `ppf(${q.p}, ${q.df})`);
      expectClose(d.chi2Isf(q.p, q.df as number), q.isf, REL, 0, `isf(${q.p}, ${q.df})`);
    }
  });

  it('handles the ends of its support', () => {
    expect(d.chi2Cdf(0, 3)).toBe(0);
    expect(d.chi2Sf(-1, 3)).toBe(1);
    expect(d.chi2Sf(Infinity, 3)).toBe(0);
    expect(d.chi2Ppf(0, 3)).toBe(0);
    expect(d.chi2Ppf(1, 3)).toBe(Infinity);
    expect(d.chi2Cdf(2, 0)).toBeNaN();
  });
});

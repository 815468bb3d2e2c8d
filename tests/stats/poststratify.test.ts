// Tests for server/stats/poststratify.ts against Lin's fully interacted OLS with HC2 errors
// (statsmodels) on hillstrom, strata zip_code × newbie (tests/stats/fixtures/poststrat.json, made
// by make_poststrat_fixtures.py). In that fixture the regression's coefficient and HC2 standard
// error equal the Neyman formula's to within 1.5e-15 relative: they are the same figure, and the
// tests hold ours to both at 1e-9.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postStratify } from '../../server/stats/poststratify.js';
import { expectClose, expectFields } from './reference.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/poststrat.json', import.meta.url), 'utf8'));
const TOLERANCE = 1e-9;

describe('postStratify on hillstrom', () => {
  for (const c of fixture.poststrat) {
    it(`matches statsmodels for ${c.name}`, () => {
      const result = postStratify(c.strata, c.kind);
      const e = c.expected;
      expectClose(result.adjusted.estimate, e.lin.coefficient, TOLERANCE, 0, 'OLS coefficient on T');
      expectClose(result.adjusted.standardError, e.lin.standardError, TOLERANCE, 0, 'HC2 standard error');
      expectClose(result.controlMean, e.lin.intercept, TOLERANCE, 0, 'OLS intercept (centred strata)');
      expectFields(result.adjusted, e.adjusted, TOLERANCE, 0, 'adjusted');
      expectFields(result.raw, e.raw, TOLERANCE, 0, 'raw');
      expectFields(result.relative, e.relative, TOLERANCE, 0, 'relative');
      expectClose(result.relative.standardError, e.relativeFromOls.standardError, TOLERANCE, 0, 'relative SE from the OLS covariance');
      expectClose(result.varianceReduction, e.varianceReduction, TOLERANCE, 0, 'varianceReduction');
      expect(result.strata).toBe(6);
      // HC2 and the Neyman formula are one figure here, not merely close.
      expect(e.hc2VersusNeyman.standardError).toBeLessThan(1e-14);
    });
  }

  it('removes little variance on hillstrom, and says so', () => {
    for (const c of fixture.poststrat) {
      expect(Math.abs(postStratify(c.strata, c.kind).varianceReduction)).toBeLessThan(0.01);
    }
  });
});

describe('postStratify edge cases', () => {
  const cell = (n: number, sum: number, sumSquares: number) => ({ n, sum, sumSquares });

  it('equals the plain difference for one stratum, with the n − 1 variance', () => {
    const control = cell(100, 10, 10);
    const treatment = cell(120, 18, 18);
    const result = postStratify([{ control, treatment }], 'binary');
    expect(result.adjusted.estimate).toBeCloseTo(18 / 120 - 10 / 100, 15);
    const expectedVariance = (0.15 * 0.85) / 119 + (0.1 * 0.9) / 99;
    expect(result.adjusted.standardError).toBeCloseTo(Math.sqrt(expectedVariance), 15);
    expect(result.relative.estimate).toBeCloseTo(0.5, 14);
  });

  it('skips empty strata and reports the smallest cell', () => {
    const result = postStratify(
      [
        { control: cell(50, 5, 5), treatment: cell(40, 8, 8) },
        { control: cell(0, 0, 0), treatment: cell(0, 0, 0) },
        { control: cell(30, 3, 3), treatment: cell(35, 7, 7) },
      ],
      'binary',
    );
    expect(result.strata).toBe(2);
    expect(result.smallestCell).toBe(30);
    expect(Number.isFinite(result.adjusted.standardError)).toBe(true);
  });

  it('gives NaN adjusted figures when a stratum has a single visitor in an arm', () => {
    const result = postStratify([{ control: cell(1, 2, 4), treatment: cell(10, 25, 80) }], 'continuous');
    expect(result.adjusted.standardError).toBeNaN();
    expect(result.smallestCell).toBe(1);
  });

  it('gives NaN relative figures when the control mean is 0, and NaN everything with no strata', () => {
    expect(postStratify([{ control: cell(10, 0, 0), treatment: cell(10, 3, 3) }], 'binary').relative.estimate).toBeNaN();
    const none = postStratify([], 'binary');
    expect(none.adjusted.estimate).toBeNaN();
    expect(none.strata).toBe(0);
  });
});

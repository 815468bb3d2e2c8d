// Tests for sampleSizeMeans and the noncentral t (server/stats/power.ts, noncentral-t.ts) against
// statsmodels' TTestIndPower (tests/stats/fixtures/power-means.json, made by
// make_power_means_fixtures.py). The exact n per arm is the root of statsmodels' own power
// function found to 1e-15; solve_power's answer stops at its root finder's tolerance (2e-8
// relative for the effects of 0.02–0.5 SD, 1.7e-7 at 2 SD where n is 9), so it is held to 1e-6.
// At few degrees of freedom scipy's t.isf is itself off by up to 1e-9 (our tIsf is not: the
// exact quantile, by brentq on t.sf, agrees with it to 1e-15), which moves n by about 1e-11.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nctCdf, nctSf } from '../../server/stats/noncentral-t.js';
import { sampleSizeMeans, sampleSizePerArm, tTestPower } from '../../server/stats/power.js';
import { expectClose } from './reference.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/power-means.json', import.meta.url), 'utf8'));

describe('sampleSizeMeans', () => {
  for (const c of fixture.sampleSize) {
    it(`matches statsmodels for d = ${c.effectSize.toFixed(4)}, α ${c.alpha}, power ${c.power}`, () => {
      const plan = sampleSizeMeans(c);
      expectClose(plan.exactPerArm, c.exactPerArm, 1e-9, 0, 'exactPerArm');
      expectClose(plan.exactPerArm, c.solvePower, 1e-6, 0, 'solve_power');
      expect(plan.perArm).toBe(c.perArm);
      expectClose(plan.absoluteEffect, c.absoluteEffect, 1e-15);
    });
  }

  it('is NaN for no effect, a zero mean or a non-positive SD', () => {
    expect(sampleSizeMeans({ mean: 1, sd: 1, relativeEffect: 0 }).perArm).toBeNaN();
    expect(sampleSizeMeans({ mean: 0, sd: 1, relativeEffect: 0.1 }).perArm).toBeNaN();
    expect(sampleSizeMeans({ mean: 1, sd: 0, relativeEffect: 0.1 }).perArm).toBeNaN();
    expect(sampleSizeMeans({ mean: 1, sd: -1, relativeEffect: 0.1 }).perArm).toBeNaN();
  });

  it('needs a little more than the z-test for a large effect, and about the same for a small one', () => {
    const z = (1.959963984540054 + 0.8416212335729143) ** 2 * 2;
    expect(sampleSizeMeans({ mean: 1, sd: 2, relativeEffect: 1 }).exactPerArm).toBeGreaterThan(z * 4);
    expect(sampleSizeMeans({ mean: 1, sd: 1, relativeEffect: 0.02 }).exactPerArm / (z / 0.0004)).toBeCloseTo(1, 4);
  });
});

describe('noncentral t and the power of the t-test', () => {
  for (const c of fixture.powerValues) {
    it(`matches scipy's nct for d = ${c.effectSize}, n = ${c.perArm}`, () => {
      expectClose(nctSf(c.critical, c.df, c.noncentrality), c.upper, 1e-12, 1e-15, 'upper tail');
      expectClose(nctCdf(-c.critical, c.df, c.noncentrality), c.lower, 1e-6, 1e-15, 'lower tail');
      // scipy's t.isf is itself off by 1e-9 at 6 degrees of freedom, so the whole power at 1e-9.
      expectClose(tTestPower(c.effectSize, c.perArm, c.alpha), c.power, 0, 1e-9, 'power');
    });
  }

  it('is the central t at zero noncentrality, and cdf + sf = 1', () => {
    expect(nctCdf(0, 10, 0)).toBeCloseTo(0.5, 15);
    expect(nctCdf(1.5, 7, 0.8) + nctSf(1.5, 7, 0.8)).toBeCloseTo(1, 14);
    expect(nctCdf(-1.5, 7, 0.8) + nctSf(-1.5, 7, 0.8)).toBeCloseTo(1, 14);
  });
});

describe("the issue's arithmetic", () => {
  // Issue 14: "detecting a −20% change in purchases from a 1.5% baseline takes about 23,000
  // visitors per arm" (statsmodels' samplesize_proportions_2indep_onetail gives 23227.5806…).
  it('a −20% change in purchases from a 1.5% baseline takes 23,228 visitors per arm', () => {
    expect(sampleSizePerArm({ baseline: 0.015, relativeEffect: -0.2 }).perArm).toBe(23_228);
    // The same change upwards needs more: the variance grows with the rate.
    expect(sampleSizePerArm({ baseline: 0.015, relativeEffect: 0.2 }).perArm).toBe(28_304);
  });
});

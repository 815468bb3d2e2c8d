// Tests for server/stats/power.ts against statsmodels' samplesize_proportions_2indep_onetail (and a
// root of it, by scipy's brentq, for the detectable effect).
import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, sampleSizePerArm } from '../../server/stats/power.js';
import { expectClose, reference } from './reference.js';

describe('sampleSizePerArm', () => {
  for (const c of reference.power.sampleSize) {
    it(`matches statsmodels for baseline ${c.baseline}, effect ${c.relativeEffect}, α ${c.alpha}, power ${c.power}`, () => {
      const plan = sampleSizePerArm(c);
      expectClose(plan.exactPerArm, c.exactPerArm, 1e-9);
      expect(plan.perArm).toBe(c.perArm);
    });
  }

  it('needs about 12,000 visitors per arm for +10% on a 12% rate', () => {
    expect(sampleSizePerArm({ baseline: 0.12, relativeEffect: 0.1 }).perArm).toBe(12_004);
  });

  it('returns NaN for a baseline of 0 or 1, no effect, or a rate pushed past 100%', () => {
    expect(sampleSizePerArm({ baseline: 0, relativeEffect: 0.1 }).perArm).toBeNaN();
    expect(sampleSizePerArm({ baseline: 1, relativeEffect: -0.1 }).perArm).toBeNaN();
    expect(sampleSizePerArm({ baseline: 0.2, relativeEffect: 0 }).perArm).toBeNaN();
    expect(sampleSizePerArm({ baseline: 0.6, relativeEffect: 1 }).perArm).toBeNaN();
  });
});

describe('minimumDetectableEffect', () => {
  for (const c of reference.power.detectable) {
    it(`matches statsmodels for baseline ${c.baseline} and ${c.visitorsPerArm} visitors per arm`, () => {
      const mde = minimumDetectableEffect(c);
      expectClose(mde.absoluteEffect, c.absoluteEffect, 1e-9);
      expectClose(mde.relativeEffect, c.relativeEffect, 1e-9);
    });
  }

  it('inverts sampleSizePerArm', () => {
    const plan = sampleSizePerArm({ baseline: 0.04, relativeEffect: 0.15, power: 0.9 });
    const mde = minimumDetectableEffect({ baseline: 0.04, visitorsPerArm: plan.exactPerArm, power: 0.9 });
    expect(mde.relativeEffect).toBeCloseTo(0.15, 10);
  });

  it('returns NaN when even a rate of 100% could not be detected', () => {
    expect(minimumDetectableEffect({ baseline: 0.5, visitorsPerArm: 2 }).relativeEffect).toBeNaN();
    expect(minimumDetectableEffect({ baseline: 0.5, visitorsPerArm: 0 }).relativeEffect).toBeNaN();
  });
});

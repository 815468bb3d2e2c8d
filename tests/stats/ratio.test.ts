// Tests for server/stats/ratio.ts: delta-method ratios (spend per visit, conversions per visit on
// hillstrom; simulated clicks per exposure) against the formula computed with numpy.
import { describe, expect, it } from 'vitest';
import { compareRatios, ratioInterval } from '../../server/stats/ratio.js';
import { expectFields, reference } from './reference.js';

const REL = 1e-9;

describe('compareRatios', () => {
  for (const c of reference.ratios) {
    it(`matches the delta-method reference on ${c.name}`, () => {
      const result = compareRatios(c.control, c.treatment, c.alpha);
      expectFields(result.control, c.expected.control, REL, 0, 'control');
      expectFields(result.treatment, c.expected.treatment, REL, 0, 'treatment');
      expectFields(result.difference, c.expected.difference, REL, 0, 'difference');
      expectFields(result.relativeLift, c.expected.relativeLift, REL, 0, 'relativeLift');
    });
  }

  it('gives a NaN ratio when no arm has a denominator', () => {
    const empty = { n: 10, sumX: 0, sumY: 0, sumX2: 0, sumY2: 0, sumXy: 0 };
    const r = compareRatios(empty, { n: 10, sumX: 3, sumY: 20, sumX2: 3, sumY2: 44, sumXy: 7 });
    expect(r.control.estimate).toBeNaN();
    expect(r.difference.estimate).toBeNaN();
    expect(r.relativeLift.estimate).toBeNaN();
  });

  it('has a ratio but no interval for one visitor', () => {
    const r = ratioInterval({ n: 1, sumX: 2, sumY: 4, sumX2: 4, sumY2: 16, sumXy: 8 });
    expect(r.estimate).toBe(0.5);
    expect(r.standardError).toBeNaN();
  });

  it('is exact when x is a fixed multiple of y', () => {
    // x = 0.25·y for every visitor: the ratio has no variance.
    const r = ratioInterval({ n: 4, sumX: 2.5, sumY: 10, sumX2: 0.0625 * 30, sumY2: 30, sumXy: 0.25 * 30 });
    expect(r.estimate).toBe(0.25);
    expect(r.standardError).toBeLessThan(1e-9);
  });
});

// Tests for server/stats/heterogeneity.ts and segments.ts against statsmodels' combine_effects
// (Cochran's Q) and scipy's χ² on hillstrom's zip_code, newbie and channel levels
// (tests/stats/fixtures/poststrat.json, made by make_poststrat_fixtures.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { heterogeneityTest } from '../../server/stats/heterogeneity.js';
import { compareProportions, welchTest } from '../../server/stats/index.js';
import { analyseLevels } from '../../server/stats/segments.js';
import { expectClose } from './reference.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/poststrat.json', import.meta.url), 'utf8'));
const TOLERANCE = 1e-9;

describe('analyseLevels and heterogeneityTest on hillstrom', () => {
  for (const c of fixture.heterogeneity) {
    it(`matches statsmodels for ${c.name}`, () => {
      const result = analyseLevels(c.levels, c.kind);
      result.levels.forEach((level, i) => {
        const expected = c.levels[i];
        expect(level.level).toBe(expected.level);
        expect(level.n).toBe(expected.treatment.n);
        expect(level.controlN).toBe(expected.control.n);
        expectClose(level.absolute.estimate, expected.estimate, TOLERANCE, 0, `${level.level} estimate`);
        expectClose(level.absolute.standardError, expected.standardError, TOLERANCE, 0, `${level.level} SE`);
      });
      expectClose(result.interaction.statistic, c.expected.statistic, TOLERANCE, 0, 'Q');
      expect(result.interaction.df).toBe(c.expected.df);
      expectClose(result.interaction.pValue, c.expected.pValue, TOLERANCE, 0, 'p');
      const direct = heterogeneityTest(c.levels);
      expectClose(direct.statistic, c.expected.statistic, TOLERANCE, 0, 'Q from the levels directly');
    });
  }

  it('reads each level exactly like the whole-arm comparison', () => {
    const c = fixture.heterogeneity.find((h: { kind: string }) => h.kind === 'binary');
    const level = c.levels[0];
    const { levels } = analyseLevels([level], 'binary');
    const whole = compareProportions(level.control, level.treatment);
    expect(levels[0]!.absolute).toEqual({ ...whole.difference });
    expect(levels[0]!.relative).toEqual(whole.relativeLift);
    const s = fixture.heterogeneity.find((h: { kind: string }) => h.kind === 'continuous').levels[0];
    const mean = analyseLevels([s], 'continuous').levels[0]!;
    const welch = welchTest(s.control, s.treatment).difference;
    expect(mean.absolute.pValue).toBe(welch.pValue);
    expect(mean.absolute.lower).toBe(welch.lower);
  });
});

describe('heterogeneityTest edge cases', () => {
  it('leaves out levels without a usable standard error', () => {
    const result = heterogeneityTest([
      { estimate: 0.1, standardError: 0.05 },
      { estimate: -0.1, standardError: 0.05 },
      { estimate: 0.3, standardError: 0 },
      { estimate: 0.2, standardError: NaN },
      { estimate: NaN, standardError: 0.1 },
    ]);
    expect(result.df).toBe(1);
    expect(result.statistic).toBeCloseTo(8, 12);
  });

  it('gives NaN with fewer than two usable levels', () => {
    expect(heterogeneityTest([{ estimate: 1, standardError: 1 }])).toEqual({ statistic: NaN, df: 0, pValue: NaN });
    expect(heterogeneityTest([])).toEqual({ statistic: NaN, df: 0, pValue: NaN });
  });
});

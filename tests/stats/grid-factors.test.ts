import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitFactorModel, type FactorArm } from '../../server/stats/grid-factors.js';

interface Fit { columns: string[]; params: number[]; bse: number[]; pvalues: number[]; lower: number[]; upper: number[]; nobs: number; dfResid: number }
interface Fixture {
  dropped: string[];
  arms: (Omit<FactorArm, 'sample'> & { sums: Record<'carted' | 'revenue', FactorArm['sample']> })[];
  fits: Record<'carted' | 'revenue', Fit>;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/grid-factors.json', import.meta.url), 'utf8')) as Fixture;

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('the disclosure factor model', () => {
  for (const metric of ['carted', 'revenue'] as const) {
    it(`equals statsmodels OLS with HC2 errors on the visitor-level ${metric} data: origin, disclosure, style, wording and timing to 1e-9`, () => {
      const reference = fixture.fits[metric];
      const model = fitFactorModel(fixture.arms.map(({ sums, ...arm }) => ({ ...arm, sample: sums[metric] })));
      expect(model.available).toBe(true);
      expect(['const', ...model.terms.map((term) => term.name)]).toEqual(reference.columns);
      expect(model.n).toBe(reference.nobs);
      expect(model.residualDf).toBe(reference.dfResid);
      const effects = [model.intercept!, ...model.terms];
      effects.forEach((effect, j) => {
        close(effect.estimate, reference.params[j]!);
        close(effect.standardError, reference.bse[j]!);
        close(effect.pValue, reference.pvalues[j]!);
        close(effect.lower, reference.lower[j]!);
        close(effect.upper, reference.upper[j]!);
      });
    });
  }

  it('leaves out the interaction the arms cannot estimate, and names a factor that moves with another as confounded', () => {
    const model = fitFactorModel(fixture.arms.map(({ sums, ...arm }) => ({ ...arm, sample: sums.carted })));
    expect(model.terms.map((term) => term.name)).not.toContain('origin:ai×disclosure');
    expect(model.factors.map((factor) => factor.name)).toEqual(['origin', 'disclosure', 'style', 'wording', 'timing']);
    expect(model.factors.find((factor) => factor.name === 'wording')).toEqual({ name: 'wording', levels: ['Made with AI', 'AI-generated image'], reference: 'Made with AI' });
    expect(model.factors.find((factor) => factor.name === 'timing')).toEqual({ name: 'timing', levels: ['throughout', 'first 3 s'], reference: 'throughout' });

    // Every wording change also changes the style: the two cannot be told apart.
    const sample = { n: 100, sum: 10, sumSquares: 10 };
    const tangled = fitFactorModel([
      { key: 'a', origin: 'ai', style: 'none', wording: null, showForSeconds: null, sample },
      { key: 'b', origin: 'ai', style: 'label', wording: 'Made with AI', showForSeconds: null, sample: { n: 100, sum: 12, sumSquares: 12 } },
      { key: 'c', origin: 'ai', style: 'icon', wording: 'AI-generated', showForSeconds: null, sample: { n: 100, sum: 9, sumSquares: 9 } },
    ]);
    expect(tangled.terms.map((term) => term.name)).toEqual(['disclosure', 'style:icon']);
    expect(tangled.confounded).toEqual(['"AI-generated" vs "Made with AI"']);
    expect(tangled.note).toContain('Not separable');
  });

  it('has nothing to estimate when the arms share every factor, and skips arms without visitors', () => {
    const sample = { n: 50, sum: 5, sumSquares: 5 };
    const same = fitFactorModel([
      { key: 'a', origin: 'ai', style: 'label', wording: 'Made with AI', showForSeconds: null, sample },
      { key: 'b', origin: 'ai', style: 'label', wording: 'Made with AI', showForSeconds: null, sample },
      { key: 'c', origin: 'ai', style: 'icon', wording: 'Made with AI', showForSeconds: null, sample: { n: 0, sum: 0, sumSquares: 0 } },
    ]);
    expect(same).toMatchObject({ available: false, terms: [], intercept: null, n: 100 });
  });
});

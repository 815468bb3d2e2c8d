// Tests for server/stats/multiple.ts against statsmodels' multipletests("holm" and "fdr_bh").
import { describe, expect, it } from 'vitest';
import { adjustPValues, benjaminiHochberg, holm } from '../../server/stats/multiple.js';
import { expectClose, reference } from './reference.js';

describe('Holm and Benjamini–Hochberg adjustments', () => {
  for (const c of reference.multiple) {
    it(`match statsmodels on ${c.name}`, () => {
      const h = holm(c.pValues);
      const bh = benjaminiHochberg(c.pValues);
      c.holm.forEach((p: number, i: number) => expectClose(h[i] as number, p, 1e-12, 0, `holm[${i}]`));
      c.benjaminiHochberg.forEach((p: number, i: number) => expectClose(bh[i] as number, p, 1e-12, 0, `bh[${i}]`));
    });
  }

  it('leaves NaN p-values out of the family and NaN in the output', () => {
    expect(holm([0.01, NaN, 0.04])).toEqual([0.02, NaN, 0.04]);
    expect(benjaminiHochberg([0.01, NaN, 0.04])).toEqual([0.02, NaN, 0.04]);
  });

  it('handles an empty family', () => {
    expect(adjustPValues([])).toEqual({ method: 'holm', adjusted: [], rejected: [] });
  });

  it('says which hypotheses are rejected at alpha', () => {
    // Holm: 0.003, 0.06, 0.06; Benjamini–Hochberg: 0.003, 0.04, 0.04.
    expect(adjustPValues([0.001, 0.03, 0.04], 'holm').rejected).toEqual([true, false, false]);
    expect(adjustPValues([0.001, 0.03, 0.04], 'benjamini-hochberg').rejected).toEqual([true, true, true]);
    expect(adjustPValues([0.001, 0.02, 0.06], 'none').adjusted).toEqual([0.001, 0.02, 0.06]);
  });
});

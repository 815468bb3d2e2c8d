// The names the results document, the table's tooltips and the CSV give to each p-value.
import { describe, expect, it } from 'vitest';
import { describePValue, fixedHorizonTest } from '../../server/results/p-values.js';

describe('which test a p-value comes from', () => {
  it.each([
    ['binary', 'pooled-z'],
    ['continuous', 'welch-t'],
    ['ratio', 'delta-method'],
  ] as const)('tests a %s metric with the %s test once the horizon is fixed', (kind, test) => {
    expect(fixedHorizonTest(kind)).toBe(test);
  });

  it.each([
    ['welch-t', 'holm', 'guardrail', "Welch's t-test, Holm-adjusted across the guardrail metrics"],
    ['pooled-z', 'benjamini-hochberg', 'primary', "Pooled two-proportion z-test, Benjamini–Hochberg-adjusted across the primary metric's arms"],
    ['delta-method', 'holm', 'secondary', 'Delta-method z-test, Holm-adjusted across the secondary metrics'],
    ['always-valid', 'none', 'primary', 'Always-valid (peeking-safe) test of the relative lift, not adjusted'],
  ] as const)('describes %s with %s in the %s family', (test, adjustment, role, sentence) => {
    expect(describePValue(test, adjustment, role)).toBe(sentence);
  });
});

// Checks a results document of an imported data set against the reference figures that
// tests/stats/fixtures/make_fixtures.py computed with scipy and statsmodels on the same data.
import { expect } from 'vitest';
import { expectClose, expectFields, reference } from '../stats/reference.js';

const REL = 1e-9;
// Wilson ends and figures that should be 0 come out of statsmodels as 1e-19 or so.
const ABS = 1e-15;

export const byName = (list: Array<{ name: string }>, name: string): any => {
  const found = list.find((item) => item.name === name);
  if (!found) throw new Error(`reference.json has no case "${name}"`);
  return found;
};

export function metricOf(doc: any, label: string): any {
  const metric = doc.metrics.find((candidate: any) => candidate.label === label);
  if (!metric) throw new Error(`the document has no metric labelled "${label}"; it has ${doc.metrics.map((m: any) => m.label).join(', ')}`);
  return metric;
}

const armOf = (metric: any, variant: string) => metric.arms.find((arm: any) => arm.variant === variant);
const comparisonOf = (metric: any, variant: string) => metric.comparisons.find((comparison: any) => comparison.variant === variant);

/** A binary metric's control and treatment arms and their comparison, against a proportions case. */
export function expectProportions(metric: any, control: string, treatment: string, caseName: string): void {
  const c = byName(reference.proportions, caseName);
  expect(metric.kind).toBe('binary');
  expect([armOf(metric, control).n, armOf(metric, treatment).n]).toEqual([c.control.n, c.treatment.n]);
  expectFields(armOf(metric, control), c.expected.control, REL, ABS, `${caseName} control`);
  expectFields(armOf(metric, treatment), c.expected.treatment, REL, ABS, `${caseName} treatment`);
  expectFields(comparisonOf(metric, treatment).absolute, c.expected.difference, REL, ABS, `${caseName} difference`);
  expectFields(comparisonOf(metric, treatment).relative, c.expected.relativeLift, REL, ABS, `${caseName} relative lift`);
}

/** A continuous metric's arms (mean and t interval) and Welch's test, against a means case. */
export function expectMeans(metric: any, control: string, treatment: string, caseName: string): void {
  const c = byName(reference.means, caseName);
  expect(metric.kind).toBe('continuous');
  for (const [arm, expected] of [[control, c.expected.control], [treatment, c.expected.treatment]] as const) {
    for (const field of ['estimate', 'lower', 'upper']) expectClose(armOf(metric, arm)[field], expected[field], REL, 1e-12, `${caseName} ${arm}.${field}`);
  }
  expectFields(comparisonOf(metric, treatment).absolute, c.expected.difference, REL, 1e-12, `${caseName} difference`);
  expectFields(comparisonOf(metric, treatment).relative, c.expected.relativeLift, REL, 1e-12, `${caseName} relative lift`);
}

/** Chance to beat the control and expected loss (primary and guardrail metrics only), against the numerical integration. */
export function expectBayes(metric: any, treatment: string, caseName: string, kind: 'proportions' | 'means'): void {
  const c = byName(reference.bayes[kind], caseName);
  expectClose(comparisonOf(metric, treatment).chanceToBeat, c.expected.chanceToBeat, REL, 1e-14, `${caseName} chanceToBeat`);
  expectClose(comparisonOf(metric, treatment).expectedLoss, c.expected.expectedLoss, REL, 1e-14, `${caseName} expectedLoss`);
}

export function expectSrm(doc: any, caseName: string): void {
  const c = byName(reference.srm, caseName);
  expect(doc.variants.map((variant: any) => variant.visitors)).toEqual(c.counts);
  expectFields(doc.health.srm, c.expected, REL, 0, caseName);
}

/**
 * Holm-adjusted p-values of a family, in the order given as [metric label, variant] pairs: the
 * p-value adjusted is the named test's (pooled z for rates, Welch's t for means), the difference's.
 */
export function expectHolm(doc: any, family: Array<[string, string]>, caseName: string): void {
  const c = byName(reference.multiple, caseName);
  family.forEach(([label, variant], index) => {
    const metric = metricOf(doc, label);
    const comparison = comparisonOf(metric, variant);
    expect(comparison.pValueTest, `${caseName} test[${index}]`).toBe(metric.kind === 'binary' ? 'pooled-z' : 'welch-t');
    expect(comparison.pValue).toBe(comparison.absolute.pValue);
    expectClose(comparison.pValue, c.pValues[index], REL, 0, `${caseName} p[${index}]`);
    expectClose(comparison.adjustedPValue, c.holm[index], REL, 0, `${caseName} holm[${index}]`);
  });
}

export function sequentialCase(name: string): any {
  return byName(reference.sequential, name);
}

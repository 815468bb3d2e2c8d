// Which test's p-value a comparison reports, adjusts and names: the pooled two-proportion z-test
// for rates, Welch's t for means, the delta method for ratios, and while an experiment runs the
// always-valid test of the lift. Pure, with no runtime imports, so the dashboard bundles the same names.
import type { Adjustment } from '../stats/multiple.js';

export type AnalysisKind = 'binary' | 'continuous' | 'ratio';
export type PValueTest = 'pooled-z' | 'welch-t' | 'delta-method' | 'always-valid';
export type MetricRole = 'primary' | 'guardrail' | 'secondary';

export const TEST_NAMES: Record<PValueTest, string> = {
  'pooled-z': 'pooled two-proportion z-test',
  'welch-t': "Welch's t-test",
  'delta-method': 'delta-method z-test',
  'always-valid': 'always-valid (peeking-safe) test of the relative lift',
};

const ADJUSTMENT_NAMES: Record<Exclude<Adjustment, 'none'>, string> = {
  holm: 'Holm',
  'benjamini-hochberg': 'Benjamini–Hochberg',
};

const FAMILIES: Record<MetricRole, string> = {
  primary: "the primary metric's arms",
  guardrail: 'the guardrail metrics',
  secondary: 'the secondary metrics',
};

/** The fixed-horizon test of a metric's kind: the one whose p-value is the absolute difference's. */
export function fixedHorizonTest(kind: AnalysisKind): PValueTest {
  return kind === 'binary' ? 'pooled-z' : kind === 'continuous' ? 'welch-t' : 'delta-method';
}

/** "Welch's t-test, Holm-adjusted across the guardrail metrics". */
export function describePValue(test: PValueTest, adjustment: Adjustment, role: MetricRole): string {
  const name = TEST_NAMES[test];
  const first = name.charAt(0).toUpperCase() + name.slice(1);
  if (adjustment === 'none') return `${first}, not adjusted`;
  return `${first}, ${ADJUSTMENT_NAMES[adjustment]}-adjusted across ${FAMILIES[role]}`;
}

// Non-inferiority ("does disclosing cost us less than 5%?"): a one-sided z-test that the relative
// lift treatment/control − 1 (delta method, effects.ts) lies above a negative margin,
// H0: lift ≤ margin against H1: lift > margin, with the matching one-sided lower confidence bound
// (EMA/CHMP, "Guideline on the choice of the non-inferiority margin", 2005; Chow, Shao & Wang,
// Sample Size Calculations in Clinical Research, 2nd ed., §3.2). Assumes higher is better.
import { normalCdf, normalIsf } from './distributions.js';
import { relativeLift } from './effects.js';
import { armMoments } from './moments.js';
import { DEFAULT_ALPHA, type MetricKind, type Sample } from './types.js';

export interface NonInferiorityOptions {
  kind?: MetricKind;
  /** The largest relative loss still acceptable, as a negative fraction; default −0.05 (−5%). */
  margin?: number;
  /** One-sided level; default 0.05. */
  alpha?: number;
}

export interface NonInferiorityResult {
  margin: number;
  alpha: number;
  /** The relative lift and its delta-method standard error. */
  estimate: number;
  standardError: number;
  /** One-sided (1 − α) lower confidence bound of the lift. */
  lowerBound: number;
  /** (estimate − margin) / standardError. */
  statistic: number;
  /** One-sided p-value of H0: lift ≤ margin. */
  pValue: number;
  /** lowerBound > margin (p < α); false whenever the figures are NaN. */
  nonInferior: boolean;
}

/**
 * Edge cases: a control mean of 0 or an arm too small for a variance gives NaN figures and
 * nonInferior false; a zero standard error gives p = 0 or 1 by which side of the margin the
 * estimate lies.
 */
export function nonInferiority(control: Sample, treatment: Sample, options: NonInferiorityOptions = {}): NonInferiorityResult {
  const kind = options.kind ?? 'binary';
  const margin = options.margin ?? -0.05;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const lift = relativeLift(armMoments(control, kind), armMoments(treatment, kind), alpha);
  const { estimate, standardError } = lift;
  const statistic = (estimate - margin) / standardError;
  const pValue = Number.isNaN(statistic) ? NaN : normalCdf(-statistic);
  const lowerBound = standardError === 0 ? estimate : estimate - normalIsf(alpha) * standardError;
  return { margin, alpha, estimate, standardError, lowerBound, statistic, pValue, nonInferior: lowerBound > margin };
}

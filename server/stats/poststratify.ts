// Post-stratified (adjusted) difference in means: each stratum's difference weighted by the
// stratum's share of all visitors, with the Neyman variance Σ w_s² (s²_t,s/n_t,s + s²_c,s/n_c,s)
// (sample variances with n − 1, for rates too). This is exactly Lin's fully interacted regression
// y ~ T + strata + T × (centred strata) with HC2 errors (W. Lin, "Agnostic notes on regression
// adjustments to experimental data", Annals of Applied Statistics 7, 2013): every cell of that
// model is fitted by its own mean, so HC2's 1/(1 − h) with h = 1/n_cell turns each residual sum of
// squares into n·s². On hillstrom the two agree to rounding (tests/stats/fixtures/poststrat.json).
import { normalEffect } from './effects.js';
import { compareProportions } from './proportions.js';
import { welchTest } from './means.js';
import { poolSamples, sampleMean, sampleVariance } from './moments.js';
import { DEFAULT_ALPHA, type Effect, type MetricKind, type Sample } from './types.js';

export interface Stratum {
  control: Sample;
  treatment: Sample;
}

export interface PostStratified {
  /** Unadjusted treatment − control over all strata, as the whole-arm comparison gives it. */
  raw: Effect;
  /** Σ_s w_s (ȳ_t,s − ȳ_c,s), w_s = (n_t,s + n_c,s)/N, with the Neyman variance; normal interval and p. */
  adjusted: Effect;
  /** adjusted / controlMean (the adjusted treatment mean over the adjusted control mean, minus 1), by the delta method. */
  relative: Effect;
  /** 1 − Var(adjusted)/Var(raw): the share of the raw variance the strata removed (negative when they added some). */
  varianceReduction: number;
  /** Σ w_s ȳ_c,s: the control mean standardized to the strata's shares. */
  controlMean: number;
  /** The fewest visitors of either arm in any non-empty stratum: callers adjust only when it is large enough. */
  smallestCell: number;
  /** Strata with at least one visitor (empty ones carry no weight). */
  strata: number;
}

const NAN_EFFECT: Effect = { estimate: NaN, standardError: NaN, lower: NaN, upper: NaN, statistic: NaN, pValue: NaN };

function rawDifference(control: Sample, treatment: Sample, kind: MetricKind, alpha: number): Effect {
  const comparison = kind === 'binary' ? compareProportions(control, treatment, alpha) : welchTest(control, treatment, alpha);
  const { estimate, standardError, lower, upper, statistic, pValue } = comparison.difference;
  return { estimate, standardError, lower, upper, statistic, pValue };
}

/**
 * The post-stratified comparison of treatment with control. Strata where neither arm has a visitor
 * are skipped; a stratum with fewer than 2 visitors in an arm leaves the adjusted figures NaN.
 */
export function postStratify(strata: readonly Stratum[], kind: MetricKind, alpha = DEFAULT_ALPHA): PostStratified {
  const filled = strata.filter((s) => s.control.n + s.treatment.n > 0);
  const total = filled.reduce((sum, s) => sum + s.control.n + s.treatment.n, 0);
  let estimate = 0;
  let variance = 0;
  let controlMean = 0;
  let controlVariance = 0;
  let smallestCell = Infinity;
  for (const { control, treatment } of filled) {
    const w = (control.n + treatment.n) / total;
    const varianceC = sampleVariance(control) / control.n;
    const varianceT = sampleVariance(treatment) / treatment.n;
    estimate += w * (sampleMean(treatment) - sampleMean(control));
    variance += w * w * (varianceT + varianceC);
    controlMean += w * sampleMean(control);
    controlVariance += w * w * varianceC;
    smallestCell = Math.min(smallestCell, control.n, treatment.n);
  }
  if (filled.length === 0) {
    estimate = variance = controlMean = controlVariance = NaN;
    smallestCell = 0;
  }
  const raw = rawDifference(poolSamples(filled.map((s) => s.control)), poolSamples(filled.map((s) => s.treatment)), kind, alpha);
  // δ/c with δ = t − c for independent adjusted arm means t and c: Cov(δ, c) = −Var(c), so
  // Var(δ/c) ≈ Var(δ)/c² + δ²·Var(c)/c⁴ + 2δ·Var(c)/c³.
  const relative =
    controlMean !== 0 && Number.isFinite(controlMean)
      ? normalEffect(
          estimate / controlMean,
          variance / controlMean ** 2 + (estimate ** 2 * controlVariance) / controlMean ** 4 + (2 * estimate * controlVariance) / controlMean ** 3,
          alpha,
        )
      : NAN_EFFECT;
  return {
    raw,
    adjusted: normalEffect(estimate, variance, alpha),
    relative,
    varianceReduction: 1 - variance / raw.standardError ** 2,
    controlMean,
    smallestCell,
    strata: filled.length,
  };
}

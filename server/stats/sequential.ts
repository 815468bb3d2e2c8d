// Peeking-safe results: asymptotic confidence sequences (I. Waudby-Smith, D. Arbour, R. Sinha,
// E. H. Kennedy, A. Ramdas, "Time-uniform central limit theory and asymptotic confidence
// sequences", arXiv 2103.06476, 2023: their Gaussian-mixture asymptotic CS for a mean), as
// GrowthBook uses them (docs, "Sequential Testing"). With N visitors in the two arms so far and
// σ̂² = N·Var(estimate), the interval is estimate ± σ̂·√( 2(Nρ² + 1)/(N²ρ²) · log(√(Nρ² + 1)/α) ),
// where ρ² = (−2·log α + log(−2·log α + 1)) / N* makes it tightest near N = N* (the paper's choice of
// ρ; GrowthBook's "tuning parameter" N*). Here N* is the planned sample size of the two arms compared.
// The always-valid p-value is the smallest α′ at which the sequence, ρ kept fixed, excludes 0:
// min(1, √(Nρ² + 1)·exp(−N²ρ²d² / (2σ̂²(Nρ² + 1)))), the reciprocal of the mixture's e-value.
import { normalEffect, relativeLiftVariance } from './effects.js';
import { armMoments } from './moments.js';
import { DEFAULT_ALPHA, type Effect, type Interval, type MetricKind, type Sample } from './types.js';

export interface SequentialOptions {
  /** N*: the planned number of visitors in the two arms compared (plannedPairSize helps). */
  tuningN: number;
  alpha?: number;
}

export interface AlwaysValid extends Interval {
  halfWidth: number;
  /** Always-valid two-sided p-value; 1 until the evidence outweighs the mixture's cost. */
  pValue: number;
}

/** ρ for a target N* (NaN unless 0 < α < 1 and N* > 0). */
export function sequentialRho(alpha: number, tuningN: number): number {
  if (!(alpha > 0 && alpha < 1 && tuningN > 0)) return NaN;
  const l = -2 * Math.log(alpha);
  return Math.sqrt((l + Math.log(l + 1)) / tuningN);
}

/** The planned visitors of two arms out of a plan for all arms, split by weight. */
export function plannedPairSize(plannedTotal: number, weights: readonly number[], control: number, treatment: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  return (plannedTotal * ((weights[control] ?? NaN) + (weights[treatment] ?? NaN))) / total;
}

/**
 * The always-valid interval and p-value for an estimate with variance `variance` after n visitors
 * (both arms). n < 1, N* ≤ 0 or a NaN variance: NaN fields. Zero variance: a degenerate interval,
 * p = 0 for a non-zero estimate and 1 for a zero one.
 */
export function alwaysValid(estimate: number, variance: number, n: number, options: SequentialOptions): AlwaysValid {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const rho = sequentialRho(alpha, options.tuningN);
  const nan = { estimate, lower: NaN, upper: NaN, halfWidth: NaN, pValue: NaN };
  if (!(n >= 1) || Number.isNaN(rho) || !(variance >= 0) || Number.isNaN(estimate)) return nan;
  const s2 = variance * n;
  const r2 = rho * rho;
  const nr = n * r2 + 1;
  const halfWidth = Math.sqrt((s2 * 2 * nr * Math.log(Math.sqrt(nr) / alpha)) / (n * n * r2));
  let pValue: number;
  if (s2 === 0) pValue = estimate === 0 ? 1 : 0;
  else {
    const logE = (r2 * n * n * estimate * estimate) / (2 * s2 * nr) - 0.5 * Math.log(nr);
    pValue = logE <= 0 ? 1 : Math.exp(-logE);
  }
  return { estimate, lower: estimate - halfWidth, upper: estimate + halfWidth, halfWidth, pValue };
}

export interface SequentialComparison {
  /** Always-valid figures for treatment − control and for treatment/control − 1. */
  difference: AlwaysValid;
  relativeLift: AlwaysValid;
  /** The fixed-horizon z figures on the same variances, for comparison. */
  fixedHorizon: { difference: Effect; relativeLift: Effect };
}

/**
 * Always-valid comparison of two arms' means (binary: Wald variance p(1−p)/n; continuous: s²/n),
 * the relative lift by the delta method. NaN fields where the variances are undefined.
 */
export function sequentialCompare(control: Sample, treatment: Sample, kind: MetricKind, options: SequentialOptions): SequentialComparison {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const c = armMoments(control, kind);
  const t = armMoments(treatment, kind);
  const n = control.n + treatment.n;
  const difference = t.mean - c.mean;
  const differenceVariance = c.varianceOfMean + t.varianceOfMean;
  const lift = c.mean !== 0 ? t.mean / c.mean - 1 : NaN;
  const liftVariance = c.mean !== 0 ? relativeLiftVariance(c, t) : NaN;
  return {
    difference: alwaysValid(difference, differenceVariance, n, options),
    relativeLift: alwaysValid(lift, liftVariance, n, options),
    fixedHorizon: {
      difference: normalEffect(difference, differenceVariance, alpha),
      relativeLift: normalEffect(lift, liftVariance, alpha),
    },
  };
}

// Planning for a binary metric: visitors per arm for a two-sided two-proportion z-test, and the
// smallest lift a given number of visitors per arm can detect. Closed form with the pooled variance
// under the null and the unpooled one under the alternative, far tail ignored (Fleiss, Levin &
// Paik, Statistical Methods for Rates and Proportions, 3rd ed., §4.2 without continuity correction;
// as statsmodels' samplesize_proportions_2indep_onetail).
// Planning for a continuous metric: visitors per arm for a two-sided two-sample t-test with equal
// arms and a common SD, from the exact power by the noncentral t (as statsmodels' TTestIndPower).
import { normalIsf, tIsf } from './distributions.js';
import { nctCdf, nctSf } from './noncentral-t.js';
import { solveBracketed } from './solve.js';

export interface PlanOptions {
  /** Two-sided significance level; default 0.05. */
  alpha?: number;
  /** Chance of detecting the effect when it is real; default 0.8. */
  power?: number;
  /**
   * How closely an iterative solution (the t-test's n for means) is found, relative; default
   * 1e-14. A caller that only rounds the answer up to whole visitors may ask less: each step costs
   * a noncentral t evaluation.
   */
  relativeTolerance?: number;
}

export interface SampleSizePlan {
  baseline: number;
  treatmentRate: number;
  relativeEffect: number;
  absoluteEffect: number;
  /** The unrounded solution of the formula. */
  exactPerArm: number;
  /** Visitors needed in each of the two arms (exactPerArm rounded up); NaN when undefined. */
  perArm: number;
  alpha: number;
  power: number;
}

/** n per arm = ((z(1−α/2)·√(2p̄q̄) + z(power)·√(p₁q₁ + p₂q₂)) / (p₂ − p₁))². */
function visitorsFor(baseline: number, treatmentRate: number, alpha: number, power: number): number {
  const mean = (baseline + treatmentRate) / 2;
  const underNull = Math.sqrt(2 * mean * (1 - mean));
  const underAlternative = Math.sqrt(baseline * (1 - baseline) + treatmentRate * (1 - treatmentRate));
  const root = (normalIsf(alpha / 2) * underNull + normalIsf(1 - power) * underAlternative) / (treatmentRate - baseline);
  return root * root;
}

/**
 * Visitors per arm to detect a relative change (0.1 = +10%) of a baseline rate. NaN when the
 * baseline is not strictly between 0 and 1, the effect is 0, or the treated rate leaves [0, 1].
 */
export function sampleSizePerArm(input: { baseline: number; relativeEffect: number } & PlanOptions): SampleSizePlan {
  const { baseline, relativeEffect } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const treatmentRate = baseline * (1 + relativeEffect);
  const valid = baseline > 0 && baseline < 1 && relativeEffect !== 0 && treatmentRate >= 0 && treatmentRate <= 1;
  const exactPerArm = valid ? visitorsFor(baseline, treatmentRate, alpha, power) : NaN;
  return {
    baseline,
    treatmentRate,
    relativeEffect,
    absoluteEffect: treatmentRate - baseline,
    exactPerArm,
    perArm: Math.ceil(exactPerArm),
    alpha,
    power,
  };
}

export interface DetectableEffect {
  baseline: number;
  visitorsPerArm: number;
  /** Smallest relative increase detectable at the given power (NaN if even 100% is out of reach). */
  relativeEffect: number;
  absoluteEffect: number;
  treatmentRate: number;
}

/** The minimum detectable (upward) effect for a number of visitors per arm: the inverse of sampleSizePerArm. */
export function minimumDetectableEffect(input: { baseline: number; visitorsPerArm: number } & PlanOptions): DetectableEffect {
  const { baseline, visitorsPerArm } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  let absoluteEffect = NaN;
  if (baseline > 0 && baseline < 1 && visitorsPerArm > 0) {
    const ceiling = 1 - baseline;
    absoluteEffect = solveBracketed((d) => visitorsFor(baseline, baseline + d, alpha, power) - visitorsPerArm, ceiling * 1e-12, ceiling);
  }
  return {
    baseline,
    visitorsPerArm,
    relativeEffect: absoluteEffect / baseline,
    absoluteEffect,
    treatmentRate: baseline + absoluteEffect,
  };
}

export interface MeansSampleSizePlan {
  mean: number;
  sd: number;
  relativeEffect: number;
  absoluteEffect: number;
  /** The unrounded n per arm at which the t-test reaches the power. */
  exactPerArm: number;
  /** Visitors needed in each of the two arms (exactPerArm rounded up); NaN when undefined. */
  perArm: number;
  alpha: number;
  power: number;
}

/**
 * Power of the two-sided two-sample t-test with n per arm for an effect of d standard deviations:
 * P(T > c) + P(T < −c), T noncentral t with 2n − 2 degrees of freedom and noncentrality d·√(n/2),
 * c the central t's 1 − α/2 quantile (statsmodels' ttest_power as TTestIndPower calls it).
 */
export function tTestPower(effectSize: number, perArm: number, alpha: number): number {
  const df = 2 * perArm - 2;
  const noncentrality = effectSize * Math.sqrt(perArm / 2);
  const critical = tIsf(alpha / 2, df);
  return nctSf(critical, df, noncentrality) + nctCdf(-critical, df, noncentrality);
}

/**
 * Visitors per arm to detect a relative change (0.1 = +10%) of a mean with the given per-visitor
 * SD by a two-sided t-test. NaN when the mean or the effect is 0 or the SD not positive.
 */
export function sampleSizeMeans(input: { mean: number; sd: number; relativeEffect: number } & PlanOptions): MeansSampleSizePlan {
  const { mean, sd, relativeEffect } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const absoluteEffect = mean * relativeEffect;
  const effectSize = Math.abs(absoluteEffect) / sd;
  let exactPerArm = NaN;
  if (effectSize > 0 && Number.isFinite(effectSize) && alpha > 0 && alpha < 1 && power > alpha && power < 1) {
    const shortfall = (n: number): number => tTestPower(effectSize, n, alpha) - power;
    // The z-test's n is a lower bound for the t-test's, give or take the far tail; bracket above it.
    const z = normalIsf(alpha / 2) + normalIsf(1 - power);
    const normalN = 2 * (z / effectSize) ** 2;
    let lo = Math.max(1.5, 0.9 * normalN);
    if (shortfall(lo) >= 0) lo = shortfall(1.5) < 0 ? 1.5 : 1 + 1e-9;
    let hi = 2 * normalN + 10;
    while (shortfall(hi) < 0 && hi < 1e15) hi *= 2;
    exactPerArm = solveBracketed(shortfall, lo, hi, input.relativeTolerance);
  }
  return { mean, sd, relativeEffect, absoluteEffect, exactPerArm, perArm: Math.ceil(exactPerArm), alpha, power };
}

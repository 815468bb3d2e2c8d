// Normal, Student t and χ² distributions: density, cdf, survival (sf = 1 − cdf, computed directly so
// small tails keep their digits), quantile (ppf) and inverse survival (isf).
// Method: Φ(z) = ½·Q(½, z²/2); t tails = ½·I_(ν/(ν+t²))(ν/2, ½); χ²_k cdf = P(k/2, x/2)
// (Abramowitz & Stegun 26.2.30, 26.7.1, 26.4.19), on the incomplete gamma and beta functions of
// special.ts; quantiles by safeguarded Newton (solve.ts) from A&S 26.2.23, Cornish–Fisher and
// Wilson–Hilferty starting points.
// Accuracy: within 1e-12 relative of scipy.stats (tests/stats/distributions.test.ts holds 1e-9).
import { gammaPrefactor, incompleteBeta, incompleteBetaSeries, incompleteGamma, logGammaRatio } from './special.js';
import { solveTail } from './solve.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

function invalidProbability(p: number): boolean {
  return Number.isNaN(p) || p < 0 || p > 1;
}

// ---- normal ----

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** P(Z > z) for z ≥ 0 (½·erfc(z/√2)). */
function normalUpperTail(z: number): number {
  return 0.5 * incompleteGamma(0.5, 0.5 * z * z).upper;
}

export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return z < 0 ? normalUpperTail(-z) : 1 - normalUpperTail(z);
}

export function normalSf(z: number): number {
  return normalCdf(-z);
}

/**
 * Quantiles already solved, by tail probability: a results document asks for the same few (α/2,
 * α, 1 − power) hundreds of times, and each solution is a Newton iteration on the tail. Bounded,
 * since a caller could ask for many different ones.
 */
const solvedQuantiles = new Map<number, number>();
const SOLVED_QUANTILES_KEPT = 256;

/** The z with P(Z > z) = q. */
export function normalIsf(q: number): number {
  const known = solvedQuantiles.get(q);
  if (known !== undefined) return known;
  const z = solveNormalIsf(q);
  if (solvedQuantiles.size >= SOLVED_QUANTILES_KEPT) solvedQuantiles.clear();
  solvedQuantiles.set(q, z);
  return z;
}

function solveNormalIsf(q: number): number {
  if (invalidProbability(q)) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  if (q === 0.5) return 0;
  if (q > 0.5) return -normalIsf(1 - q);
  // Abramowitz & Stegun 26.2.23 (error < 4.5e-4) as the starting point.
  const t = Math.sqrt(-2 * Math.log(q));
  const start = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  return solveTail(normalUpperTail, normalPdf, q, 0, start);
}

export function normalPpf(p: number): number {
  if (invalidProbability(p)) return NaN;
  return p < 0.5 ? -normalIsf(p) : normalIsf(1 - p);
}

// ---- Student t ----

export function tPdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (df === Infinity) return normalPdf(t);
  const logC = logGammaRatio(df / 2, 0.5) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** P(T > u) for u ≥ 0. */
function tUpperTail(u: number, df: number): number {
  if (u === Infinity) return 0;
  const ratio = (u * u) / df;
  // x = ν/(ν+u²) and 1 − x = u²/(ν+u²), each formed without subtraction.
  const x = 1 / (1 + ratio);
  const y = ratio === Infinity ? 1 : ratio / (1 + ratio);
  // With many degrees of freedom the continued fraction for I_x(ν/2, ½), x near 1, loses about
  // 1e-16·ν/u² to cancellation (1e-10 at ν = 5·10⁶, u = 2). Where the tail is not small (u < 3.5,
  // tail > 2.5e-4) its complement's positive series is exact to rounding instead.
  if (df > 1000 && u < 3.5) return 0.5 * (1 - incompleteBetaSeries(0.5, df / 2, y, x));
  return 0.5 * incompleteBeta(df / 2, 0.5, x, y).lower;
}

export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) return NaN;
  if (df === Infinity) return normalCdf(t);
  return t < 0 ? tUpperTail(-t, df) : 1 - tUpperTail(t, df);
}

export function tSf(t: number, df: number): number {
  return tCdf(-t, df);
}

export function tIsf(q: number, df: number): number {
  if (invalidProbability(q) || Number.isNaN(df) || !(df > 0)) return NaN;
  if (df === Infinity) return normalIsf(q);
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  if (q === 0.5) return 0;
  if (q > 0.5) return -tIsf(1 - q, df);
  const z = normalIsf(q);
  // Cornish–Fisher start (A&S 26.7.5, first term); the solver guards against a poor one.
  const start = z + (z * z * z + z) / (4 * df);
  return solveTail((u) => tUpperTail(u, df), (u) => tPdf(u, df), q, 0, start);
}

export function tPpf(p: number, df: number): number {
  if (invalidProbability(p)) return NaN;
  return p < 0.5 ? -tIsf(p, df) : tIsf(1 - p, df);
}

// ---- χ² ----

export function chi2Pdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x < 0) return 0;
  const a = df / 2;
  if (x === 0) return a < 1 ? Infinity : a === 1 ? 0.5 : 0;
  // (x/2)^(a−1)·e^(−x/2) / (2Γ(a)) = [(x/2)^a·e^(−x/2)/Γ(a+1)]·a/x, the bracket kept accurate for large a.
  return (gammaPrefactor(a, x / 2) * a) / x;
}

export function chi2Cdf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || !(df > 0)) return NaN;
  if (x <= 0) return 0;
  return incompleteGamma(df / 2, x / 2).lower;
}

export function chi2Sf(x: number, df: number): number {
  if (Number.isNaN(x) || Number.isNaN(df) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return incompleteGamma(df / 2, x / 2).upper;
}

function wilsonHilferty(z: number, df: number): number {
  const c = 2 / (9 * df);
  const cube = 1 - c + z * Math.sqrt(c);
  return cube > 0 ? df * cube * cube * cube : df * 1e-3;
}

export function chi2Isf(q: number, df: number): number {
  if (invalidProbability(q) || Number.isNaN(df) || !(df > 0)) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return 0;
  if (q > 0.5) return chi2Ppf(1 - q, df);
  return solveTail((x) => chi2Sf(x, df), (x) => chi2Pdf(x, df), q, 0, wilsonHilferty(normalIsf(q), df));
}

export function chi2Ppf(p: number, df: number): number {
  if (invalidProbability(p) || Number.isNaN(df) || !(df > 0)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  if (p > 0.5) return chi2Isf(1 - p, df);
  // For tiny p and df the quantile can lie below the smallest double.
  if (chi2Cdf(2 * Number.MIN_VALUE, df) >= p) return 0;
  // Solve cdf(x) = p itself, so that tiny p keeps full relative accuracy.
  return solveTail((x) => chi2Cdf(x, df), (x) => chi2Pdf(x, df), p, 0, wilsonHilferty(-normalIsf(p), df), true);
}

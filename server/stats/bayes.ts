// Bayesian view: chance to beat control and expected loss.
// Rates: Beta(1, 1) prior, so each arm's posterior is Beta(1 + conversions, 1 + n − conversions).
// P(B > A) by the exact finite sum for integer parameters (E. Miller, "Formulas for Bayesian A/B
// Testing", 2015; D. Cook, "Exact calculation of inequality probabilities", 2005), summed over the
// shortest of its four equivalent forms with a term recurrence; when even that would take over
// 10⁶ terms (every arm past a million conversions and non-conversions) a normal approximation to
// the two Beta posteriors is used instead and reported as method "normal".
// Expected loss uses E[max(A − B, 0)] = E[A]·P(A⁺ > B) − E[B]·P(A > B⁺), where X⁺ adds one success.
// Means: flat prior, normal posterior N(x̄, s²/n) per arm (GrowthBook's Bayesian engine likewise).
import { normalCdf, normalPdf } from './distributions.js';
import { logGamma } from './special.js';
import { armMoments } from './moments.js';
import type { Sample } from './types.js';

const MAX_TERMS = 1_000_000;

export interface BayesResult {
  /** P(treatment > control) under the posteriors. */
  chanceToBeat: number;
  /** E[max(control − treatment, 0)]: what choosing the treatment loses on average, in metric units. */
  expectedLoss: number;
  /** E[max(treatment − control, 0)]: what keeping the control loses on average. */
  expectedLossControl: number;
  method: 'exact' | 'normal';
}

/** P(X > Y) for X ~ Beta(a, b), Y ~ Beta(c, d), a a positive integer: Σ_{i<a} B(c+i, b+d) / ((b+i)·B(1+i, b)·B(c, d)). */
function exactGreater(a: number, b: number, c: number, d: number): number {
  // Term 0 is B(c, b+d)/B(c, d); term i+1 = term i · (c+i)(b+i) / ((c+d+b+i)(i+1)).
  const logFirst = logGamma(b + d) + logGamma(c + d) - logGamma(b + c + d) - logGamma(d);
  let term = 1;
  let sum = 0;
  let logScale = logFirst;
  for (let i = 0; i < a; i++) {
    sum += term;
    term *= ((c + i) * (b + i)) / ((b + c + d + i) * (i + 1));
    if (term > 1e250 || sum > 1e250) {
      term *= 1e-250;
      sum *= 1e-250;
      logScale += 250 * Math.LN10;
    }
  }
  return Math.min(1, sum * Math.exp(logScale));
}

/** P(X > Y) for X ~ Beta(a, b), Y ~ Beta(c, d), all integers, by the shortest exact sum. */
function betaGreater(a: number, b: number, c: number, d: number): number {
  // P(X > Y) = 1 − P(Y > X) = P(1−Y > 1−X) = 1 − P(1−X > 1−Y); each sums over its first parameter.
  const shortest = Math.min(a, b, c, d);
  if (shortest === a) return exactGreater(a, b, c, d);
  if (shortest === c) return 1 - exactGreater(c, d, a, b);
  if (shortest === d) return exactGreater(d, c, b, a);
  return 1 - exactGreater(b, a, d, c);
}

/** E[max(D, 0)] for D ~ N(m, s²). */
function normalPositivePart(m: number, s: number): number {
  if (s === 0) return Math.max(m, 0);
  return m * normalCdf(m / s) + s * normalPdf(m / s);
}

function normalResult(meanC: number, varC: number, meanT: number, varT: number): BayesResult {
  const m = meanT - meanC;
  const s = Math.sqrt(varC + varT);
  const chanceToBeat = s === 0 ? (m > 0 ? 1 : m < 0 ? 0 : 0.5) : normalCdf(m / s);
  return { chanceToBeat, expectedLoss: normalPositivePart(-m, s), expectedLossControl: normalPositivePart(m, s), method: 'normal' };
}

function betaVariance(a: number, b: number): number {
  return (a * b) / ((a + b) * (a + b) * (a + b + 1));
}

/**
 * Chance to beat and expected losses for two rates (sum = conversions). Empty arms are fine: the
 * prior alone speaks (chance 0.5 for two empty arms). Non-integer counts take the normal method.
 */
export function bayesProportions(control: Sample, treatment: Sample): BayesResult {
  const a1 = 1 + control.sum;
  const b1 = 1 + control.n - control.sum;
  const a2 = 1 + treatment.sum;
  const b2 = 1 + treatment.n - treatment.sum;
  const params = [a1, b1, a2, b2];
  if (!params.every((p) => p >= 1)) return { chanceToBeat: NaN, expectedLoss: NaN, expectedLossControl: NaN, method: 'exact' };
  const m1 = a1 / (a1 + b1);
  const m2 = a2 / (a2 + b2);
  if (!params.every(Number.isInteger) || Math.min(...params) + 1 > MAX_TERMS) {
    return normalResult(m1, betaVariance(a1, b1), m2, betaVariance(a2, b2));
  }
  const chanceToBeat = betaGreater(a2, b2, a1, b1);
  // E[max(C − T, 0)] = E[C]·P(C⁺ > T) − E[T]·P(C > T⁺), and symmetrically for keeping the control.
  const expectedLoss = Math.max(0, m1 * betaGreater(a1 + 1, b1, a2, b2) - m2 * betaGreater(a1, b1, a2 + 1, b2));
  const expectedLossControl = Math.max(0, m2 * betaGreater(a2 + 1, b2, a1, b1) - m1 * betaGreater(a2, b2, a1 + 1, b1));
  return { chanceToBeat, expectedLoss, expectedLossControl, method: 'exact' };
}

/** Chance to beat and expected losses for two means under normal posteriors; NaN when an arm has n < 2. */
export function bayesMeans(control: Sample, treatment: Sample): BayesResult {
  const c = armMoments(control, 'continuous');
  const t = armMoments(treatment, 'continuous');
  if ([c.mean, t.mean, c.varianceOfMean, t.varianceOfMean].some(Number.isNaN)) {
    return { chanceToBeat: NaN, expectedLoss: NaN, expectedLossControl: NaN, method: 'normal' };
  }
  return normalResult(c.mean, c.varianceOfMean, t.mean, t.varianceOfMean);
}

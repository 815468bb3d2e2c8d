// Bayesian view: chance to beat control and expected loss.
// Rates: Beta(1, 1) prior, so each arm's posterior is Beta(1 + conversions, 1 + n − conversions).
// P(T > C) by the exact finite sum for integer parameters (E. Miller, "Formulas for Bayesian A/B
// Testing", 2015; J. D. Cook, "Exact calculation of beta inequalities", 2005), over the shorter of
// its two direct or two complementary forms, whichever keeps relative accuracy; past 10⁶ terms (or
// for non-integer counts) by adaptive quadrature of f_T·F_C instead (method "quadrature").
// Expected loss always by quadrature of E[max(C − T, 0)] = ∫ F_T(x)·(1 − F_C(x)) dx, a product of
// positive terms: the closed form E[C]·P(C⁺ > T) − E[T]·P(C > T⁺) cancels, losing up to 1e-8
// relative when the loss is small. No normal approximation is used for rates.
// Means: flat prior, normal posterior N(x̄, s²/n) per arm (as GrowthBook's Bayesian engine), in
// closed form: P(D > 0) = Φ(m/s), E[max(D, 0)] = m·Φ(m/s) + s·φ(m/s).
import { normalCdf, normalPdf } from './distributions.js';
import { integrate } from './quadrature.js';
import { betaDensity, incompleteBeta, logRisingRatio } from './special.js';
import { armMoments } from './moments.js';
import type { Sample } from './types.js';

const MAX_TERMS = 1_000_000;
const SCALE = 2 ** 800;

export interface BayesResult {
  /** P(treatment > control) under the posteriors. */
  chanceToBeat: number;
  /** E[max(control − treatment, 0)]: what choosing the treatment loses on average, in metric units. */
  expectedLoss: number;
  /** E[max(treatment − control, 0)]: what keeping the control loses on average. */
  expectedLossControl: number;
  /** How chanceToBeat was computed: the exact finite sum, quadrature, or (means) the normal closed form. */
  method: 'exact' | 'quadrature' | 'normal';
}

/** P(X > Y) for X ~ Beta(a, b), Y ~ Beta(c, d), a a positive integer: Σ_{i<a} B(c+i, b+d) / ((b+i)·B(1+i, b)·B(c, d)). */
function exactGreater(a: number, b: number, c: number, d: number): number {
  // Term 0 is B(c, b+d)/B(c, d) = Γ(d+c)Γ(b+d) / (Γ(d)Γ(b+d+c)); term i+1 = term i · (c+i)(b+i) / ((c+d+b+i)(i+1)).
  const logFirst = logRisingRatio(d, b + d, c);
  // Terms grow to e^10000 and more: keep them scaled by 2^(−800·rescales), which is exact, and
  // add the exponent once at the end (adding it up step by step would cost 1e-11 in rounding).
  let term = 1;
  let sum = 0;
  let rescales = 0;
  for (let i = 0; i < a; i++) {
    sum += term;
    term *= ((c + i) * (b + i)) / ((b + c + d + i) * (i + 1));
    if (term > SCALE || sum > SCALE) {
      term *= 1 / SCALE;
      sum *= 1 / SCALE;
      rescales += 1;
    }
  }
  return Math.min(1, sum * Math.exp(logFirst + rescales * 800 * Math.LN2));
}

/**
 * P(X > Y) for X ~ Beta(a, b), Y ~ Beta(c, d), all integers, or NaN past MAX_TERMS terms.
 * P(X > Y) = P(1−Y > 1−X) sum directly (over a or d terms); 1 − P(Y > X) = 1 − P(1−X > 1−Y)
 * sum the complement (over c or b terms). The direct forms keep full relative accuracy when the
 * answer is small, the complements when it is near 1; each pair uses its shorter sum.
 */
function betaGreater(a: number, b: number, c: number, d: number): number {
  const direct = (): number => (a <= d ? exactGreater(a, b, c, d) : exactGreater(d, c, b, a));
  const complement = (): number => 1 - (c <= b ? exactGreater(c, d, a, b) : exactGreater(b, a, d, c));
  const directTerms = Math.min(a, d);
  const complementTerms = Math.min(b, c);
  // X is likelier the smaller when its mean is: then the answer is below ½ and the direct sum suits it.
  const preferDirect = a / (a + b) < c / (c + d);
  if (directTerms <= MAX_TERMS && (preferDirect || complementTerms > MAX_TERMS)) return direct();
  if (complementTerms <= MAX_TERMS) return complement();
  return NaN;
}

/** E[max(D, 0)] for D ~ N(m, s²). */
function normalPositivePart(m: number, s: number): number {
  if (s === 0) return Math.max(m, 0);
  return m * normalCdf(m / s) + s * normalPdf(m / s);
}

interface BetaPosterior {
  a: number;
  b: number;
}

function cdf(p: BetaPosterior, x: number): { lower: number; upper: number } {
  return incompleteBeta(p.a, p.b, x, 1 - x);
}

/** The range outside which neither posterior has mass that matters: ±40 sd about both means, within [0, 1]. */
function support(c: BetaPosterior, t: BetaPosterior): [number, number] {
  const mean = (p: BetaPosterior): number => p.a / (p.a + p.b);
  const sd = (p: BetaPosterior): number => Math.sqrt((p.a * p.b) / ((p.a + p.b) * (p.a + p.b) * (p.a + p.b + 1)));
  const spread = 40 * Math.max(sd(c), sd(t));
  return [Math.max(0, Math.min(mean(c), mean(t)) - spread), Math.min(1, Math.max(mean(c), mean(t)) + spread)];
}

type Cdf = ReturnType<typeof cdf>;

/**
 * Both posteriors' CDFs at a point, each computed once: the two expected losses integrate over the
 * same range, so their quadratures mostly ask for the same points, and an incomplete beta is the
 * costly part of each (a continued fraction). The same values, so the same bits, at half the cost.
 */
function cdfPair(c: BetaPosterior, t: BetaPosterior): (v: number) => [Cdf, Cdf] {
  const kept = new Map<number, [Cdf, Cdf]>();
  return (v) => {
    let pair = kept.get(v);
    if (!pair) kept.set(v, (pair = [cdf(c, v), cdf(t, v)]));
    return pair;
  };
}

/** E[max(X − Y, 0)] = ∫ F_Y(x)·(1 − F_X(x)) dx; cdfs(v) gives [F_X, F_Y] at v. */
function expectedExcess(cdfs: (v: number) => [Cdf, Cdf], range: [number, number]): number {
  return integrate((v) => {
    const [x, y] = cdfs(v);
    return y.lower * x.upper;
  }, range[0], range[1]);
}

/**
 * Chance to beat and expected losses for two rates (sum = conversions). Empty arms are fine: the
 * prior alone speaks (chance 0.5, losses 1/6 for two empty arms). Counts outside 0 ≤ sum ≤ n: NaN.
 */
export function bayesProportions(control: Sample, treatment: Sample): BayesResult {
  const c = { a: 1 + control.sum, b: 1 + control.n - control.sum };
  const t = { a: 1 + treatment.sum, b: 1 + treatment.n - treatment.sum };
  const params = [c.a, c.b, t.a, t.b];
  if (!params.every((p) => p >= 1)) return { chanceToBeat: NaN, expectedLoss: NaN, expectedLossControl: NaN, method: 'exact' };
  const range = support(c, t);
  const cdfs = cdfPair(c, t);
  const summed = params.every(Number.isInteger) ? betaGreater(t.a, t.b, c.a, c.b) : NaN;
  const exact = !Number.isNaN(summed);
  const chanceToBeat = exact ? summed : Math.min(1, integrate((v) => betaDensity(t.a, t.b, v) * cdf(c, v).lower, range[0], range[1]));
  return {
    chanceToBeat,
    expectedLoss: expectedExcess(cdfs, range),
    expectedLossControl: expectedExcess((v) => {
      const [fc, ft] = cdfs(v);
      return [ft, fc];
    }, range),
    method: exact ? 'exact' : 'quadrature',
  };
}

function normalResult(meanC: number, varC: number, meanT: number, varT: number): BayesResult {
  const m = meanT - meanC;
  const s = Math.sqrt(varC + varT);
  const chanceToBeat = s === 0 ? (m > 0 ? 1 : m < 0 ? 0 : 0.5) : normalCdf(m / s);
  return { chanceToBeat, expectedLoss: normalPositivePart(-m, s), expectedLossControl: normalPositivePart(m, s), method: 'normal' };
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

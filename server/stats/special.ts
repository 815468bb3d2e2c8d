// Special functions under the distributions: log-gamma and the regularized incomplete gamma and
// beta functions. Method: Stirling's series, with C. Loader's stirlerr/bd0 terms so the prefactors
// x^a·e^(−x)/Γ(a) and x^a·y^b/B(a,b) keep full relative accuracy for large a, b (C. Loader, "Fast
// and accurate computation of binomial probabilities", 2000, as in R's nmath); power series and
// modified-Lentz continued fractions for the functions themselves (Press et al., Numerical
// Recipes, 3rd ed., §6.2 and §6.4).

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
// Two units in the last place at 1: a tighter test can miss, and a fraction then runs to the cap.
const EPS = 4.5e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** log Γ(x+1) − [(x+½)·log x − x + ½·log 2π]: the error of Stirling's formula for x!. */
export function stirlingError(x: number): number {
  if (x >= 10) {
    // Bernoulli-number series; the first omitted term is below 1e-15 at x = 10.
    const x2 = x * x;
    return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - (1 / 1188 - 691 / 360360 / x2) / x2) / x2) / x2) / x2) / x;
  }
  return logGamma(x + 1) - (x + 0.5) * Math.log(x) + x - LN_SQRT_2PI;
}

/** log Γ(x) for x > 0 (NaN otherwise, +∞ at 0). */
export function logGamma(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return Infinity;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingError(x);
  // Shift up with Γ(x) = Γ(x+k) / (x(x+1)…(x+k−1)).
  let product = 1;
  let shifted = x;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return logGamma(shifted) - Math.log(product);
}

/** a·log(a/m) + m − a without cancellation when a ≈ m (Loader's bd0). */
function deviance(a: number, m: number): number {
  if (Math.abs(a - m) < 0.1 * (a + m)) {
    const v = (a - m) / (a + m);
    const v2 = v * v;
    let sum = (a - m) * v;
    let term = 2 * a * v;
    for (let j = 1; j < 1000; j++) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  const ratio = a / m;
  // Split the logarithm only when a/m itself over- or underflows (x near the smallest double).
  const logRatio = ratio > 0 && ratio < Infinity ? Math.log(ratio) : Math.log(a) - Math.log(m);
  return a * logRatio + m - a;
}

/** x^a·e^(−x) / Γ(a+1) for a > 0, x ≥ 0. */
export function gammaPrefactor(a: number, x: number): number {
  if (x === 0) return 0;
  return Math.exp(-stirlingError(a) - deviance(a, x)) / Math.sqrt(2 * Math.PI * a);
}

/**
 * Regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), each computed
 * directly (never as one minus the other) where it is the small one.
 */
export function incompleteGamma(a: number, x: number): { lower: number; upper: number } {
  if (Number.isNaN(a) || Number.isNaN(x) || !(a > 0) || x < 0) return { lower: NaN, upper: NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  if (x < a + 1) {
    // P(a, x) = x^a e^(−x)/Γ(a+1) · Σ x^k / ((a+1)…(a+k))
    let term = 1;
    let sum = 1;
    for (let k = 1; k < MAX_ITERATIONS; k++) {
      term *= x / (a + k);
      sum += term;
      if (term < sum * EPS) break;
    }
    const lower = gammaPrefactor(a, x) * sum;
    return { lower, upper: 1 - lower };
  }
  // Q(a, x) = x^a e^(−x)/Γ(a) · 1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …)))
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  const upper = a * gammaPrefactor(a, x) * h;
  return { lower: 1 - upper, upper };
}

/** x^a·y^b / B(a, b) with y = 1 − x given separately, via Loader's binomial density. */
function betaPrefactor(a: number, b: number, x: number, y: number): number {
  if (x === 0 || y === 0) return 0;
  const n = a + b;
  const logDensity =
    stirlingError(n) - stirlingError(a) - stirlingError(b) - deviance(a, n * x) - deviance(b, n * y);
  return ((a * b) / n) * Math.exp(logDensity) * Math.sqrt(n / (2 * Math.PI * a * b));
}

/** Continued fraction of I_x(a, b) (Numerical Recipes' betacf), to be used for x < (a+1)/(a+b+2). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/**
 * I_z(p, q) by its power series z^p·w^q/(p·B(p,q)) · Σ (p+q)_n/(p+1)_n · z^n (w = 1 − z; A&S
 * 26.5.23's hypergeometric form), every term positive. For small z, where the continued fraction
 * of the complement is ill-conditioned (large q, z·q of order 1).
 */
export function incompleteBetaSeries(p: number, q: number, z: number, w: number = 1 - z): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    term *= ((p + q + n) / (p + 1 + n)) * z;
    sum += term;
    if (term < sum * EPS) break;
  }
  return (betaPrefactor(p, q, z, w) * sum) / p;
}

/**
 * Regularized incomplete beta I_x(a, b) and its complement 1 − I_x(a, b) = I_y(b, a), for
 * a, b > 0 and x in [0, 1] with y = 1 − x passed in exactly (callers often know it better than 1 − x).
 */
export function incompleteBeta(a: number, b: number, x: number, y: number = 1 - x): { lower: number; upper: number } {
  if ([a, b, x, y].some(Number.isNaN) || !(a > 0) || !(b > 0) || x < 0 || y < 0) return { lower: NaN, upper: NaN };
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (betaPrefactor(a, b, x, y) * betaFraction(a, b, x)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (betaPrefactor(b, a, y, x) * betaFraction(b, a, y)) / b;
  return { lower: 1 - upper, upper };
}

/** log Γ(x+c) − log Γ(x) for x, c > 0, with no two large log-gammas subtracted. */
export function logGammaRatio(x: number, c: number): number {
  let shift = 0;
  for (; x < 10; x += 1) shift += Math.log(x / (x + c));
  return shift + (x - 0.5) * Math.log1p(c / x) + c * Math.log(x + c) - c + stirlingError(x + c) - stirlingError(x);
}

/**
 * log[Γ(x1+c)·Γ(x2) / (Γ(x1)·Γ(x2+c))] for x1, x2, c > 0: a ratio of two rising factorials, as
 * B(c, x2)/B(c, x1)-type terms need. Written from Stirling's formula so that only terms of size
 * about c (not c·log c) meet: two log-gammas of 10⁵ would lose 1e-10 relative in their difference.
 */
export function logRisingRatio(x1: number, x2: number, c: number): number {
  let shift = 0;
  // Γ(x+c)/Γ(x) = Γ(x+1+c)/Γ(x+1) · x/(x+c): shift both arguments into Stirling's range.
  for (; x1 < 10; x1 += 1) shift += Math.log(x1 / (x1 + c));
  for (; x2 < 10; x2 += 1) shift -= Math.log(x2 / (x2 + c));
  return (
    shift +
    (x1 - 0.5) * Math.log1p(c / x1) -
    (x2 - 0.5) * Math.log1p(c / x2) +
    c * Math.log1p((x1 - x2) / (x2 + c)) +
    stirlingError(x1 + c) -
    stirlingError(x1) -
    stirlingError(x2 + c) +
    stirlingError(x2)
  );
}

/** The Beta(a, b) density at x (y = 1 − x passed exactly). */
export function betaDensity(a: number, b: number, x: number, y: number = 1 - x): number {
  if (!(x > 0 && y > 0)) return NaN;
  return betaPrefactor(a, b, x, y) / (x * y);
}

// Root finding for the quantile functions and the planning functions: Newton's method kept inside
// a bracket that it shrinks as it goes, falling back to bisection (geometric when the bracket spans
// orders of magnitude) whenever a step would leave it (Press et al., Numerical Recipes, 3rd ed.,
// §9.4, "rtsafe"). Quantiles run Newton on log F(x) − log q against log x, which stays nearly
// linear far out in the tails where Newton on F(x) − q crawls.

/**
 * Solves tail(x) = q for x > lo ≥ 0, where tail is positive and monotone on (lo, ∞): a survival
 * function (decreasing) or a cdf (increasing, `increasing = true`); density = |tail′|.
 * Newton runs on log tail against log x, exact in one step for a power-law tail and never stepping
 * below 0, so roots as small as 1e-300 are reached too. Returns the root to about 1e-15 relative.
 */
export function solveTail(
  tail: (x: number) => number,
  density: (x: number) => number,
  q: number,
  lo: number,
  start: number,
  increasing = false,
): number {
  const logQ = Math.log(q);
  // g decreases through zero at the root, whichever way tail runs.
  const g = (x: number): number => (increasing ? logQ - Math.log(tail(x)) : Math.log(tail(x)) - logQ);
  let hi = Infinity;
  let x = Number.isFinite(start) && start > lo ? start : lo + 1;
  for (let i = 0; i < 500; i++) {
    const gx = g(x);
    if (gx === 0) return x;
    if (gx > 0) lo = x;
    else hi = x;
    // dg/d(log x) = −x·density/tail.
    const slope = (-x * density(x)) / tail(x);
    let next = x * Math.exp(-gx / slope);
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * x + 1 : bisect(lo, hi);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(next)) return next;
    x = next;
  }
  return x;
}

function bisect(lo: number, hi: number): number {
  if (lo > 0 && hi / lo > 4) return Math.sqrt(lo) * Math.sqrt(hi);
  return lo + (hi - lo) / 2;
}

/** Bisection for a continuous f with f(lo) and f(hi) of opposite signs; NaN if they are not. */
export function solveBracketed(f: (x: number) => number, lo: number, hi: number, relativeTolerance = 1e-14): number {
  let flo = f(lo);
  const fhi = f(hi);
  if (flo === 0) return lo;
  if (fhi === 0) return hi;
  if (Number.isNaN(flo) || Number.isNaN(fhi) || Math.sign(flo) === Math.sign(fhi)) return NaN;
  for (let i = 0; i < 400; i++) {
    const mid = bisect(lo, hi);
    const fmid = f(mid);
    if (fmid === 0) return mid;
    if (Math.sign(fmid) === Math.sign(flo)) {
      lo = mid;
      flo = fmid;
    } else {
      hi = mid;
    }
    if (hi - lo <= relativeTolerance * Math.abs(mid)) break;
  }
  return lo + (hi - lo) / 2;
}

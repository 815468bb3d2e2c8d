// Root finding for the quantile functions and the planning functions: Newton's method kept inside
// a bracket that it shrinks as it goes, falling back to bisection (geometric when the bracket spans
// orders of magnitude) whenever a Newton step would leave it (Press et al., Numerical Recipes,
// 3rd ed., §9.4, "rtsafe").

/**
 * Solves f(x) = 0 for a function f that is decreasing on [lo, hi] with f(lo) ≥ 0 ≥ f(hi) (pass
 * hi = Infinity to let the bracket grow from `start`), given its derivative. Returns the root to
 * about 1e-15 relative accuracy.
 */
export function solveDecreasing(
  f: (x: number) => number,
  derivative: (x: number) => number,
  lo: number,
  hi: number,
  start: number,
): number {
  let x = Number.isFinite(start) && start > lo ? start : lo + 1;
  if (hi === Infinity) {
    // Grow the upper end until the sign changes.
    let probe = Math.max(x, lo + 1);
    for (let i = 0; i < 2000 && f(probe) > 0; i++) {
      lo = probe;
      probe = probe * 2 + 1;
    }
    hi = probe;
  }
  if (!(x > lo && x < hi)) x = bisect(lo, hi);
  for (let i = 0; i < 400; i++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx > 0) lo = x;
    else hi = x;
    const slope = derivative(x);
    let next = slope < 0 && Number.isFinite(slope) ? x - fx / slope : NaN;
    if (!(next > lo && next < hi)) next = bisect(lo, hi);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(next) || hi - lo <= 1e-15 * Math.abs(hi)) return next;
    x = next;
  }
  return x;
}

function bisect(lo: number, hi: number): number {
  if (lo > 0 && hi / lo > 4) return Math.sqrt(lo * hi);
  return lo + (hi - lo) / 2;
}

/** Bisection for a continuous f with f(lo) and f(hi) of opposite signs; NaN if they are not. */
export function solveBracketed(f: (x: number) => number, lo: number, hi: number, relativeTolerance = 1e-13): number {
  let flo = f(lo);
  const fhi = f(hi);
  if (flo === 0) return lo;
  if (fhi === 0) return hi;
  if (Math.sign(flo) === Math.sign(fhi) || Number.isNaN(flo) || Number.isNaN(fhi)) return NaN;
  for (let i = 0; i < 300; i++) {
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

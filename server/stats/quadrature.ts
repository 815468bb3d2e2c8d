// Numerical integration: adaptive Gauss–Legendre quadrature, comparing the 10- and 20-point rules
// on each panel and halving panels where they disagree. Nodes and weights by Newton's method on
// the Legendre polynomials (Press et al., Numerical Recipes, 3rd ed., §4.6, "gauleg").

interface Rule {
  nodes: number[];
  weights: number[];
}

function legendreRule(n: number): Rule {
  const nodes = new Array<number>(n).fill(0);
  const weights = new Array<number>(n).fill(0);
  for (let i = 0; i < (n + 1) / 2; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
      }
      derivative = (n * (z * p1 - p2)) / (z * z - 1);
      const step = p1 / derivative;
      z -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = -z;
    nodes[n - 1 - i] = z;
    weights[i] = 2 / ((1 - z * z) * derivative * derivative);
    weights[n - 1 - i] = weights[i] as number;
  }
  return { nodes, weights };
}

const COARSE = legendreRule(10);
const MAX_SPLITS = 2000;
const FINE = legendreRule(20);

function apply(rule: Rule, f: (x: number) => number, a: number, b: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let sum = 0;
  for (let i = 0; i < rule.nodes.length; i++) sum += (rule.weights[i] as number) * f(mid + half * (rule.nodes[i] as number));
  return sum * half;
}

/**
 * ∫ f over [a, b] to about `relativeTolerance` of the whole integral, for a smooth f. The range
 * is first cut into `panels` pieces so that a narrow peak cannot slip between the nodes.
 */
export function integrate(f: (x: number) => number, a: number, b: number, relativeTolerance = 1e-13, panels = 16): number {
  const width = (b - a) / panels;
  const pieces: Array<[number, number, number]> = [];
  let total = 0;
  for (let i = 0; i < panels; i++) {
    const lo = a + i * width;
    const hi = i === panels - 1 ? b : lo + width;
    const value = apply(FINE, f, lo, hi);
    pieces.push([lo, hi, value]);
    total += value;
  }
  const tolerance = relativeTolerance * Math.abs(total);
  let result = 0;
  // Refine each piece until the two rules agree to its share of the tolerance.
  const stack = pieces.map(([lo, hi, value]) => ({ lo, hi, value, depth: 0 }));
  let budget = MAX_SPLITS;
  while (stack.length > 0) {
    const piece = stack.pop() as { lo: number; hi: number; value: number; depth: number };
    const share = (tolerance * (piece.hi - piece.lo)) / (b - a);
    const difference = Math.abs(piece.value - apply(COARSE, f, piece.lo, piece.hi));
    // Agreement to 1e-10 of the panel also ends the refinement (the 20-point value is then good to
    // far better): an integrand computed to ~1e-12 has noise that no narrower panel removes, and
    // chasing it would halve panels forever. The budget bounds the work whatever f does.
    if (difference <= share || difference <= 1e-10 * Math.abs(piece.value) || piece.depth >= 30 || budget <= 0) {
      result += piece.value;
      continue;
    }
    budget -= 1;
    const mid = (piece.lo + piece.hi) / 2;
    stack.push({ lo: piece.lo, hi: mid, value: apply(FINE, f, piece.lo, mid), depth: piece.depth + 1 });
    stack.push({ lo: mid, hi: piece.hi, value: apply(FINE, f, mid, piece.hi), depth: piece.depth + 1 });
  }
  return result;
}

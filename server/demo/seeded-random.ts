// mulberry32: a small, fast seeded generator, good enough to roll dice for simulated visitors
// (the demo's traffic, the dashboard's browser tests, the benches' databases). Not for secrets.
import { fnv1a32 } from '../assign/index.js';

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A generator seeded by text (a demo seed such as "aurelia-242"). */
export function seededRandom(seed: string): () => number {
  return mulberry32(fnv1a32(seed));
}

// Validation by simulation, with a seeded generator so every run sees the same draws: the
// fixed-horizon test's false-positive rate, what peeking does to it and what the always-valid
// sequence does instead, and the power the planning function promises.
import { describe, expect, it } from 'vitest';
import { pooledZTest } from '../../server/stats/proportions.js';
import { sampleSizePerArm } from '../../server/stats/power.js';
import { alwaysValid } from '../../server/stats/sequential.js';
import type { Sample } from '../../server/stats/types.js';

/** xoshiro128** (Blackman & Vigna, 2018) seeded through splitmix32: uniform doubles in [0, 1). */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function conversions(random: () => number, n: number, rate: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < rate) k += 1;
  return k;
}

const binary = (n: number, k: number): Sample => ({ n, sum: k, sumSquares: k });
const TESTS = 1000;
const ALPHA = 0.05;

describe('simulated experiments', () => {
  it('keeps the fixed-horizon false-positive rate of 1,000 A/A tests between 3.5% and 6.5%', () => {
    const random = generator(20240611);
    let positives = 0;
    for (let i = 0; i < TESTS; i++) {
      const control = binary(2000, conversions(random, 2000, 0.1));
      const treatment = binary(2000, conversions(random, 2000, 0.1));
      if (pooledZTest(control, treatment).pValue < ALPHA) positives += 1;
    }
    expect(positives / TESTS).toBeGreaterThanOrEqual(0.035);
    expect(positives / TESTS).toBeLessThanOrEqual(0.065);
  });

  it('shows peeking every 100 visitors inflating the naive z-test while the always-valid sequence stays at or below 5%', () => {
    const random = generator(7);
    const planned = 5000;
    let naive = 0;
    let alwaysValidPositives = 0;
    for (let i = 0; i < TESTS; i++) {
      const counts = [0, 0];
      const conv = [0, 0];
      let naiveHit = false;
      let sequentialHit = false;
      for (let visitor = 1; visitor <= planned; visitor++) {
        const arm = random() < 0.5 ? 0 : 1;
        counts[arm] = (counts[arm] as number) + 1;
        if (random() < 0.2) conv[arm] = (conv[arm] as number) + 1;
        if (visitor % 100 !== 0) continue;
        const control = binary(counts[0] as number, conv[0] as number);
        const treatment = binary(counts[1] as number, conv[1] as number);
        if (pooledZTest(control, treatment).pValue < ALPHA) naiveHit = true;
        const pc = control.sum / control.n;
        const pt = treatment.sum / treatment.n;
        const variance = (pc * (1 - pc)) / control.n + (pt * (1 - pt)) / treatment.n;
        if (alwaysValid(pt - pc, variance, visitor, { tuningN: planned }).pValue < ALPHA) sequentialHit = true;
      }
      if (naiveHit) naive += 1;
      if (sequentialHit) alwaysValidPositives += 1;
    }
    expect(naive / TESTS).toBeGreaterThan(0.2); // 35% with this seed
    expect(alwaysValidPositives / TESTS).toBeLessThanOrEqual(0.05); // 0.9% with this seed
  });

  it('finds a true 10% lift at the planned sample size at least 75% of the time (80% power)', () => {
    const random = generator(99);
    const baseline = 0.12;
    const { perArm } = sampleSizePerArm({ baseline, relativeEffect: 0.1, power: 0.8 });
    let found = 0;
    for (let i = 0; i < TESTS; i++) {
      const control = binary(perArm, conversions(random, perArm, baseline));
      const treatment = binary(perArm, conversions(random, perArm, baseline * 1.1));
      const test = pooledZTest(control, treatment);
      if (test.pValue < ALPHA && test.statistic > 0) found += 1;
    }
    expect(found / TESTS).toBeGreaterThanOrEqual(0.75);
  });
});

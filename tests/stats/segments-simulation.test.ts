// Validation of the segment statistics by simulation, with seeded generators so every run sees the
// same draws: the post-stratified test keeps its false-positive rate in A/A; a real interaction on
// one device class is found after Holm's correction over the whole family (dimensions × metrics);
// and the interaction test rejects no more often than α when there is nothing to find.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../server/demo/seeded-random.js';
import { holm } from '../../server/stats/multiple.js';
import { postStratify } from '../../server/stats/poststratify.js';
import { analyseLevels, type LevelSamples } from '../../server/stats/segments.js';
import type { MetricKind, Sample } from '../../server/stats/types.js';

const ALPHA = 0.05;

/** Standard normal draws by Box–Muller from a uniform generator. */
function normals(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function pick(random: () => number, shares: readonly number[]): number {
  let u = random();
  for (let i = 0; i < shares.length - 1; i++) {
    u -= shares[i] as number;
    if (u < 0) return i;
  }
  return shares.length - 1;
}

const empty = (): Sample => ({ n: 0, sum: 0, sumSquares: 0 });
function add(sample: Sample, x: number): void {
  sample.n += 1;
  sample.sum += x;
  sample.sumSquares += x * x;
}

/** Three standard errors of a rejection rate α over `draws` draws: the margin an honest test stays within. */
function margin(draws: number): number {
  return 3 * Math.sqrt((ALPHA * (1 - ALPHA)) / draws);
}

describe('post-stratification in A/A', () => {
  it('keeps the false-positive rate within 3.5–6.5% when strata differ in mean', () => {
    const random = mulberry32(20261206);
    const gauss = normals(random);
    // Four strata of unequal size whose means differ far more than the noise within them.
    const shares = [0.4, 0.3, 0.2, 0.1];
    const means = [1, 4, 9, 20];
    const sds = [1, 2, 3, 6];
    const draws = 4000;
    let rejected = 0;
    let rawRejected = 0;
    let reduction = 0;
    for (let draw = 0; draw < draws; draw++) {
      const strata = shares.map(() => ({ control: empty(), treatment: empty() }));
      for (let visitor = 0; visitor < 600; visitor++) {
        const s = pick(random, shares);
        const cell = strata[s]!;
        add(random() < 0.5 ? cell.control : cell.treatment, means[s]! + sds[s]! * gauss());
      }
      const result = postStratify(strata, 'continuous');
      if (result.adjusted.pValue < ALPHA) rejected += 1;
      if (result.raw.pValue < ALPHA) rawRejected += 1;
      reduction += result.varianceReduction;
    }
    const rate = rejected / draws;
    expect(rate, `adjusted false-positive rate ${rate}`).toBeGreaterThanOrEqual(0.035);
    expect(rate, `adjusted false-positive rate ${rate}`).toBeLessThanOrEqual(0.065);
    expect(rawRejected / draws).toBeLessThanOrEqual(0.065);
    // Strata this different make the adjustment worth having: most of the variance goes.
    expect(reduction / draws).toBeGreaterThan(0.5);
  });

  it('keeps the false-positive rate within 3.5–6.5% for a rate metric', () => {
    const random = mulberry32(1406);
    const shares = [0.5, 0.35, 0.15];
    const rates = [0.02, 0.08, 0.25];
    const draws = 3000;
    let rejected = 0;
    for (let draw = 0; draw < draws; draw++) {
      const strata = shares.map(() => ({ control: empty(), treatment: empty() }));
      for (let visitor = 0; visitor < 1500; visitor++) {
        const s = pick(random, shares);
        const cell = strata[s]!;
        add(random() < 0.5 ? cell.control : cell.treatment, random() < rates[s]! ? 1 : 0);
      }
      if (postStratify(strata, 'binary').adjusted.pValue < ALPHA) rejected += 1;
    }
    const rate = rejected / draws;
    expect(rate, `adjusted false-positive rate ${rate}`).toBeGreaterThanOrEqual(0.035);
    expect(rate, `adjusted false-positive rate ${rate}`).toBeLessThanOrEqual(0.065);
  });
});

// Each simulated visitor has a device, a visitor age and a traffic source, a conversion and a time
// on page; the results are cut by each dimension for each metric, as the results page does.
const DIMENSIONS = [
  { name: 'device', levels: ['desktop', 'mobile', 'tablet'], shares: [0.5, 0.35, 0.15] },
  { name: 'visitor', levels: ['new', 'returning'], shares: [0.6, 0.4] },
  { name: 'source', levels: ['direct', 'search', 'social', 'email'], shares: [0.4, 0.3, 0.2, 0.1] },
] as const;
const METRICS: readonly { name: string; kind: MetricKind }[] = [
  { name: 'conversion', kind: 'binary' },
  { name: 'time on page', kind: 'continuous' },
];

/**
 * One simulated experiment: `perArm` visitors in each arm; a treated visitor on `mobile` converts
 * at `mobileRate` instead of 10%. Returns the interaction p-values of the family in the order
 * dimensions × metrics.
 */
function interactionPValues(random: () => number, gauss: () => number, perArm: number, mobileRate: number): number[] {
  // cells[dimension][metric][level] = { control, treatment }
  const cells = DIMENSIONS.map((d) => METRICS.map(() => d.levels.map(() => ({ control: empty(), treatment: empty() }))));
  for (const arm of ['control', 'treatment'] as const) {
    for (let visitor = 0; visitor < perArm; visitor++) {
      const levels = DIMENSIONS.map((d) => pick(random, d.shares));
      const rate = arm === 'treatment' && levels[0] === 1 ? mobileRate : 0.1;
      const values = [random() < rate ? 1 : 0, 60 + 30 * gauss()];
      DIMENSIONS.forEach((_, d) => METRICS.forEach((_, m) => add(cells[d]![m]![levels[d]!]![arm], values[m]!)));
    }
  }
  return DIMENSIONS.flatMap((d, di) =>
    METRICS.map((metric, mi) => {
      const levels: LevelSamples[] = d.levels.map((level, li) => ({ level, ...cells[di]![mi]![li]! }));
      return analyseLevels(levels, metric.kind).interaction.pValue;
    }),
  );
}

describe('interaction by segment', () => {
  it('finds a real effect on mobile only, after Holm over dimensions × metrics, in at least 90% of draws', () => {
    const random = mulberry32(7);
    const gauss = normals(random);
    const draws = 300;
    let found = 0;
    let falseFindings = 0;
    for (let draw = 0; draw < draws; draw++) {
      // +50% conversions on mobile (10% → 15%), nothing on desktop or tablet.
      const adjusted = holm(interactionPValues(random, gauss, 8000, 0.15));
      if (adjusted[0]! < ALPHA) found += 1;
      if (adjusted.slice(1).some((p) => p < ALPHA)) falseFindings += 1;
    }
    expect(found / draws, `found in ${found} of ${draws}`).toBeGreaterThanOrEqual(0.9);
    // The other five members of the family have no interaction: Holm keeps them quiet.
    expect(falseFindings / draws).toBeLessThanOrEqual(ALPHA + margin(draws));
  });

  it('rejects no more often than α in A/A, for rates and for means', () => {
    const random = mulberry32(1954);
    const gauss = normals(random);
    const draws = 2000;
    const rejections = METRICS.map(() => 0);
    for (let draw = 0; draw < draws; draw++) {
      const device = DIMENSIONS[0];
      const cells = METRICS.map(() => device.levels.map(() => ({ control: empty(), treatment: empty() })));
      for (const arm of ['control', 'treatment'] as const) {
        for (let visitor = 0; visitor < 1500; visitor++) {
          const level = pick(random, device.shares);
          add(cells[0]![level]![arm], random() < 0.2 ? 1 : 0);
          add(cells[1]![level]![arm], 60 + 30 * gauss());
        }
      }
      METRICS.forEach((metric, m) => {
        const levels = device.levels.map((level, l) => ({ level, ...cells[m]![l]! }));
        if (analyseLevels(levels, metric.kind).interaction.pValue < ALPHA) rejections[m]! += 1;
      });
    }
    for (const [m, count] of rejections.entries()) {
      expect(count / draws, `${METRICS[m]!.name}: ${count} of ${draws}`).toBeLessThanOrEqual(ALPHA + margin(draws));
    }
  });
});

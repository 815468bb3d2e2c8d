// The adjusted section: post-stratified differences in means (Σ w_s (ȳ_t,s − ȳ_c,s), Neyman
// variance; exactly Lin's fully interacted OLS with HC2 errors, tests/stats/poststratify.test.ts),
// beside the raw ones, with how much variance the strata removed. The strata are the segment
// dimensions crossed: those asked for, or else the most dimensions whose every stratum holds at
// least MINIMUM_PER_STRATUM visitors in each arm, since a stratum with a handful of visitors in an
// arm has a variance too poor to weight. When no choice qualifies, no adjusted figure is given.
import type { MetricName } from '../metrics/registry.js';
import { postStratify, sampleFromSums, type Stratum } from '../stats/index.js';
import { SEGMENT_DIMENSIONS } from '../segments/vocabulary.js';
import { VISITORS_METRIC } from './read-sums.js';
import type { ResultsContext } from './results-context.js';
import { dimensionsOf, strataSums, type CellSums } from './segment-levels.js';

export const MINIMUM_PER_STRATUM = 100;

export function buildAdjustedSection(context: ResultsContext, cells: CellSums, metrics: readonly { metric: MetricName; kind: string }[], asked?: readonly string[]) {
  const available = dimensionsOf(cells, SEGMENT_DIMENSIONS).map((dimension) => dimension.name);
  const empty = (reason: string, strata: string[] = []) => ({ strata, cells: 0, minimumPerCell: MINIMUM_PER_STRATUM, available: false, reason, metrics: [] });
  if (available.length === 0) return empty('No visitor has a segment yet, so there are no strata to adjust by.');
  const unknown = asked?.filter((name) => !available.includes(name)) ?? [];
  if (unknown.length > 0) return empty(`No visitor has the segment ${unknown.map((name) => `"${name}"`).join(', ')}: the strata can be ${available.join(', ')}.`, [...asked!]);

  const candidates = asked && asked.length > 0 ? [[...asked]] : subsetsLargestFirst(available);
  const chosen = candidates.find((dimensions) => smallestStratum(context, cells, dimensions) >= MINIMUM_PER_STRATUM);
  if (!chosen) {
    const smallest = smallestStratum(context, cells, candidates[0]!);
    return empty(
      asked && asked.length > 0
        ? `A stratum of ${asked.join(' × ')} holds only ${smallest} visitors in an arm (at least ${MINIMUM_PER_STRATUM} are needed).`
        : `Every way of forming strata leaves one with fewer than ${MINIMUM_PER_STRATUM} visitors in an arm.`,
      asked ? [...asked] : [],
    );
  }

  const { control, treatments, sumsOf, options } = context;
  const strataOf = (variantId: string, metric: MetricName, total: ReturnType<typeof sumsOf>) => strataSums(cells.get(variantId), chosen, metric, total);
  const analysed = metrics.filter((metric) => metric.kind === 'binary' || metric.kind === 'continuous');
  let cellCount = 0;
  const built = analysed.map(({ metric, kind }) => {
    const controlStrata = strataOf(control.id, metric, sumsOf(control, metric));
    return {
      metric,
      comparisons: treatments.map((treatment) => {
        const treatmentStrata = strataOf(treatment.id, metric, sumsOf(treatment, metric));
        const keys = [...new Set([...controlStrata.keys(), ...treatmentStrata.keys()])];
        cellCount = Math.max(cellCount, keys.length);
        const strata: Stratum[] = keys.map((key) => ({
          control: sampleFromSums(controlStrata.get(key) ?? { n: 0, sumX: 0, sumX2: 0 }),
          treatment: sampleFromSums(treatmentStrata.get(key) ?? { n: 0, sumX: 0, sumX2: 0 }),
        }));
        const result = postStratify(strata, kind as 'binary' | 'continuous', options.alpha);
        return { variant: treatment.key, raw: result.raw, adjusted: result.adjusted, relative: result.relative, varianceReduction: result.varianceReduction };
      }),
    };
  });
  return { strata: chosen, cells: cellCount, minimumPerCell: MINIMUM_PER_STRATUM, available: true, reason: null, metrics: built };
}

/** The fewest visitors any stratum of these dimensions holds in any arm (strata no arm has are not strata). */
function smallestStratum({ experiment, sumsOf }: ResultsContext, cells: CellSums, dimensions: readonly string[]): number {
  const perArm = experiment.variants.map((variant) => strataSums(cells.get(variant.id), dimensions, VISITORS_METRIC, sumsOf(variant, VISITORS_METRIC)));
  const keys = new Set(perArm.flatMap((strata) => [...strata.keys()]));
  let smallest = Number.POSITIVE_INFINITY;
  for (const key of keys) for (const strata of perArm) smallest = Math.min(smallest, strata.get(key)?.n ?? 0);
  return smallest;
}

/** Every non-empty subset of the dimensions, most dimensions first, in the dimensions' order within a size. */
function subsetsLargestFirst(dimensions: readonly string[]): string[][] {
  const subsets: string[][] = [];
  for (let mask = 1; mask < 1 << dimensions.length; mask++) subsets.push(dimensions.filter((_, index) => mask & (1 << index)));
  return subsets.sort((a, b) => b.length - a.length);
}

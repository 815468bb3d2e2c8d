// Daily cumulative series of the primary metric for the charts: each arm's estimate, and each
// treatment's relative lift with its fixed-horizon and always-valid intervals, as of each day.
import type { Experiment, Variant } from '../experiments/model.js';
import { compareArms, summariseArm, type AnalysisKind } from './compare.js';
import { emptySums, type DailySums, type ExperimentSums, type Sums } from './read-sums.js';
import { DAY_MS } from '../collect/vocabulary.js';


function asOf(series: readonly DailySums[] | undefined, day: number): Sums {
  let found: Sums = emptySums();
  for (const row of series ?? []) {
    if (row.day > day) break;
    found = row;
  }
  return found;
}

export function buildSeries(experiment: Experiment, sums: ExperimentSums, kind: AnalysisKind, options: { alpha: number; tuningN: (treatment: Variant) => number }) {
  const metric = experiment.primaryMetric;
  const control = experiment.variants.find((variant) => variant.control)!;
  const cumulative = (variant: Variant, day: number) => asOf(sums.cumulative.get(variant.id)?.get(metric), day);
  return sums.days.map((day) => ({
    date: new Date(day * DAY_MS).toISOString().slice(0, 10),
    arms: experiment.variants.map((variant) => {
      const { n, estimate } = summariseArm(kind, cumulative(variant, day), options.alpha);
      return { variant: variant.key, n, estimate };
    }),
    lifts: experiment.variants
      .filter((variant) => !variant.control)
      .map((treatment) => {
        const comparison = compareArms(kind, cumulative(control, day), cumulative(treatment, day), { alpha: options.alpha, tuningN: options.tuningN(treatment), bayes: false });
        return {
          variant: treatment.key,
          estimate: comparison.relative.estimate,
          lower: comparison.relative.lower,
          upper: comparison.relative.upper,
          alwaysValidLower: comparison.alwaysValid?.lower ?? null,
          alwaysValidUpper: comparison.alwaysValid?.upper ?? null,
        };
      }),
  }));
}

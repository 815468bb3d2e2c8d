// What every section of the results document reads: the experiment, its control and treatments,
// the options, and one accessor for an arm's sums of a metric. Built once per document.
import type { Experiment, Variant } from '../experiments/model.js';
import { isLive } from '../experiments/status.js';
import type { MetricName } from '../experiments/vocabulary.js';
import { plannedPairSize, type Adjustment } from '../stats/index.js';
import { emptySums, VISITORS_METRIC, type ExperimentSums, type Sums } from './read-sums.js';

export interface ResultsOptions {
  alpha: number;
  adjustment: Adjustment;
  /** Non-inferiority margin on the relative lift, e.g. −0.05. */
  margin: number;
  now: number;
}

/** Without a planned sample size, always-valid intervals are tuned for this many visitors per pair. */
export const DEFAULT_TUNING_N = 10_000;

export interface ResultsContext {
  experiment: Experiment;
  sums: ExperimentSums;
  options: ResultsOptions;
  control: Variant;
  treatments: Variant[];
  /** Live (running or paused): verdicts rest on the always-valid figures. */
  running: boolean;
  imported: boolean;
  /** Visitors per arm, in the experiment's variant order. */
  visitors: number[];
  /** 95 for alpha 0.05. */
  confidence: number;
  sumsOf(variant: Variant, metric: MetricName): Sums;
  /** The visitors per pair the always-valid intervals are tuned for. */
  tuningN(treatment: Variant): number;
}

export function resultsContext(experiment: Experiment, sums: ExperimentSums, options: ResultsOptions): ResultsContext {
  const control = experiment.variants.find((variant) => variant.control)!;
  const weights = experiment.variants.map((variant) => variant.weight);
  const sumsOf = (variant: Variant, metric: MetricName): Sums => sums.totals.get(variant.id)?.get(metric) ?? emptySums();
  return {
    experiment,
    sums,
    options,
    control,
    treatments: experiment.variants.filter((variant) => !variant.control),
    running: isLive(experiment.status),
    imported: experiment.importedAt !== null,
    visitors: experiment.variants.map((variant) => sumsOf(variant, VISITORS_METRIC).n),
    confidence: Math.round((1 - options.alpha) * 1000) / 10,
    sumsOf,
    tuningN: (treatment) =>
      experiment.plannedSampleSize
        ? plannedPairSize(experiment.plannedSampleSize, weights, experiment.variants.indexOf(control), experiment.variants.indexOf(treatment))
        : DEFAULT_TUNING_N,
  };
}

// Everything the results document reads, in two queries: the experiment's daily sum rows (every
// name at once: the metrics, the distribution counts and the first-conversion counts, which used to
// be three reads of the same rows) and its sums per segment cell. The three views of the daily rows
// are then made in memory by the same pure functions the single reads use, so the figures are the
// same to the bit. O(variants × days × names + variants × cells × metrics) rows, whatever the events.
import type { Db } from '../db/connect.js';
import type { Experiment } from '../experiments/model.js';
import { buildDistributions, distributionCountsFromRows, type Distributions } from './distributions.js';
import { noveltyFromRows, type NoveltySums } from './read-novelty-sums.js';
import { experimentSumsFromRows, type DailySumRow, type ExperimentSums } from './read-sums.js';
import { readSegmentSums, type SegmentSums } from './read-segment-sums.js';

export interface ResultsInputs {
  sums: ExperimentSums;
  distributions: Distributions;
  segments: SegmentSums;
  novelty: NoveltySums;
}

/** Every daily sum row of the experiment, each (variant, name) in day order: the primary key's order, so no sort. */
export async function readDailySumRows(db: Db, experimentId: string): Promise<DailySumRow[]> {
  return db
    .selectFrom('variantDailySums')
    .select(['variantId', 'metric', 'day', 'n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'])
    .where('experimentId', '=', experimentId)
    .orderBy('variantId')
    .orderBy('day')
    .execute();
}

/** throughDay: as readNoveltySums takes it (load-results.ts's noveltyThroughDay). */
export async function readResultsInputs(db: Db, experiment: Pick<Experiment, 'id' | 'variants'>, throughDay: number): Promise<ResultsInputs> {
  const [rows, segments] = await Promise.all([readDailySumRows(db, experiment.id), readSegmentSums(db, experiment.id)]);
  return {
    sums: experimentSumsFromRows(rows),
    distributions: buildDistributions(experiment, distributionCountsFromRows(rows)),
    segments,
    novelty: noveltyFromRows(rows, throughDay),
  };
}

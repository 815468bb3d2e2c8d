// Reads what the results document needs (the daily sums, the distribution counts, the sums per
// segment cell, the first-conversion days) and builds it, keeping the document until the sums
// change: every commit that moves an experiment's sums moves its sums_version (in the same
// transaction, so in every process), and the experiment itself (its settings) is part of the key. A live experiment's
// document also depends on the clock (days running, days still needed), so it is kept for at
// most a minute even when nothing changed.
import type { Db } from '../db/connect.js';
import type { Experiment } from '../experiments/model.js';
import { isLive } from '../experiments/status.js';
import { dayOf } from '../collect/vocabulary.js';
import { buildResults, type ResultsDocument, type ResultsOptions } from './build-results.js';
import { readDistributions } from './distributions.js';
import { readNoveltySums } from './read-novelty-sums.js';
import { readExperimentSums } from './read-sums.js';
import { readSegmentSums } from './read-segment-sums.js';
import type { CapCheck } from '../collect/fix-revenue-caps.js';
import type { DisclosurePreset } from '../experiments/vocabulary.js';

export interface ResultsRequest extends Omit<ResultsOptions, 'now'> {
  strata?: readonly string[];
}

const CACHE_ENTRIES = 200;
const LIVE_FRESHNESS_MS = 60_000;

export class ResultsCache {
  private readonly entries = new Map<string, { stamp: string; document: ResultsDocument }>();

  get(key: string, stamp: string): ResultsDocument | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.stamp !== stamp) return undefined;
    // Most recently used last, so the first key is the one to forget.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.document;
  }

  set(key: string, stamp: string, document: ResultsDocument): void {
    this.entries.delete(key);
    this.entries.set(key, { stamp, document });
    if (this.entries.size > CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The day the first-conversion counts run to: today while live, the stop's day once stopped. */
export function noveltyThroughDay(experiment: Experiment, now: number): number {
  return dayOf(experiment.stoppedAt !== null && !isLive(experiment.status) ? experiment.stoppedAt : now);
}

export interface LoadOptions {
  cache?: ResultsCache;
  capCheck?: CapCheck;
  /** The site's disclosure presets (they mark the arms research lets run undisclosed). */
  presets?: readonly DisclosurePreset[];
}

export async function loadResults(db: Db, experiment: Experiment, request: ResultsRequest, now: number, { cache, capCheck, presets }: LoadOptions = {}): Promise<ResultsDocument> {
  const key = JSON.stringify([experiment.id, request.alpha, request.adjustment, request.margin, request.strata ?? null]);
  const { sumsVersion } = await db.selectFrom('experiments').select('sumsVersion').where('id', '=', experiment.id).executeTakeFirstOrThrow();
  const stamp = [sumsVersion, JSON.stringify(experiment), capCheck?.state, JSON.stringify(presets ?? []), isLive(experiment.status) ? Math.floor(now / LIVE_FRESHNESS_MS) : ''].join('|');
  const cached = cache?.get(key, stamp);
  if (cached) return cached;
  const [sums, distributions, segments, novelty] = await Promise.all([
    readExperimentSums(db, experiment.id),
    readDistributions(db, experiment),
    readSegmentSums(db, experiment.id),
    readNoveltySums(db, experiment.id, noveltyThroughDay(experiment, now)),
  ]);
  const { strata, ...options } = request;
  const document = buildResults(experiment, sums, { ...options, now }, { distributions, cells: segments.cells, novelty, strata, capCheck, presets });
  cache?.set(key, stamp, document);
  return document;
}

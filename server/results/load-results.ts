// Reads what the results document needs and builds it, keeping it until the sums change: every
// commit that moves an experiment's sums moves its sums_version (in the same transaction, so in
// every process), and the experiment itself (its settings) is part of the key. A live experiment's
// document also depends on the clock (days running, days still needed), so it is kept for at most
// a minute even when nothing changed. A hit costs one indexed read (the sums_version) and no
// serialisation: the JSON and its ETag are made once per build (results-cache.ts).
//
// While events flow into the experiment itself, its sums move on every flush (every few ms), so a
// document is never current for long. Two guarantees hold then: concurrent requests for the same
// document share one build (single flight), and a caller that asks for maxStalenessMs may be given
// a document built from older sums, no older than that, which then says so in its freshness block
// (the sums_version it was built from, the latest one, and a sentence). The default is 0: current
// figures, built afresh when the sums moved.
import type { Db, Dialect } from '../db/connect.js';
import type { Experiment } from '../experiments/model.js';
import { isLive } from '../experiments/status.js';
import { dayOf } from '../collect/vocabulary.js';
import { buildResults, type ResultsOptions } from './build-results.js';
import type { Freshness } from './document-schema.js';
import { readResultsInputs } from './read-results-inputs.js';
import { inReadSnapshot, readSumsVersion } from './read-sums-version.js';
import { answerOf, ResultsCache, type CachedResults, type ResultsAnswer } from './results-cache.js';
import type { CapCheck } from '../collect/fix-revenue-caps.js';
import type { DisclosurePreset } from '../experiments/vocabulary.js';

export { ResultsCache, type ResultsAnswer } from './results-cache.js';

export interface ResultsRequest extends Omit<ResultsOptions, 'now'> {
  strata?: readonly string[];
  /** How old (ms since it was built) a document from older sums may be and still be given; 0: never. */
  maxStalenessMs?: number;
}

const LIVE_FRESHNESS_MS = 60_000;

/** The day the first-conversion counts run to: today while live, the stop's day once stopped. */
export function noveltyThroughDay(experiment: Experiment, now: number): number {
  return dayOf(experiment.stoppedAt !== null && !isLive(experiment.status) ? experiment.stoppedAt : now);
}

export interface LoadOptions {
  /** How the sums are read in one snapshot (read-sums-version.ts). */
  dialect: Dialect;
  cache?: ResultsCache;
  capCheck?: CapCheck;
  /** The site's disclosure presets (they mark the arms research lets run undisclosed). */
  presets?: readonly DisclosurePreset[];
}

export async function loadResults(db: Db, experiment: Experiment, request: ResultsRequest, now: number, options: LoadOptions): Promise<ResultsAnswer> {
  const { dialect, cache = new ResultsCache(), capCheck, presets } = options;
  const key = JSON.stringify([experiment.id, request.alpha, request.adjustment, request.margin, request.strata ?? null]);
  // Everything but the sums that the document depends on: a change here always rebuilds.
  const settings = [JSON.stringify(experiment), capCheck?.state, JSON.stringify(presets ?? []), isLive(experiment.status) ? Math.floor(now / LIVE_FRESHNESS_MS) : ''].join('|');
  const latest = await readSumsVersion(db, experiment.id);
  const cached = cache.find(key, settings, latest, now, request.maxStalenessMs ?? 0);
  if (cached) return answerOf(cached, latest);
  const built = await cache.buildOnce(key, settings, latest, request.maxStalenessMs ?? 0, () => build(db, dialect, experiment, request, now, capCheck, presets));
  return answerOf(built, Math.max(latest, built.sumsVersion), true);
}

/** Reads the sums and their sums_version in one snapshot, so the version the document names is the one its figures come from. */
async function build(db: Db, dialect: Dialect, experiment: Experiment, request: ResultsRequest, now: number, capCheck: CapCheck | undefined, presets: readonly DisclosurePreset[] | undefined): Promise<CachedResults> {
  const { sumsVersion, inputs } = await inReadSnapshot(db, dialect, async (snapshot) => ({
    sumsVersion: await readSumsVersion(snapshot, experiment.id),
    inputs: await readResultsInputs(snapshot, experiment, noveltyThroughDay(experiment, now)),
  }));
  const { strata, maxStalenessMs: _maxStalenessMs, ...options } = request;
  const { sums, distributions, segments, novelty } = inputs;
  const document = buildResults(experiment, sums, { ...options, now }, { distributions, cells: segments.cells, novelty, strata, capCheck, presets });
  return ResultsCache.entry(document, sumsVersion, now);
}

export type { Freshness };

// Each experiment's distributions, reused for a time in proportion to what they cost. Unlike the
// results document they read every fact of the experiment: ~0.3 s at 100k visitors and ~4 s at
// 1M on SQLite (bench/results.ts), where better-sqlite3 holds the one Node thread, ingestion
// included. Reusing an answer until 100 times its cost has passed keeps them under ~1% of the
// server's time however many dashboards refresh; a small experiment's few milliseconds expire
// within a fraction of a second, so it always looks fresh.
import type { Db } from '../db/connect.js';
import type { Experiment } from '../experiments/model.js';
import { buildDistributions, type DistributionsDocument } from './distributions.js';
import { readDistributions, type DistributionRow } from './read-distributions.js';

export const REUSE_FACTOR = 100;
/** Experiments remembered at once; the least recently computed is forgotten first. */
const MAX_ENTRIES = 200;

interface Entry {
  rows: Promise<DistributionRow[]>;
  generatedAt: number;
  /** Monotonic ms: when the read started, and (once done) how long it took. */
  startedAt: number;
  costMs: number | null;
}

export interface DistributionsCache {
  get(experiment: Experiment): Promise<DistributionsDocument>;
}

/** `clock` is monotonic milliseconds, for costs and ages; `now` the app's clock, for generatedAt. */
export function createDistributionsCache(db: Db, now: () => number, clock: () => number = () => performance.now()): DistributionsCache {
  const entries = new Map<string, Entry>();

  function read(experimentId: string): Entry {
    const entry: Entry = { rows: readDistributions(db, experimentId), generatedAt: now(), startedAt: clock(), costMs: null };
    entry.rows.then(
      () => (entry.costMs = clock() - entry.startedAt),
      () => entries.get(experimentId) === entry && entries.delete(experimentId),
    );
    entries.delete(experimentId);
    entries.set(experimentId, entry);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    return entry;
  }

  return {
    async get(experiment) {
      let entry = entries.get(experiment.id);
      // A read under way is shared; a finished one is kept while younger than 100× its cost.
      const expired = entry && entry.costMs !== null && clock() - entry.startedAt > entry.costMs * REUSE_FACTOR;
      if (!entry || expired) entry = read(experiment.id);
      const rows = await entry.rows;
      return { experimentId: experiment.id, generatedAt: entry.generatedAt, ...buildDistributions(experiment, rows) };
    },
  };
}

// Timing GET /api/experiments/:id/results: sequential requests (one at a time, each timed from
// send to last byte) and the same work in process without HTTP, split into reading the sums,
// computing the document and serialising it; the databases taken in turn. Every answer is checked.
// Also the document's per-arm distributions section in process: a read of the daily sums.
import { findExperiment } from '../server/experiments/experiment-queries.js';
import { openDatabase, type Db } from '../server/db/connect.js';
import type { Experiment } from '../server/experiments/model.js';
import { buildResults } from '../server/results/build-results.js';
import { readDistributions } from '../server/results/distributions.js';
import { noveltyThroughDay } from '../server/results/load-results.js';
import { readResultsInputs } from '../server/results/read-results-inputs.js';
import { COHORT_DAYS } from './results-build.js';

export interface Timings {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** The server's CPU time over the run per request (robust where wall times are not: the machine is shared), when read. */
  serverCpuMs?: number | null;
}

export interface InProcess {
  readSums: Timings;
  buildResults: Timings;
  stringify: Timings;
  /** The three in a row, as the route does them (less Hono and the socket). */
  total: Timings;
}

export function summariseTimes(ms: readonly number[]): Timings {
  const sorted = Float64Array.from(ms).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), meanMs: ms.reduce((a, b) => a + b, 0) / ms.length, maxMs: sorted.at(-1) ?? Number.NaN };
}

const elapsedMs = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;

/** What a real results document must hold; throws on anything less. Answers its size in bytes. */
export function checkDocument(status: number, body: string, expectedVisitors: number, growing = false): number {
  if (status !== 200) throw new Error(`GET results answered ${status}: ${body.slice(0, 300)}`);
  const doc = JSON.parse(body) as {
    variants: Array<{ visitors: number }>;
    metrics: unknown[];
    headlines: unknown[];
    series: unknown[];
    disclosure: { grid: { analysis: string; contrasts: unknown[] } };
  };
  const visitors = doc.variants.reduce((sum, variant) => sum + variant.visitors, 0);
  const problems = [
    doc.variants.length !== 4 && `${doc.variants.length} variants, not 4`,
    (growing ? visitors < expectedVisitors : visitors !== expectedVisitors) && `${visitors} visitors, not ${growing ? 'at least ' : ''}${expectedVisitors}`,
    doc.disclosure.grid.analysis !== 'factorial' && `a "${doc.disclosure.grid.analysis}" disclosure grid, not factorial`,
    doc.metrics.length < 10 && `only ${doc.metrics.length} metrics`,
    doc.headlines.length === 0 && 'no headlines',
    Math.abs(doc.series.length - COHORT_DAYS) > 1 && `a series of ${doc.series.length} days, not ~${COHORT_DAYS}`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new Error(`the results document is not what the data make: ${problems.join('; ')}`);
  return Buffer.byteLength(body);
}

export interface Target {
  url: string;
  expectedVisitors: number;
  /** Events flow into this experiment meanwhile: its visitors may only grow. */
  growing?: boolean;
  /** The serving process's CPU seconds so far (it serves nothing else during a run), or null. */
  serverCpuSeconds?: () => number | null;
}

/** What the answers' freshness blocks said over one timed run. */
export interface FreshnessSeen {
  answers: number;
  /** Answers computed from sums that had moved since (maxStaleness allowed it; each said so). */
  stale: number;
  /** The most commits of events an answer's figures were behind by. */
  maxVersionsBehind: number;
  /** The oldest stale answer: ms from its computation to its arrival (0 with none). */
  maxAgeMs: number;
}

/**
 * `count` requests to each target one after another, taking the targets in turn (A, B, A, B, …)
 * so that a slower spell of this shared machine falls on both alike. Fetch keeps the connections.
 */
/**
 * `uncached`: each request asks a significance level of its own (0.05 plus i·1e-9), so the
 * server's results cache, keyed by the query, never answers it: the document is computed afresh.
 * `maxStalenessMs`: asked of the server (it may then answer from older sums, and say so).
 */
export async function timeSequential(targets: readonly Target[], headers: Record<string, string>, count: number, { uncached = false, maxStalenessMs = 0 } = {}): Promise<Timings[]> {
  return (await timeSequentialFreshness(targets, headers, count, { uncached, maxStalenessMs })).map(({ timings }) => timings);
}

/** timeSequential, with what the answers said of their freshness. */
export async function timeSequentialFreshness(
  targets: readonly Target[],
  headers: Record<string, string>,
  count: number,
  { uncached = false, maxStalenessMs = 0 } = {},
): Promise<Array<{ timings: Timings; freshness: FreshnessSeen }>> {
  const times = targets.map((): number[] => []);
  const seen = targets.map((): FreshnessSeen => ({ answers: 0, stale: 0, maxVersionsBehind: 0, maxAgeMs: 0 }));
  const cpuBefore = targets.map((target) => target.serverCpuSeconds?.() ?? null);
  for (let i = 0; i < count; i++) {
    for (const [index, target] of targets.entries()) {
      const query = new URLSearchParams();
      if (uncached) query.set('alpha', (0.05 + (i + 1) * 1e-9).toFixed(9));
      if (maxStalenessMs > 0) query.set('maxStaleness', String(maxStalenessMs));
      const url = query.size > 0 ? `${target.url}?${query}` : target.url;
      const started = process.hrtime.bigint();
      const response = await fetch(url, { headers });
      const body = await response.text();
      times[index]!.push(elapsedMs(started));
      const arrived = Date.now();
      checkDocument(response.status, body, target.expectedVisitors, target.growing);
      const { freshness } = JSON.parse(body) as { freshness: { current: boolean; sumsVersion: number; latestSumsVersion: number; builtAt: number } };
      const mine = seen[index]!;
      mine.answers++;
      if (!freshness.current) {
        mine.stale++;
        mine.maxVersionsBehind = Math.max(mine.maxVersionsBehind, freshness.latestSumsVersion - freshness.sumsVersion);
        mine.maxAgeMs = Math.max(mine.maxAgeMs, arrived - freshness.builtAt);
      }
    }
  }
  const cpuMs = targets.map((target, index) => {
    const before = cpuBefore[index];
    const after = target.serverCpuSeconds?.() ?? null;
    return before === null || before === undefined || after === null ? null : ((after - before) * 1000) / count;
  });
  return times.map((mine, index) => ({ timings: { ...summariseTimes(mine), serverCpuMs: cpuMs[index] }, freshness: seen[index]! }));
}

export interface Stored {
  file: string;
  experimentId: string;
  expectedVisitors: number;
  /** Events were posted to the experiment before: its visitors may have grown. */
  growing?: boolean;
}

/**
 * Every read the route makes (readResultsInputs: the daily sum rows, once, for the metrics, the
 * distribution counts and the first-conversion days; the segment sums) + buildResults + JSON.stringify in this process, without the cache, the databases in turn
 * as above: `warmup` rounds untimed, then `count` timed.
 */
export async function timeInProcess(databases: readonly Stored[], warmup: number, count: number): Promise<InProcess[]> {
  return withExperiments(databases, async (targets) => {
    const times = targets.map(() => ({ readSums: [] as number[], buildResults: [] as number[], stringify: [] as number[], total: [] as number[] }));
    for (let i = 0; i < warmup + count; i++) {
      for (const [index, { db, experiment, stored }] of targets.entries()) {
        const t0 = process.hrtime.bigint();
        const now = Date.now();
        const { sums, distributions, segments, novelty } = await readResultsInputs(db, experiment, noveltyThroughDay(experiment, now));
        const t1 = process.hrtime.bigint();
        const doc = buildResults(experiment, sums, { alpha: 0.05, adjustment: 'holm', margin: -0.05, now }, { distributions, cells: segments.cells, novelty });
        const t2 = process.hrtime.bigint();
        const body = JSON.stringify(doc);
        const t3 = process.hrtime.bigint();
        if (i === 0) checkDocument(200, body, stored.expectedVisitors, stored.growing);
        if (i < warmup) continue;
        const mine = times[index]!;
        mine.readSums.push(Number(t1 - t0) / 1e6);
        mine.buildResults.push(Number(t2 - t1) / 1e6);
        mine.stringify.push(Number(t3 - t2) / 1e6);
        mine.total.push(Number(t3 - t0) / 1e6);
      }
    }
    return times.map((mine) => ({
      readSums: summariseTimes(mine.readSums),
      buildResults: summariseTimes(mine.buildResults),
      stringify: summariseTimes(mine.stringify),
      total: summariseTimes(mine.total),
    }));
  });
}

/**
 * readDistributions (its query over the daily sums, then buildDistributions) in this process, as
 * the route does it for every request. The databases in turn. Each answer must count every visitor.
 */
export async function timeDistributions(databases: readonly Stored[], warmup: number, count: number): Promise<Timings[]> {
  return withExperiments(databases, async (targets) => {
    const times = targets.map(() => [] as number[]);
    for (let i = 0; i < warmup + count; i++) {
      for (const [index, { db, experiment, stored }] of targets.entries()) {
        const started = process.hrtime.bigint();
        const distributions = await readDistributions(db, experiment);
        const ms = elapsedMs(started);
        const exposed = distributions.video.reduce((sum, arm) => sum + arm.exposed, 0);
        if (stored.growing ? exposed < stored.expectedVisitors : exposed !== stored.expectedVisitors) throw new Error(`the distributions count ${exposed} exposed visitors, not ${stored.expectedVisitors}`);
        if (i >= warmup) times[index]!.push(ms);
      }
    }
    return times.map(summariseTimes);
  });
}

/** Opens each database and finds its experiment, runs `work` over them, and closes them whatever happens. */
async function withExperiments<T>(
  databases: readonly Stored[],
  work: (targets: Array<{ db: Db; experiment: Experiment; stored: Stored }>) => Promise<T>,
): Promise<T> {
  const opened = databases.map((stored) => ({ stored, ...openDatabase({ dialect: 'sqlite', file: stored.file }) }));
  try {
    const targets = await Promise.all(
      opened.map(async ({ db, stored }) => {
        const experiment = await findExperiment(db, stored.experimentId);
        if (!experiment) throw new Error(`no experiment ${stored.experimentId} in ${stored.file}`);
        return { db, experiment, stored };
      }),
    );
    return await work(targets);
  } finally {
    await Promise.all(opened.map(({ close }) => close()));
  }
}

// The results document's distributions section: how each arm's visitors spread: the trust answers 1–5, yes and no to "noticed", and how far into
// the video they got. From the daily sums alone (one query, O(variants × days) rows): the counts
// collect/distribution-sums.ts keeps beside the metrics, and the n and Σx of a few metrics.
import { sql } from 'kysely';
import { DISTRIBUTION_METRICS, FURTHEST_MARKS, STARTED_IMPLIED, TRUST_BUCKETS, TRUST_SCORES, WATCH_MARKS, type SumMetric, type WatchMark } from '../collect/distribution-sums.js';
import type { Db } from '../db/connect.js';
import type { Variant } from '../experiments/model.js';
import { VISITORS_METRIC, type DailySumRow } from './read-sums.js';

export interface TrustDistribution {
  variant: string;
  /** counts[k − 1]: answering visitors whose mean trust, rounded half up, is k. */
  counts: [number, number, number, number, number];
  /** Every visitor with a trust answer: the n of the trust metric. */
  answered: number;
  /** Answered, but with a mean outside 0.5–5.5, so in no bar: only an imported file can hold one. */
  outOfScale: number;
}

export interface NoticedDistribution {
  variant: string;
  /** Answered the noticed question, saying yes at least once. */
  yes: number;
  /** Answered it, saying only no. */
  no: number;
}

export interface VideoDistribution {
  variant: string;
  exposed: number;
  /** Flagged as started, or reached a mark, or finished. */
  started: number;
  /** Of the exposed visitors, how many got at least this far (a share of the video, %); finishing reaches every mark. */
  reached: Record<WatchMark, number>;
}

export interface Distributions {
  trust: TrustDistribution[];
  noticed: NoticedDistribution[];
  video: VideoDistribution[];
}

/** One variant's sums for one name, over every cohort day: only n and Σx count here. */
export interface CountRow {
  variantId: string;
  metric: string;
  n: number;
  sumX: number;
}

/** The metrics whose n or Σx the distributions take, beside their own counts. */
const READ: readonly SumMetric[] = [VISITORS_METRIC, 'video_started', 'trust', 'noticed_disclosure', ...DISTRIBUTION_METRICS];

export async function readDistributionCounts(db: Db, experimentId: string): Promise<CountRow[]> {
  const rows = await db
    .selectFrom('variantDailySums')
    .where('experimentId', '=', experimentId)
    .where('metric', 'in', READ)
    .groupBy(['variantId', 'metric'])
    .select(['variantId', 'metric', sql<number>`sum(n)`.as('n'), sql<number>`sum(sum_x)`.as('sumX')])
    .execute();
  // pg's SUM of a bigint is a numeric, which arrives as a string.
  return rows.map((row) => ({ variantId: row.variantId, metric: row.metric, n: Number(row.n), sumX: Number(row.sumX) }));
}

const READ_NAMES: ReadonlySet<string> = new Set(READ);

/**
 * Pure: the counts readDistributionCounts sums in SQL, summed here from an experiment's daily rows
 * (rows of other names are skipped). Its n and Σx are whole numbers (counts, and Σx of 0/1
 * values), exact in a double in any order, so the two agree to the bit.
 */
export function distributionCountsFromRows(rows: ReadonlyArray<Pick<DailySumRow, 'variantId' | 'metric' | 'n' | 'sumX'>>): CountRow[] {
  const counts = new Map<string, CountRow>();
  for (const row of rows) {
    if (!READ_NAMES.has(row.metric)) continue;
    const key = `${row.variantId}\u0000${row.metric}`;
    const count = counts.get(key);
    if (count) {
      count.n += Number(row.n);
      count.sumX += Number(row.sumX);
    } else {
      counts.set(key, { variantId: row.variantId, metric: row.metric, n: Number(row.n), sumX: Number(row.sumX) });
    }
  }
  return [...counts.values()];
}

/** What the counts need of an experiment: its arms, in order. */
export interface Arms {
  id: string;
  variants: ReadonlyArray<Pick<Variant, 'id' | 'key'>>;
}

/** The results document's distributions section: one query over the experiment's daily sums. */
export async function readDistributions(db: Db, experiment: Arms): Promise<Distributions> {
  return buildDistributions(experiment, await readDistributionCounts(db, experiment.id));
}

/** Every arm at zero: for a document built without reading the counts. */
export function emptyDistributions(experiment: Pick<Arms, 'variants'>): Distributions {
  return buildDistributions(experiment, []);
}

/** Pure: in the experiment's variant order, an arm no visitor has reached given zeros rather than left out. */
export function buildDistributions(experiment: Pick<Arms, 'variants'>, rows: readonly CountRow[]): Distributions {
  const byVariant = new Map<string, Map<string, CountRow>>();
  for (const row of rows) {
    let metrics = byVariant.get(row.variantId);
    if (!metrics) byVariant.set(row.variantId, (metrics = new Map()));
    metrics.set(row.metric, row);
  }
  const arms = experiment.variants.map((variant) => {
    const metrics = byVariant.get(variant.id);
    const n = (metric: SumMetric) => metrics?.get(metric)?.n ?? 0;
    // Σx of 0/1 values (collect/facts.ts, imports/cells.ts): a whole number, exact in a double.
    const sumX = (metric: SumMetric) => metrics?.get(metric)?.sumX ?? 0;
    return { key: variant.key, n, sumX };
  });
  return {
    trust: arms.map(({ key, n }) => {
      const counts = TRUST_SCORES.map((score) => n(TRUST_BUCKETS[score])) as TrustDistribution['counts'];
      const answered = n('trust');
      return { variant: key, counts, answered, outOfScale: answered - counts.reduce((a, b) => a + b, 0) };
    }),
    // noticed_disclosure is 1 for a yes, 0 for a no, absent when unanswered.
    noticed: arms.map(({ key, n, sumX }) => ({ variant: key, yes: sumX('noticed_disclosure'), no: n('noticed_disclosure') - sumX('noticed_disclosure') })),
    video: arms.map(({ key, n, sumX }) => {
      // A visitor is counted once, at the furthest mark: reaching a mark is that row or any further.
      let further = 0;
      const reached = {} as Record<WatchMark, number>;
      for (const mark of [...WATCH_MARKS].reverse()) reached[mark] = further += n(FURTHEST_MARKS[mark]);
      return { variant: key, exposed: n(VISITORS_METRIC), started: sumX('video_started') + n(STARTED_IMPLIED), reached };
    }),
  };
}

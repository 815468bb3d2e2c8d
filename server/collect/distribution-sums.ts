// The counts behind GET …/distributions, kept in the daily sums under internal names (pure): a
// visitor who answered trust adds 1 to the bar their mean rounds to, one who watched adds 1 to the
// furthest video mark they reached. Not metrics: results/read-sums.ts reads METRIC_NAMES only.
import type { MetricName } from '../experiments/vocabulary.js';
import type { Fact } from './facts.js';
import { VIDEO_MILESTONES } from './vocabulary.js';

/** The video marks the snippet reports. */
export const WATCH_MARKS = VIDEO_MILESTONES;
export type WatchMark = (typeof WATCH_MARKS)[number];
export const TRUST_SCORES = [1, 2, 3, 4, 5] as const;
export type TrustScore = (typeof TRUST_SCORES)[number];

/** Rounded half up, the visitor's mean trust is k: one row per answering visitor in the scale. */
export const TRUST_BUCKETS = { 1: 'dist:trust_1', 2: 'dist:trust_2', 3: 'dist:trust_3', 4: 'dist:trust_4', 5: 'dist:trust_5' } as const;
/**
 * The furthest mark a visitor reached: one row per visitor, not one per mark, so a full view
 * adds one row, not four; "reached 50" is then the sum of the rows from 50 up.
 */
export const FURTHEST_MARKS = { 25: 'dist:furthest_25', 50: 'dist:furthest_50', 75: 'dist:furthest_75', 100: 'dist:furthest_100' } as const;
/**
 * Started by the rule "any mark counts as started" but without the started flag: only an
 * imported file that mapped watch_pct or video_completed and not video_started has one. Started
 * visitors are video_started's Σx plus these.
 */
export const STARTED_IMPLIED = 'dist:started_implied';

export const DISTRIBUTION_METRICS = [...TRUST_SCORES.map((score) => TRUST_BUCKETS[score]), ...WATCH_MARKS.map((mark) => FURTHEST_MARKS[mark]), STARTED_IMPLIED] as const;
export type DistributionMetric = (typeof DISTRIBUTION_METRICS)[number];
/** Every name a daily sum row can have. */
export type SumMetric = MetricName | DistributionMetric;

/** Metric names are identifiers (snake_case), which cannot hold the ":" of these. */
export const DISTRIBUTION_PREFIX = 'dist:';
// And should a metric ever be named "dist:…", this stops the build.
type NoClash<T extends never> = T;
type Checked = NoClash<Extract<MetricName, `${typeof DISTRIBUTION_PREFIX}${string}`>>;

/**
 * k when k − ½ ≤ sum / answers < k + ½, compared as (2k − 1)·answers ≤ 2·sum < (2k + 1)·answers:
 * no division, so a mean of exactly 3.5 is 4, and the backfill's SQL (db/backfill-distribution-
 * sums.ts) decides every mean the same way in doubles. Null with no answer or off the 1–5 scale.
 */
export function trustScore(trustSum: number, trustAnswers: number): TrustScore | null {
  if (!(trustAnswers > 0)) return null;
  const twice = 2 * trustSum;
  if (!(twice >= trustAnswers)) return null;
  for (let k = 1; k <= 5; k++) if (twice < (2 * k + 1) * trustAnswers) return k as TrustScore;
  return null;
}

/** Finishing the video counts as reaching every mark; null below the first. */
export function furthestMark(fact: Pick<Fact, 'watchPct' | 'videoCompleted'>): WatchMark | null {
  if (fact.videoCompleted === 1 || fact.watchPct >= 100) return 100;
  if (fact.watchPct >= 75) return 75;
  if (fact.watchPct >= 50) return 50;
  if (fact.watchPct >= 25) return 25;
  return null;
}

/** Started by a share watched or by finishing, without the started flag. */
export function startedImplied(fact: Pick<Fact, 'videoStarted' | 'watchPct' | 'videoCompleted'>): boolean {
  return fact.videoStarted !== 1 && (fact.watchPct > 0 || fact.videoCompleted === 1);
}

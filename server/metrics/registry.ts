// Every metric an experiment can be judged on, one entry each: its words, how it is analysed, the
// visitor-fact fields it reads and how a fact yields its value, how an imported cell fills it, how
// it is shown. Ingestion, verify, results, import, the editor and the dashboard all read this
// table, so a new metric is one entry here (plus its fact field, if it needs a new one).
import type { VisitorFactsTable } from '../db/types.js';

/** A visitor's fact as ingestion folds it and the metrics read it: the row without its timestamp. */
export type Fact = Omit<VisitorFactsTable, 'updatedAt'>;

/** How two arms are compared: a proportion, a mean, or Σx / Σy by the delta method. */
export type MetricKind = 'binary' | 'continuous' | 'ratio';
/** What one visitor's value is: 0 or 1, a whole number of 0 or more, or any number. */
export type StoredKind = 'binary' | 'count' | 'continuous';
/**
 * How a value reads: a rate as a percentage, a 0–100 share in percent (differences in points),
 * money, a 1–5 score, or a ratio with three decimals.
 */
export type MetricFormat = 'rate' | 'share' | 'money' | 'score' | 'ratio';
/** Whom a metric is about: every exposed visitor, visitors shown a video, or those who answered the survey. */
export type MetricScope = 'all' | 'video' | 'survey';

export interface MetricDefinition {
  /** The words a shop owner reads in sentences and pickers ("add-to-cart lifted by …"). */
  label: string;
  kind: MetricKind;
  stored: StoredKind;
  /** The visitor-fact fields `value` reads and `importInto` writes. */
  reads: readonly (keyof Fact)[];
  /** The visitor's value x, counted from the first exposure; null when the visitor has none (did not answer). */
  value: (fact: Fact) => number | null;
  /** A ratio's per-visitor denominator y (Σx / Σy); the others have none (y = 0). */
  per?: (fact: Fact) => number;
  /**
   * Where an imported column's value goes, so that `value` reads it back. Cells are read by
   * `stored` (imports/cells.ts); an empty cell is 0, or "not answered" for survey metrics.
   */
  importInto: (fact: Fact, value: number) => void;
  format: MetricFormat;
  appliesTo: MetricScope;
}

export const METRIC_REGISTRY = {
  viewable: {
    label: 'viewability',
    kind: 'binary',
    stored: 'binary',
    reads: ['viewable'],
    value: (fact) => fact.viewable,
    importInto: (fact, value) => (fact.viewable = value),
    format: 'rate',
    appliesTo: 'all',
  },
  video_started: {
    label: 'video starts',
    kind: 'binary',
    stored: 'binary',
    reads: ['videoStarted'],
    value: (fact) => fact.videoStarted,
    importInto: (fact, value) => (fact.videoStarted = value),
    format: 'rate',
    appliesTo: 'video',
  },
  video_completed: {
    label: 'video completions',
    kind: 'binary',
    stored: 'binary',
    reads: ['videoCompleted'],
    value: (fact) => fact.videoCompleted,
    importInto: (fact, value) => (fact.videoCompleted = value),
    format: 'rate',
    appliesTo: 'video',
  },
  watch_pct: {
    label: 'the share of the video watched',
    kind: 'continuous',
    stored: 'continuous',
    reads: ['watchPct'],
    value: (fact) => fact.watchPct,
    importInto: (fact, value) => (fact.watchPct = value),
    format: 'share',
    appliesTo: 'video',
  },
  clicked: {
    label: 'click-through',
    kind: 'binary',
    stored: 'binary',
    reads: ['clicks'],
    value: (fact) => fact.clicks > 0 ? 1 : 0,
    importInto: (fact, value) => (fact.clicks = value),
    format: 'rate',
    appliesTo: 'all',
  },
  clicks: {
    // Read as a ratio, clicks per exposure (by the delta method), not as a mean per visitor.
    label: 'clicks per view',
    kind: 'ratio',
    stored: 'count',
    reads: ['clicks', 'exposures'],
    value: (fact) => fact.clicks,
    per: (fact) => fact.exposures,
    importInto: (fact, value) => (fact.clicks = value),
    format: 'ratio',
    appliesTo: 'all',
  },
  added_to_cart: {
    label: 'add-to-cart',
    kind: 'binary',
    stored: 'binary',
    reads: ['addedToCart'],
    value: (fact) => fact.addedToCart,
    importInto: (fact, value) => (fact.addedToCart = value),
    format: 'rate',
    appliesTo: 'all',
  },
  purchased: {
    label: 'purchases',
    kind: 'binary',
    stored: 'binary',
    reads: ['purchased'],
    value: (fact) => fact.purchased,
    importInto: (fact, value) => (fact.purchased = value),
    format: 'rate',
    appliesTo: 'all',
  },
  revenue: {
    label: 'revenue per visitor',
    kind: 'continuous',
    stored: 'continuous',
    reads: ['revenue'],
    value: (fact) => fact.revenue,
    importInto: (fact, value) => (fact.revenue = value),
    format: 'money',
    appliesTo: 'all',
  },
  revenue_capped: {
    // Winsorized at the experiment's cap (experiments/plan-settings.ts), so that one huge order
    // cannot decide the test. A visitor has a value only once the cap is in force: until then the
    // metric has no rows at all. An imported column is the visitor's revenue, capped at the import's cap.
    label: 'revenue per visitor, capped',
    kind: 'continuous',
    stored: 'continuous',
    reads: ['revenue', 'revenueCap'],
    value: (fact) => (fact.revenueCap === null ? null : Math.min(fact.revenue, fact.revenueCap)),
    importInto: (fact, value) => (fact.revenue = value),
    format: 'money',
    appliesTo: 'all',
  },
  revenue_per_buyer: {
    // Average order value, per visitor who bought: a creative can win buyers who spend less. An
    // imported column is a visitor's order value, 0 or empty for one who did not buy.
    label: 'revenue per buyer',
    kind: 'ratio',
    stored: 'continuous',
    reads: ['revenue', 'purchased'],
    value: (fact) => fact.revenue,
    per: (fact) => fact.purchased,
    importInto: (fact, value) => {
      fact.revenue = value;
      fact.purchased = value > 0 ? 1 : 0;
    },
    format: 'money',
    appliesTo: 'all',
  },
  trust: {
    label: 'stated trust',
    kind: 'continuous',
    stored: 'continuous',
    reads: ['trustSum', 'trustAnswers'],
    value: (fact) => (fact.trustAnswers > 0 ? fact.trustSum / fact.trustAnswers : null),
    importInto: (fact, value) => {
      fact.trustSum = value;
      fact.trustAnswers = 1;
    },
    format: 'score',
    appliesTo: 'survey',
  },
  noticed_disclosure: {
    label: 'noticing the AI',
    kind: 'binary',
    stored: 'binary',
    reads: ['noticedDisclosure'],
    value: (fact) => fact.noticedDisclosure,
    importInto: (fact, value) => (fact.noticedDisclosure = value),
    format: 'rate',
    appliesTo: 'survey',
  },
  answered_survey: {
    // Every exposed visitor has it (0 or 1): the share who answered, not an answer itself.
    label: 'survey answers',
    kind: 'binary',
    stored: 'binary',
    reads: ['answeredSurvey'],
    value: (fact) => fact.answeredSurvey,
    importInto: (fact, value) => (fact.answeredSurvey = value),
    format: 'rate',
    appliesTo: 'all',
  },
} as const satisfies Record<string, MetricDefinition>;

/** The closed set of metric names, exact for the types. */
export type MetricName = keyof typeof METRIC_REGISTRY;
/** In the table's order, which is the pickers' and the results' order. */
export const METRIC_NAMES = Object.keys(METRIC_REGISTRY) as [MetricName, ...MetricName[]];

/** A metric's entry, typed as the general definition (the table itself keeps literal types). */
export function metricDefinition(metric: MetricName): MetricDefinition {
  return METRIC_REGISTRY[metric];
}

/** The entry of a name that may not be a metric (a results document read by the client). */
export function findMetric(name: string): MetricDefinition | undefined {
  return Object.hasOwn(METRIC_REGISTRY, name) ? METRIC_REGISTRY[name as MetricName] : undefined;
}

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRIC_REGISTRY, name);
}

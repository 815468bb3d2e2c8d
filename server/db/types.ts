// The Database interface Kysely checks queries against: it mirrors schema.sql, in camelCase
// (CamelCasePlugin maps to the snake_case columns). JSON columns are text here; the feature
// folders parse them.
import type { Sums } from '../stats/types.js';

export interface SchemaVersionTable {
  version: number;
  appliedAt: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updatedAt: number;
}

export interface SitesTable {
  id: string;
  publicKey: string;
  name: string;
  allowedOrigins: string;
  disclosurePolicy: 'strict' | 'research';
  createdAt: number;
  updatedAt: number;
  /** ISO 4217, three capitals. */
  currency: string;
  /** Never leaves the server: the API says only whether one is set. */
  shopifyWebhookSecret: string | null;
  shopifyWebhookLastAt: number | null;
  /** 'verified', or the error code the last webhook was refused with. */
  shopifyWebhookLastResult: string | null;
  /** JSON array of DisclosurePreset; disclosurePolicy is kept in step for an older Candor. */
  disclosurePresets: string;
}

export type ExperimentStatus = 'draft' | 'running' | 'paused' | 'stopped' | 'archived';

export interface ExperimentsTable {
  id: string;
  siteId: string;
  key: string;
  name: string;
  hypothesis: string;
  slot: string;
  coverage: number;
  primaryMetric: string;
  guardrailMetrics: string;
  plannedSampleSize: number | null;
  seed: string;
  status: ExperimentStatus;
  startedAt: number | null;
  stoppedAt: number | null;
  /** Set for a past test imported from a file (server/imports/); null for one that ran here. */
  importedAt: number | null;
  /** JSON object metric → display label (an imported column's name); '{}' when none. */
  metricLabels: string;
  /** JSON of the complete Survey (experiments/survey-input.ts); null when the experiment asks none. */
  survey: string | null;
  /** The relative lift the test is planned to detect (0.1 = 10%); null: the default. */
  plannedEffect: number | null;
  /** JSON of the RevenueCap setting; null: revenue is not capped. */
  revenueCap: string | null;
  /** The cap in force once fixed (at the start for a value, after the first days for a percentile). */
  revenueCapValue: number | null;
  revenueCapFixedAt: number | null;
  /** Moved by every commit that changes this experiment's sums: results are cached by it. */
  sumsVersion: number;
  createdAt: number;
  updatedAt: number;
}

export interface VariantsTable {
  id: string;
  experimentId: string;
  position: number;
  key: string;
  name: string;
  origin: 'ai' | 'traditional' | 'hybrid';
  disclosure: 'none' | 'label' | 'caption' | 'badge' | 'icon' | 'credentials';
  disclosureText: string | null;
  disclosurePosition: string | null;
  disclosureShowSeconds: number | null;
  mediaType: 'image' | 'video';
  mediaUrl: string;
  posterUrl: string | null;
  altText: string;
  /** Pixels; null when unknown. Both or neither. */
  mediaWidth: number | null;
  mediaHeight: number | null;
  clickUrl: string | null;
  weight: number;
  likeness: 'none' | 'consented';
  consentRef: string | null;
  generator: string | null;
  isControl: number;
  /** 0/1 as the shop declares them; null: not said. */
  photorealistic: number | null;
  syntheticHuman: number | null;
  realProduct: number | null;
}

export interface CreativesTable {
  id: string;
  sha256: string;
  kind: 'image' | 'video';
  mime: string;
  ext: 'jpg' | 'png' | 'webp' | 'avif' | 'mp4' | 'webm';
  bytes: number;
  width: number;
  height: number;
  durationMs: number | null;
  /** The poster ffmpeg made, stored as `<posterSha256>.jpg`; null without one. */
  posterSha256: string | null;
  /**
   * JSON of the smaller copies of the image (or of the video's poster) for srcset
   * (creatives/derivatives.ts); null for a creative uploaded before version 8 until
   * `candor derivatives` makes them.
   */
  derivatives: string | null;
  /** JSON of the Provenance summary (creatives/source-type.ts). */
  provenance: string;
  originalName: string | null;
  createdAt: number;
}

export interface EventsTable {
  siteId: string;
  id: string;
  experimentId: string | null;
  variantId: string | null;
  visitorId: string;
  type: string;
  name: string | null;
  ts: number;
  receivedAt: number;
  value: number | null;
  orderId: string | null;
  props: string | null;
}

export interface VisitorFactsTable {
  experimentId: string;
  visitorId: string;
  siteId: string;
  variantId: string;
  firstExposureAt: number;
  exposureDay: number;
  exposures: number;
  viewable: number;
  videoStarted: number;
  watchPct: number;
  videoCompleted: number;
  clicks: number;
  addedToCart: number;
  purchased: number;
  revenue: number;
  trustSum: number;
  trustAnswers: number;
  noticedDisclosure: number | null;
  answeredSurvey: number;
  updatedAt: number;
  /** The visitor's segment cell at first exposure (segments/cell.ts); '' when unknown. */
  segment: string;
  /** The experiment's revenue cap in force when the fact was folded; null while there is none. */
  revenueCap: number | null;
  /** Whole days from the first exposure to the first click, add-to-cart, purchase; null: none yet. */
  clickedDay: number | null;
  cartedDay: number | null;
  purchasedDay: number | null;
}

/** The running sums (n, sum_x … sum_xy) are the statistics' own `Sums`, under the same names. */
export interface VariantDailySumsTable extends Sums {
  experimentId: string;
  variantId: string;
  day: number;
  metric: string;
}

/** Per variant, segment cell and metric, cumulative: results by segment read these. */
export interface SegmentSumsTable extends Sums {
  experimentId: string;
  variantId: string;
  segment: string;
  metric: string;
}

export interface DropCountsTable {
  siteId: string;
  day: number;
  reason: string;
  count: number;
}

/** A visitor's lock row: flushes on PostgreSQL row-lock it while they fold the visitor. */
export interface VisitorLocksTable {
  siteId: string;
  visitorId: string;
}

/** The purchase event that claimed each order of a site: one purchase per order. */
export interface PurchaseOrdersTable {
  siteId: string;
  orderId: string;
  eventId: string;
}

export interface Database {
  schemaVersion: SchemaVersionTable;
  settings: SettingsTable;
  sites: SitesTable;
  experiments: ExperimentsTable;
  variants: VariantsTable;
  creatives: CreativesTable;
  events: EventsTable;
  visitorFacts: VisitorFactsTable;
  variantDailySums: VariantDailySumsTable;
  segmentSums: SegmentSumsTable;
  dropCounts: DropCountsTable;
  visitorLocks: VisitorLocksTable;
  purchaseOrders: PurchaseOrdersTable;
}

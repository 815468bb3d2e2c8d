// The shapes the dashboard reads, taken from the server's own types (type-only imports: none of
// the server is bundled). The results document is declared once, on the server
// (server/results/document-schema.ts), with null wherever a figure can be missing.
import type { z } from 'zod';
import type { ResultsDocument } from '../../server/results/document-schema.js';
import type { experimentInput } from '../../server/experiments/experiment-input.js';
import type { siteInput } from '../../server/experiments/site-input.js';
import type { Experiment, Site } from '../../server/experiments/model.js';
import type { PolicyViolation } from '../../server/experiments/policy.js';
import type { ImportReport } from '../../server/imports/read-rows.js';

export type { Experiment, Media, Site, Variant, VariantCreative } from '../../server/experiments/model.js';
export type { Creative } from '../../server/creatives/queries.js';
export type { Provenance } from '../../server/creatives/source-type.js';
export type { PolicyViolation };
export type { Survey } from '../../server/experiments/survey-input.js';
export type { ResultsDocument };

export type MetricResult = ResultsDocument['metrics'][number];
export type Comparison = MetricResult['comparisons'][number];
export type ArmResult = MetricResult['arms'][number];
export type VariantSummary = ResultsDocument['variants'][number];
export type GridResult = ResultsDocument['disclosure']['grid'];
export type SeriesPoint = ResultsDocument['series'][number];
export type Distributions = ResultsDocument['distributions'];
export type TrustDistribution = Distributions['trust'][number];
export type NoticedDistribution = Distributions['noticed'][number];
export type VideoDistribution = Distributions['video'][number];

/** What the admin API accepts, as sent (before its defaults are filled in). */
export type ExperimentInputBody = z.input<typeof experimentInput>;
export type SiteInputBody = z.input<typeof siteInput>;

/** An experiment as the admin API answers it: with what each variant's media says against its declared origin. */
export type ExperimentAnswer = Experiment & { warnings: PolicyViolation[] };

export function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** When something was last seen, and how long ago that was when the server answered. */
export interface Seen {
  at: number;
  secondsAgo: number;
}

export interface Installation {
  siteId: string;
  publicKey: string;
  scriptTag: string;
  slots: Array<{ slot: string; markup: string }>;
  lastSeen: { at: number; origin: string | null; source: 'memory' | 'events'; secondsAgo: number } | null;
  conversions: { add_to_cart: Seen | null; purchase: Seen | null };
  shopify: { pixelPath: string; webhookUrl: string; webhook: Site['shopifyWebhook'] & { secondsAgo: number | null } };
  currency: string;
  now: number;
}

/** POST /api/demo: the demo shop, its four-arm experiment, and the traffic sent through it. */
export interface DemoAnswer {
  site: Site | string;
  experiment: Experiment | string;
  visitors: number;
  events: number;
}

export interface ImportAnswer {
  experiment: Experiment;
  report: ImportReport;
}

export function idOf(value: { id: string } | string): string {
  return typeof value === 'string' ? value : value.id;
}

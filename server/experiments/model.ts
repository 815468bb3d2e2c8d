// Sites, experiments and variants as the API and the rest of the server see them, and their
// mapping from database rows (JSON text parsed, 0/1 made boolean, columns grouped).
import type { Derivative } from '../creatives/derivatives.js';
import type { Provenance } from '../creatives/source-type.js';
import type { ExperimentStatus, ExperimentsTable, SitesTable, VariantsTable } from '../db/types.js';
import type { CompleteDisclosure } from './experiment-input.js';
import { PRESET_ORDER } from './policy-rules.js';
import { revenueCapFromColumn, type RevenueCap } from './plan-settings.js';
import { surveyFromColumn, type Survey } from './survey-input.js';
import type { DisclosurePolicy, DisclosurePosition, DisclosurePreset, Likeness, MediaType, MetricName, Origin } from './vocabulary.js';

export interface Site {
  id: string;
  publicKey: string;
  name: string;
  allowedOrigins: string[];
  /** The presets in force, in the editor's order (policy-rules.ts). */
  disclosurePresets: DisclosurePreset[];
  /** Older clients' view of the presets: strict when strict is on, research otherwise (policy.ts's legacyPolicy). */
  disclosurePolicy: DisclosurePolicy;
  /** ISO 4217: the currency every revenue of the site is in. */
  currency: string;
  shopifyWebhook: ShopifyWebhookState;
  createdAt: number;
  updatedAt: number;
}

/**
 * What an install page shows of the Shopify webhook: whether a secret is set (never the secret),
 * and when the last webhook came and what became of it ('verified', or the code it was refused with).
 */
export interface ShopifyWebhookState {
  secretSet: boolean;
  lastAt: number | null;
  lastResult: string | null;
}

/** Width and height are in pixels, both or neither: the snippet reserves the slot's shape from them. */
export interface Media {
  type: MediaType;
  url: string;
  poster: string | null;
  alt: string;
  width: number | null;
  height: number | null;
}

/**
 * The uploaded creative a variant's media URL names (`/media/<sha256>.<ext>`: the hash names the
 * content, whatever the host), with what the file itself says about its origin.
 */
export interface VariantCreative {
  id: string;
  sha256: string;
  provenance: Provenance;
  /** A video's poster frame as ffmpeg made it (`<posterSha256>.jpg`), or null. */
  posterSha256: string | null;
  /** Smaller copies of the image, or of the video's poster, for srcset (creatives/derivatives.ts); empty until made. */
  derivatives: Derivative[];
}

/** An imported arm (server/imports/) has no creative: its media url and alt text are empty. */
export interface Variant {
  id: string;
  key: string;
  name: string;
  origin: Origin;
  disclosure: CompleteDisclosure;
  media: Media;
  clickUrl: string | null;
  weight: number;
  likeness: Likeness;
  consentRef: string | null;
  generator: string | null;
  /** What the disclosure presets ask about the arm, as declared; null: not said. */
  photorealistic: boolean | null;
  /** Depicts an AI-generated human: a synthetic performer. */
  syntheticHuman: boolean | null;
  /** Depicts the real product. */
  realProduct: boolean | null;
  control: boolean;
  /** Set when the media is an upload (experiment-queries.ts fills it in); null for an external URL. */
  creative: VariantCreative | null;
}

export interface Experiment {
  id: string;
  siteId: string;
  key: string;
  name: string;
  hypothesis: string;
  slot: string;
  coverage: number;
  primaryMetric: MetricName;
  guardrailMetrics: MetricName[];
  plannedSampleSize: number | null;
  /** The relative lift the test is planned to detect (0.1 = 10%); null: the default, 10%. */
  plannedEffect: number | null;
  /** How revenue per visitor is capped in revenue_capped; null: it is not. */
  revenueCap: RevenueCap | null;
  /** The cap in force: set at the first start for a value, after the first days for a percentile; null until then. */
  revenueCapValue: number | null;
  revenueCapFixedAt: number | null;
  seed: string;
  status: ExperimentStatus;
  startedAt: number | null;
  stoppedAt: number | null;
  /** When a past test was imported from a file (it never ran here: no events, its facts are the source); null otherwise. */
  importedAt: number | null;
  /**
   * Display labels that replace a metric's own name in the results. An imported experiment has
   * one for every metric it imported (the file's column name unless another label was given), in
   * the file's mapping order, and reports those metrics only.
   */
  metricLabels: Partial<Record<MetricName, string>>;
  /** The one-question card visitors get after engagement, the same in every arm; null for none. */
  survey: Survey | null;
  createdAt: number;
  updatedAt: number;
  variants: Variant[];
}

// Field by field, not a spread: the webhook secret must never reach an answer.
export function siteFromRow(row: SitesTable): Site {
  return {
    id: row.id,
    publicKey: row.publicKey,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowedOrigins) as string[],
    disclosurePresets: presetsFromColumn(row.disclosurePresets, row.disclosurePolicy),
    disclosurePolicy: row.disclosurePolicy,
    currency: row.currency,
    shopifyWebhook: {
      secretSet: row.shopifyWebhookSecret !== null,
      lastAt: row.shopifyWebhookLastAt,
      lastResult: row.shopifyWebhookLastResult,
    },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function variantFromRow(row: VariantsTable): Variant {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    origin: row.origin,
    disclosure: {
      style: row.disclosure,
      text: row.disclosureText,
      position: row.disclosurePosition as DisclosurePosition | null,
      showForSeconds: row.disclosureShowSeconds,
    },
    media: {
      type: row.mediaType,
      url: row.mediaUrl,
      poster: row.posterUrl,
      alt: row.altText,
      width: row.mediaWidth,
      height: row.mediaHeight,
    },
    clickUrl: row.clickUrl,
    weight: row.weight,
    likeness: row.likeness,
    consentRef: row.consentRef,
    generator: row.generator,
    photorealistic: row.photorealistic === null ? null : row.photorealistic === 1,
    syntheticHuman: row.syntheticHuman === null ? null : row.syntheticHuman === 1,
    realProduct: row.realProduct === null ? null : row.realProduct === 1,
    control: row.isControl === 1,
    creative: null,
  };
}

export function experimentFromRow(row: ExperimentsTable, variants: readonly VariantsTable[]): Experiment {
  // The sums version is the results cache's bookkeeping, not part of the experiment.
  const { sumsVersion: _sumsVersion, ...fields } = row;
  return {
    ...fields,
    revenueCap: revenueCapFromColumn(row.revenueCap),
    primaryMetric: row.primaryMetric as MetricName,
    guardrailMetrics: JSON.parse(row.guardrailMetrics) as MetricName[],
    metricLabels: JSON.parse(row.metricLabels) as Partial<Record<MetricName, string>>,
    survey: surveyFromColumn(row.survey),
    variants: [...variants].sort((a, b) => a.position - b.position).map(variantFromRow),
  };
}

/** The presets column in the editor's order; a row an older Candor wrote has none ('[]'), so its policy stands in. */
function presetsFromColumn(column: string, policy: DisclosurePolicy): DisclosurePreset[] {
  const listed = JSON.parse(column) as DisclosurePreset[];
  return listed.length ? PRESET_ORDER.filter((preset) => listed.includes(preset)) : [policy];
}

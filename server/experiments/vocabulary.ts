// The closed sets an experiment is made of (DESIGN.md's vocabulary) and the caps on its strings.
import { MAX_MEDIA_DIMENSION } from '../creatives/formats.js';

export const ORIGINS = ['ai', 'traditional', 'hybrid'] as const;
export const DISCLOSURE_STYLES = ['none', 'label', 'caption', 'badge', 'icon', 'credentials'] as const;
export const DISCLOSURE_POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right', 'above', 'below'] as const;
export const CORNER_POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export const MEDIA_TYPES = ['image', 'video'] as const;
export const LIKENESS = ['none', 'consented'] as const;
export const DISCLOSURE_POLICIES = ['strict', 'research'] as const;
/**
 * The rules a site can switch on, combined (policy-rules.ts says what each requires and cites it).
 * strict and research are today's two policies: what to do with AI arms no law covers.
 */
export const DISCLOSURE_PRESETS = ['strict', 'research', 'eu-ai-act-50-4', 'ny-gbl-396-b', 'iab-ai-disclosure-2026'] as const;
/** The one-question cards an experiment can ask; ingestion takes their answers (collect/vocabulary.ts checks it knows each). */
export const SURVEY_QUESTION_NAMES = ['trust', 'noticed'] as const;

export type Origin = (typeof ORIGINS)[number];
export type DisclosureStyle = (typeof DISCLOSURE_STYLES)[number];
export type DisclosurePosition = (typeof DISCLOSURE_POSITIONS)[number];
export type MediaType = (typeof MEDIA_TYPES)[number];
export type Likeness = (typeof LIKENESS)[number];
export type DisclosurePolicy = (typeof DISCLOSURE_POLICIES)[number];
export type DisclosurePreset = (typeof DISCLOSURE_PRESETS)[number];

/** Styles that put words such as "Made with AI" on the creative. */
export const AI_LABEL_STYLES: readonly DisclosureStyle[] = ['label', 'caption', 'badge', 'icon'];
/** The corner marks over a video that may show for its first seconds only (disclosure.showForSeconds). */
export const TIMED_STYLES: readonly DisclosureStyle[] = ['label', 'badge', 'icon'];

/** The metrics an experiment can be judged on live in one table (metrics/registry.ts). */
export { METRIC_NAMES, type MetricName } from '../metrics/registry.js';

export const LIMITS = {
  name: 120,
  key: 64,
  hypothesis: 2000,
  url: 2048,
  altText: 300,
  disclosureText: 160,
  minShowForSeconds: 1,
  maxShowForSeconds: 30,
  consentRef: 200,
  generator: 120,
  seed: 64,
  origins: 20,
  guardrails: 8,
  minVariants: 2,
  maxVariants: 8,
  maxWeight: 1_000_000,
  maxPlannedSampleSize: 1_000_000_000,
  surveyText: 200,
  surveyScaleLabel: 40,
  maxSurveyDelaySeconds: 60,
  maxMediaDimension: MAX_MEDIA_DIMENSION,
} as const;

export const DEFAULT_DISCLOSURE_TEXT: Record<Exclude<Origin, 'traditional'>, string> = {
  ai: 'Made with AI',
  hybrid: 'Made with the help of AI',
};

/** English wording a survey gets unless the admin words it; media-neutral, for images and video alike. */
export const DEFAULT_SURVEY = {
  trust: { text: 'How much do you trust what this ad shows?', low: 'Not at all', high: 'Completely' },
  noticed: { text: 'Did you notice that this ad was made with AI?' },
  delaySeconds: 3,
} as const;

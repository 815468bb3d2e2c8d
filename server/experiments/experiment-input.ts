// What the admin API accepts for an experiment and its variants. Rules that hold whatever the
// site's policy (a traditional creative never carries an AI label) are checked here; the
// policy itself is checked when the experiment starts (policy.ts).
import { z } from 'zod';
import { plannedEffectInput, revenueCapInput } from './plan-settings.js';
import { text } from './site-input.js';
import { surveyInput } from './survey-input.js';
import {
  AI_LABEL_STYLES,
  CORNER_POSITIONS,
  DEFAULT_DISCLOSURE_TEXT,
  DISCLOSURE_POSITIONS,
  DISCLOSURE_STYLES,
  LIKENESS,
  LIMITS,
  MEDIA_TYPES,
  METRIC_NAMES,
  ORIGINS,
  TIMED_STYLES,
  type DisclosurePosition,
  type DisclosureStyle,
  type MediaType,
  type Origin,
} from './vocabulary.js';

const slug = z
  .string()
  .max(LIMITS.key)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "-" or "_", starting with a letter or digit');

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

export const httpUrl = z.string().trim().max(LIMITS.url).refine(isHttpUrl, 'must be an absolute http(s) URL');
// A creative's size in pixels; null (as the API shows it) or left out when unknown.
const pixels = z.number().int().positive().max(LIMITS.maxMediaDimension).nullable().default(null);

const disclosure = z.strictObject({
  style: z.enum(DISCLOSURE_STYLES),
  text: text(LIMITS.disclosureText).optional(),
  position: z.enum(DISCLOSURE_POSITIONS).optional(),
  // Video only: the label for the first N seconds, then gone (null or left out: throughout).
  showForSeconds: z.number().int().min(LIMITS.minShowForSeconds).max(LIMITS.maxShowForSeconds).nullable().optional(),
});

const variantInput = z
  .strictObject({
    key: slug,
    name: text(LIMITS.name),
    origin: z.enum(ORIGINS),
    disclosure: disclosure.default({ style: 'none' }),
    media: z.strictObject({
      type: z.enum(MEDIA_TYPES),
      url: httpUrl,
      poster: httpUrl.optional(),
      alt: text(LIMITS.altText),
      width: pixels,
      height: pixels,
    }),
    clickUrl: httpUrl.nullable().default(null),
    weight: z.number().positive().max(LIMITS.maxWeight).default(1),
    likeness: z.enum(LIKENESS).default('none'),
    consentRef: text(LIMITS.consentRef).nullable().default(null),
    generator: text(LIMITS.generator).nullable().default(null),
    control: z.boolean().default(false),
    // What the disclosure presets ask (policy-checks.ts); null or left out: not said.
    photorealistic: z.boolean().nullable().default(null),
    syntheticHuman: z.boolean().nullable().default(null),
    realProduct: z.boolean().nullable().default(null),
  })
  .superRefine((variant, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const { style } = variant.disclosure;
    if (variant.origin === 'traditional' && AI_LABEL_STYLES.includes(style)) {
      problem(['disclosure', 'style'], 'a traditional creative may never carry an AI label');
    }
    if (style === 'none' && (variant.disclosure.text !== undefined || variant.disclosure.position !== undefined)) {
      problem(['disclosure', 'style'], 'a disclosure text or position needs a disclosure style other than "none"');
    }
    if (style === 'caption' && variant.disclosure.position && !['above', 'below'].includes(variant.disclosure.position)) {
      problem(['disclosure', 'position'], 'a caption goes "above" or "below" the creative');
    }
    if (style !== 'caption' && variant.disclosure.position && !isCorner(variant.disclosure.position)) {
      problem(['disclosure', 'position'], `a ${style} sits in a corner: ${CORNER_POSITIONS.join(', ')}`);
    }
    const timing = timedLabelProblem(style, variant.media.type, variant.disclosure.showForSeconds);
    if (timing) problem(['disclosure', 'showForSeconds'], timing);
    if (variant.likeness === 'consented' && variant.consentRef === null) {
      problem(['consentRef'], 'a creative showing a real person needs the reference of their consent');
    }
    if (variant.likeness === 'none' && variant.consentRef !== null) {
      problem(['likeness'], 'a consent reference was given, so say likeness: "consented"');
    }
    if (variant.origin === 'traditional' && variant.syntheticHuman === true) {
      problem(['syntheticHuman'], 'a synthetic performer is made by AI: declare the origin "ai" or "hybrid"');
    }
    if (variant.media.type === 'image' && variant.media.poster !== undefined) {
      problem(['media', 'poster'], 'only a video has a poster');
    }
    const { width, height } = variant.media;
    if (width === null && height !== null) problem(['media', 'width'], 'give the width with the height, or neither');
    if (width !== null && height === null) problem(['media', 'height'], 'give the height with the width, or neither');
  })
  .transform((variant) => ({ ...variant, disclosure: completeDisclosure(variant.origin, variant.disclosure) }));

/** Why a display time does not fit the arm's style and media; null when it fits or none is given. The preview asks the same. */
export function timedLabelProblem(style: DisclosureStyle, mediaType: MediaType, seconds: number | null | undefined): string | null {
  if (seconds === undefined || seconds === null) return null;
  if (style === 'none') return 'a display time needs a disclosure style other than "none"';
  if (mediaType !== 'video') return 'only a video label can show for the first seconds; an image label stays';
  if (!TIMED_STYLES.includes(style)) return 'only a label, badge or icon over the video can show for the first seconds';
  return null;
}

export function isCorner(position: DisclosurePosition): boolean {
  return (CORNER_POSITIONS as readonly string[]).includes(position);
}

export interface Disclosure {
  style: DisclosureStyle;
  text: string | null;
  position: DisclosurePosition | null;
  /** Video only: seconds after which the label hides; null (or absent, in hand-built values) keeps it throughout. */
  showForSeconds?: number | null;
}

/** A stored variant's disclosure: every field said. */
export type CompleteDisclosure = Required<Disclosure>;

/** Fills in the wording and place a shop would pick by default, so every label is explicit. */
export function completeDisclosure(origin: Origin, given: z.output<typeof disclosure>): CompleteDisclosure {
  if (given.style === 'none') return { style: 'none', text: null, position: null, showForSeconds: null };
  const defaultText = origin === 'traditional' || given.style === 'credentials' ? null : DEFAULT_DISCLOSURE_TEXT[origin];
  const defaultPosition: DisclosurePosition = given.style === 'caption' ? 'below' : 'bottom-left';
  return { style: given.style, text: given.text ?? defaultText, position: given.position ?? defaultPosition, showForSeconds: given.showForSeconds ?? null };
}

const variants = z
  .array(variantInput)
  .min(LIMITS.minVariants, `an experiment needs at least ${LIMITS.minVariants} variants`)
  .max(LIMITS.maxVariants)
  .superRefine((list, ctx) => {
    const controls = list.filter((variant) => variant.control).length;
    if (controls !== 1) {
      ctx.addIssue({ code: 'custom', message: `exactly one variant must be the control, found ${controls}` });
    }
    const seen = new Set<string>();
    list.forEach((variant, index) => {
      if (seen.has(variant.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `"${variant.key}" is used twice` });
      seen.add(variant.key);
    });
  });

const metric = z.enum(METRIC_NAMES);
const guardrails = z
  .array(metric)
  .max(LIMITS.guardrails)
  .transform((list) => [...new Set(list)]);
const plannedSampleSize = z.number().int().positive().max(LIMITS.maxPlannedSampleSize).nullable();

export const experimentInput = z
  .strictObject({
    key: slug,
    name: text(LIMITS.name),
    hypothesis: z.string().trim().max(LIMITS.hypothesis).default(''),
    slot: slug,
    coverage: z.number().gt(0).lte(1).default(1),
    primaryMetric: metric,
    guardrailMetrics: guardrails.default([]),
    plannedSampleSize: plannedSampleSize.default(null),
    plannedEffect: plannedEffectInput.default(null),
    revenueCap: revenueCapInput.default(null),
    seed: text(LIMITS.seed).optional(),
    survey: surveyInput.nullable().default(null),
    variants,
  })
  .superRefine(checkGuardrails);

export const experimentPatch = z
  .strictObject({
    key: slug.optional(),
    name: text(LIMITS.name).optional(),
    hypothesis: z.string().trim().max(LIMITS.hypothesis).optional(),
    slot: slug.optional(),
    coverage: z.number().gt(0).lte(1).optional(),
    primaryMetric: metric.optional(),
    guardrailMetrics: guardrails.optional(),
    plannedSampleSize: plannedSampleSize.optional(),
    plannedEffect: plannedEffectInput.optional(),
    revenueCap: revenueCapInput.optional(),
    survey: surveyInput.nullable().optional(),
    variants: variants.optional(),
  })
  .superRefine(checkGuardrails);

function checkGuardrails(
  value: { primaryMetric?: string | undefined; guardrailMetrics?: string[] | undefined; revenueCap?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (value.primaryMetric && value.guardrailMetrics?.includes(value.primaryMetric)) {
    ctx.addIssue({ code: 'custom', path: ['guardrailMetrics'], message: 'the primary metric cannot also be a guardrail' });
  }
  // On create every field is known; an edit's combination is checked by the route (cappedRevenueProblem).
  if (value.revenueCap === null && cappedRevenueProblem(value as { primaryMetric: string; guardrailMetrics: string[]; revenueCap: null }) !== null) {
    ctx.addIssue({ code: 'custom', path: ['revenueCap'], message: CAPPED_REVENUE_NEEDS_A_CAP });
  }
}

export const CAPPED_REVENUE_NEEDS_A_CAP = 'revenue_capped is judged on needs a revenue cap: give one, or judge on revenue';

/** The field at fault when revenue_capped is the primary metric or a guardrail of an experiment with no cap; null when none is. */
export function cappedRevenueProblem(plan: { primaryMetric?: string | undefined; guardrailMetrics?: readonly string[] | undefined; revenueCap: unknown }): 'revenueCap' | null {
  const judged = plan.primaryMetric === 'revenue_capped' || (plan.guardrailMetrics ?? []).includes('revenue_capped');
  return judged && plan.revenueCap === null ? 'revenueCap' : null;
}

export type VariantInput = z.output<typeof variantInput>;
export type ExperimentInput = z.output<typeof experimentInput>;
export type ExperimentPatch = z.output<typeof experimentPatch>;

export { FROZEN_AFTER_START } from './edit-rules.js';

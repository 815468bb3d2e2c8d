// The experiment editor's state (strings, as inputs hold them) and its two translations: from an
// experiment the API returned, and to the body the API accepts. Pure, so it is tested alone.
import { TIMED_STYLES } from '../../../server/experiments/vocabulary.js';
import type { Experiment, ExperimentInputBody, Media, Variant } from '../types.js';
import type { LinkedCreative } from './creative-media.js';
import { blankRevenueCap, planSettingsBody, planSettingsFrom, type PlanSettingsForm } from './plan-settings.js';

type Origin = Variant['origin'];
type Style = Variant['disclosure']['style'];
type Position = NonNullable<Variant['disclosure']['position']>;

export interface VariantForm {
  key: string;
  name: string;
  control: boolean;
  origin: Origin;
  style: Style;
  text: string;
  /** '' takes the default place: bottom-left for a corner mark, below for a caption. */
  position: Position | '';
  /** A video's corner mark (timedLabelApplies): shown throughout, or for its first showForSeconds seconds. */
  labelTiming: 'throughout' | 'first';
  /** 1–30, as typed; kept while "throughout" is chosen so switching back restores it. */
  showForSeconds: string;
  mediaType: Media['type'];
  url: string;
  poster: string;
  alt: string;
  width: string;
  height: string;
  clickUrl: string;
  weight: string;
  likeness: Variant['likeness'];
  consentRef: string;
  generator: string;
  /** What the disclosure presets ask about the arm: '' for not said. */
  photorealistic: Fact;
  syntheticHuman: Fact;
  realProduct: Fact;
  /**
   * The upload the media is, for its provenance; null for an address typed in. Not sent: the
   * media goes as plain URL, type and size, and the server finds the creative again by its hash.
   */
  creative: LinkedCreative | null;
}

export type Fact = '' | 'yes' | 'no';
export const FACTS = ['photorealistic', 'syntheticHuman', 'realProduct'] as const;

/** The study's "text for the first 3 s" design: the first time offered. */
const DEFAULT_SHOW_FOR_SECONDS = '3';

/** Only a label, badge or icon over a video may hide after its first seconds (the API's rule, experiment-input.ts). */
export function timedLabelApplies(variant: Pick<VariantForm, 'mediaType' | 'style'>): boolean {
  return variant.mediaType === 'video' && TIMED_STYLES.includes(variant.style);
}

/** The seconds the arm's label shows for, as the API takes them; null: throughout (or no timing applies). */
export function showForSecondsBody(variant: Pick<VariantForm, 'mediaType' | 'style' | 'labelTiming' | 'showForSeconds'>): number | null {
  if (!timedLabelApplies(variant) || variant.labelTiming === 'throughout') return null;
  // Something not a number goes as 0, which the server refuses naming the field, rather than as
  // null (JSON's NaN), which would quietly save "throughout".
  const seconds = Number(variant.showForSeconds.trim() || 'NaN');
  return Number.isFinite(seconds) ? seconds : 0;
}

const factFrom = (value: boolean | null | undefined): Fact => (value == null ? '' : value ? 'yes' : 'no');
const factBody = (value: Fact): boolean | null => (value === '' ? null : value === 'yes');

export interface SurveyForm {
  question: 'none' | 'trust' | 'noticed';
  text: string;
  low: string;
  high: string;
  delaySeconds: string;
}

export interface ExperimentForm extends PlanSettingsForm {
  key: string;
  name: string;
  hypothesis: string;
  slot: string;
  /** Percent of visitors in the experiment, 1–100. */
  coverage: string;
  primaryMetric: Experiment['primaryMetric'];
  guardrailMetrics: Array<Experiment['primaryMetric']>;
  plannedSampleSize: string;
  survey: SurveyForm;
  variants: VariantForm[];
}

export function blankVariant(overrides: Partial<VariantForm> = {}): VariantForm {
  return {
    key: '',
    name: '',
    control: false,
    origin: 'traditional',
    style: 'none',
    text: '',
    position: '',
    labelTiming: 'throughout',
    showForSeconds: DEFAULT_SHOW_FOR_SECONDS,
    mediaType: 'image',
    url: '',
    poster: '',
    alt: '',
    width: '',
    height: '',
    clickUrl: '',
    weight: '1',
    likeness: 'none',
    consentRef: '',
    photorealistic: '',
    syntheticHuman: '',
    realProduct: '',
    generator: '',
    creative: null,
    ...overrides,
  };
}

export function newExperimentForm(): ExperimentForm {
  return {
    key: 'hero-creative',
    name: '',
    hypothesis: '',
    slot: 'hero',
    coverage: '100',
    primaryMetric: 'added_to_cart',
    guardrailMetrics: ['trust'],
    plannedSampleSize: '',
    plannedEffect: '',
    revenueCap: blankRevenueCap(),
    survey: { question: 'trust', text: '', low: '', high: '', delaySeconds: '3' },
    variants: [
      blankVariant({ key: 'studio', name: 'Studio photo', control: true }),
      blankVariant({ key: 'ai-labelled', name: 'AI image, labelled', origin: 'ai', style: 'label', generator: '' }),
    ],
  };
}

export function formFromExperiment(experiment: Experiment): ExperimentForm {
  const survey = experiment.survey;
  return {
    key: experiment.key,
    name: experiment.name,
    hypothesis: experiment.hypothesis,
    slot: experiment.slot,
    coverage: String(Math.round(experiment.coverage * 1000) / 10),
    primaryMetric: experiment.primaryMetric,
    guardrailMetrics: experiment.guardrailMetrics,
    plannedSampleSize: experiment.plannedSampleSize === null ? '' : String(experiment.plannedSampleSize),
    ...planSettingsFrom(experiment),
    survey: survey
      ? { question: survey.question, text: survey.text, low: survey.low ?? '', high: survey.high ?? '', delaySeconds: String(survey.delaySeconds) }
      : { question: 'none', text: '', low: '', high: '', delaySeconds: '3' },
    variants: experiment.variants.map((variant) => ({
      key: variant.key,
      name: variant.name,
      control: variant.control,
      origin: variant.origin,
      style: variant.disclosure.style,
      text: variant.disclosure.text ?? '',
      position: variant.disclosure.position ?? '',
      labelTiming: variant.disclosure.showForSeconds == null ? 'throughout' : 'first',
      showForSeconds: variant.disclosure.showForSeconds == null ? DEFAULT_SHOW_FOR_SECONDS : String(variant.disclosure.showForSeconds),
      mediaType: variant.media.type,
      url: variant.media.url,
      poster: variant.media.poster ?? '',
      alt: variant.media.alt,
      width: variant.media.width === null || variant.media.width === undefined ? '' : String(variant.media.width),
      height: variant.media.height === null || variant.media.height === undefined ? '' : String(variant.media.height),
      clickUrl: variant.clickUrl ?? '',
      weight: String(variant.weight),
      likeness: variant.likeness,
      consentRef: variant.consentRef ?? '',
      generator: variant.generator ?? '',
      photorealistic: factFrom(variant.photorealistic),
      syntheticHuman: factFrom(variant.syntheticHuman),
      realProduct: factFrom(variant.realProduct),
      creative: variant.creative ?? null,
    })),
  };
}

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

export function bodyFromForm(form: ExperimentForm): ExperimentInputBody {
  const { survey } = form;
  return {
    // The planned effect and revenue cap, where the server knows them (plan-settings.ts).
    ...planSettingsBody(form, 'everything'),
    key: form.key.trim(),
    name: form.name,
    hypothesis: form.hypothesis,
    slot: form.slot.trim(),
    coverage: Number(form.coverage) / 100,
    primaryMetric: form.primaryMetric,
    guardrailMetrics: form.guardrailMetrics.filter((metric) => metric !== form.primaryMetric),
    plannedSampleSize: numberOrNull(form.plannedSampleSize),
    survey:
      survey.question === 'none'
        ? null
        : {
            question: survey.question,
            text: optional(survey.text),
            ...(survey.question === 'trust' && { low: optional(survey.low), high: optional(survey.high) }),
            delaySeconds: Number(survey.delaySeconds || '0'),
          },
    variants: form.variants.map((variant) => ({
      key: variant.key.trim(),
      name: variant.name,
      origin: variant.origin,
      disclosure:
        variant.style === 'none'
          ? { style: 'none' }
          : { style: variant.style, text: optional(variant.text), position: variant.position || undefined, showForSeconds: showForSecondsBody(variant) },
      media: {
        type: variant.mediaType,
        url: variant.url.trim(),
        poster: variant.mediaType === 'video' ? optional(variant.poster) : undefined,
        alt: variant.alt,
        width: numberOrNull(variant.width),
        height: numberOrNull(variant.height),
      },
      clickUrl: orNull(variant.clickUrl),
      weight: Number(variant.weight),
      likeness: variant.likeness,
      consentRef: variant.likeness === 'consented' ? orNull(variant.consentRef) : null,
      generator: orNull(variant.generator),
      photorealistic: factBody(variant.photorealistic),
      syntheticHuman: factBody(variant.syntheticHuman),
      realProduct: factBody(variant.realProduct),
      control: variant.control,
    })),
  };
}

// What the snippet needs to assign and render a site's running experiments; nothing more, since
// this document is public. Built purely from the experiments, so the ETag follows the content.
import { bucketRanges } from '../assign/buckets.js';
import type { CompleteDisclosure } from '../experiments/experiment-input.js';
import type { Experiment, Media, Site, Variant } from '../experiments/model.js';
import { creativeHtml } from './creative-html.js';
import { SNIPPET_SEGMENT_RULES, type SnippetSegmentRules } from '../segments/snippet-rules.js';
import { toSurveyCard, type SurveyCard } from './survey-card.js';

export interface PublicVariant {
  key: string;
  control: boolean;
  weight: number;
  /** Width and height let the snippet reserve the slot's shape before the media loads; null if unknown. */
  media: Media;
  disclosure: CompleteDisclosure;
  clickUrl: string | null;
  /**
   * The creative with its disclosure, as visitors see it (creative-html.ts): the snippet only
   * inserts it. A Content Credentials pin carries what the uploaded file's credentials say, so
   * the provenance reaches visitors without a byte more in the snippet or a field more here.
   */
  html: string;
}

export interface PublicExperiment {
  key: string;
  slot: string;
  seed: string;
  coverage: number;
  /**
   * Each variant's bucket range [start, end), in variant order, as buckets.ts computes it from the
   * weights and coverage (the one home of that rule): the snippet hashes and finds its range.
   */
  ranges: Array<[number, number]>;
  /** Asked after engagement, the same in every arm; null when the experiment asks none. */
  survey: SurveyCard | null;
  variants: PublicVariant[];
}

export interface SnippetConfig {
  site: string;
  experiments: PublicExperiment[];
  /** How the snippet classifies the segment it sends with each exposure. */
  segments: SnippetSegmentRules;
}

export function toPublicVariant(variant: Variant): PublicVariant {
  const { key, control, weight, media, disclosure, clickUrl } = variant;
  return { key, control, weight, media, disclosure, clickUrl, html: creativeHtml(variant) };
}

export function toPublicExperiment(experiment: Experiment): PublicExperiment {
  const { key, slot, seed, coverage } = experiment;
  const ranges = bucketRanges(
    experiment.variants.map((variant) => variant.weight),
    coverage,
  );
  return { key, slot, seed, coverage, ranges, survey: toSurveyCard(experiment.survey), variants: experiment.variants.map(toPublicVariant) };
}

export function buildSnippetConfig(site: Site, running: readonly Experiment[]): SnippetConfig {
  return { site: site.publicKey, experiments: running.map(toPublicExperiment), segments: SNIPPET_SEGMENT_RULES };
}

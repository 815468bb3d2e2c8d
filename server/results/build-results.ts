// The results document (pure): from an experiment and its daily sums to every figure the
// dashboard draws, section by section. While an experiment runs, verdicts use the always-valid
// (peeking-safe) figures, with the fixed-horizon ones beside; once stopped, the fixed-horizon ones.
// The answer is declared in document-schema.ts; a figure that cannot be computed is null there.
import type { Experiment } from '../experiments/model.js';
import { METRIC_NAMES, METRIC_REGISTRY } from '../metrics/registry.js';
import { buildDisclosureSection } from './disclosure-section.js';
import { buildDesignsSection } from './designs-section.js';
import { emptyDistributions, type Distributions } from './distributions.js';
import type { BuiltResults } from './document-schema.js';
import { buildHealth } from './health.js';
import { buildMetricResults } from './metric-results.js';
import { analysisKind } from './metrics.js';
import type { ExperimentSums } from './read-sums.js';
import { resultsContext, type ResultsOptions } from './results-context.js';
import { buildSeries } from './series.js';
import { guardrailAlarms, summarise } from './summary.js';
import { withNullFigures } from './null-figures.js';
import { buildAdjustedSection } from './adjusted-section.js';
import { buildDecisions } from './decisions.js';
import { buildNoveltySection } from './novelty-section.js';
import type { NoveltySums } from './read-novelty-sums.js';
import { revenueCapSection } from './revenue-cap-section.js';
import type { CapCheck } from '../collect/fix-revenue-caps.js';
import { buildSegmentsSection } from './segments-section.js';
import { policyStandings } from './policy-notes.js';
import type { DisclosurePreset } from '../experiments/vocabulary.js';
import type { CellSums } from './segment-levels.js';

export { DEFAULT_TUNING_N, type ResultsOptions } from './results-context.js';
export type { BuiltResults, ResultsDocument } from './document-schema.js';

/** The relative lift a test is planned to detect when its experiment names none. */
export const DEFAULT_PLANNED_EFFECT = 0.1;

const VIDEO_METRICS: ReadonlySet<string> = new Set(METRIC_NAMES.filter((metric) => METRIC_REGISTRY[metric].appliesTo === 'video'));

/** What the sections beyond the daily sums read: the sums per segment cell and the first-conversion days. */
export interface ResultsExtras {
  distributions?: Distributions;
  cells?: CellSums;
  novelty?: NoveltySums;
  /** The dimensions to cross into strata for the adjusted figures; by default the most that qualify. */
  strata?: readonly string[];
  /** What the latest check of a percentile cap that is not fixed yet found, for the cap's words. */
  capCheck?: CapCheck;
  /** The site's disclosure presets, to mark the arms research lets run undisclosed; none: no marks. */
  presets?: readonly DisclosurePreset[];
}

export function buildResults(experiment: Experiment, sums: ExperimentSums, options: ResultsOptions, extras: ResultsExtras = {}): BuiltResults {
  const context = resultsContext(experiment, sums, options);
  const { running, imported, visitors } = context;
  const metrics = buildMetricResults(context);
  const plannedEffect = experiment.plannedEffect ?? DEFAULT_PLANNED_EFFECT;
  const decided = metrics.filter((metric) => metric.role !== 'secondary');
  const cells = extras.cells ?? new Map();
  const standings = policyStandings(extras.presets ?? [], experiment.variants);
  const variants = experiment.variants.map((variant, index) => ({
    key: variant.key,
    name: variant.name,
    origin: variant.origin,
    disclosure: variant.disclosure.style,
    control: variant.control,
    weight: variant.weight,
    visitors: visitors[index]!,
    mediaType: variant.media.type,
    ...standings[index]!,
  }));
  const document = {
    experiment: {
      id: experiment.id,
      siteId: experiment.siteId,
      key: experiment.key,
      name: experiment.name,
      status: experiment.status,
      primaryMetric: experiment.primaryMetric,
      guardrailMetrics: experiment.guardrailMetrics,
      startedAt: experiment.startedAt,
      stoppedAt: experiment.stoppedAt,
      imported,
      importedAt: experiment.importedAt,
      survey: experiment.survey,
    },
    generatedAt: options.now,
    alpha: options.alpha,
    adjustment: options.adjustment,
    peekingSafe: running,
    variants,
    // An imported test's arms have no creative: there its own video metrics say.
    videoArms: imported
      ? metrics.some((metric) => VIDEO_METRICS.has(metric.metric))
        ? variants.map((variant) => variant.key)
        : []
      : variants.filter((variant) => variant.mediaType === 'video').map((variant) => variant.key),
    summary: summarise(metrics, experiment.variants, visitors.reduce((a, b) => a + b, 0), running),
    guardrailAlarms: guardrailAlarms(metrics, experiment.variants),
    health: buildHealth(context),
    headlines: metrics
      .filter((metric) => metric.role !== 'secondary')
      .flatMap((metric) => metric.comparisons.map((comparison) => ({ metric: metric.metric, variant: comparison.variant, sentence: comparison.sentence, verdict: comparison.verdict }))),
    metrics,
    disclosure: buildDisclosureSection(context),
    designs: buildDesignsSection(context),
    series: buildSeries(experiment, sums, analysisKind(experiment.primaryMetric), { alpha: options.alpha, tuningN: context.tuningN }),
    distributions: extras.distributions ?? emptyDistributions(experiment),
    plannedEffect,
    segments: buildSegmentsSection(context, cells, decided),
    adjusted: buildAdjustedSection(context, cells, metrics, extras.strata),
    revenueCap: revenueCapSection(experiment, extras.capCheck),
    decisions: buildDecisions(context, metrics, plannedEffect),
    novelty: extras.novelty ? buildNoveltySection(context, extras.novelty) : [],
  };
  return withNullFigures(document);
}

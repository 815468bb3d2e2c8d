// The segments section: for each segment dimension (device, new or returning, traffic source, or
// an imported column), each level's lift with its interval, and whether the effect differs between
// levels (Cochran's Q on the levels' absolute effects). Every level's p-value is adjusted across
// all levels × arms × metrics shown, and every interaction p-value across all dimensions × arms ×
// metrics, so that a "winner on mobile" found by chance among many looks does not read as real.
// Rates and means only: a ratio metric's levels would need the delta method per level.
import { analyseLevels, adjustPValues } from '../stats/index.js';
import type { Verdict } from './headline.js';
import { metricLabel } from './metrics.js';
import type { ResultsContext } from './results-context.js';
import { dimensionsOf, strataSums, type CellSums } from './segment-levels.js';
import { SEGMENT_DIMENSIONS, SEGMENT_LABELS } from '../segments/vocabulary.js';
import { sampleFromSums } from '../stats/index.js';
import { VISITORS_METRIC } from './read-sums.js';
import type { MetricName } from '../metrics/registry.js';

export function buildSegmentsSection(context: ResultsContext, cells: CellSums, metrics: readonly { metric: MetricName; kind: string }[]) {
  const { experiment, control, treatments, options, sumsOf } = context;
  const dimensions = dimensionsOf(cells, SEGMENT_DIMENSIONS);
  const analysed = metrics.filter((metric) => metric.kind === 'binary' || metric.kind === 'continuous');
  let visitorsWithSegment = 0;
  for (const byCell of cells.values()) for (const sums of byCell.values()) visitorsWithSegment += sums.get(VISITORS_METRIC)?.n ?? 0;

  const built = dimensions.map((dimension) => {
    const visitorsPerLevel = new Map<string, number>();
    for (const variant of experiment.variants) {
      for (const [level, sums] of strataSums(cells.get(variant.id), [dimension.name], VISITORS_METRIC, sumsOf(variant, VISITORS_METRIC))) {
        visitorsPerLevel.set(level, (visitorsPerLevel.get(level) ?? 0) + sums.n);
      }
    }
    const levels = [...dimension.levels, ...(visitorsPerLevel.has('unknown') && !dimension.levels.includes('unknown') ? ['unknown'] : [])];
    return {
      name: dimension.name,
      label: (SEGMENT_LABELS as Readonly<Record<string, string>>)[dimension.name] ?? dimension.name,
      levels: levels.map((level) => ({ level, visitors: visitorsPerLevel.get(level) ?? 0 })),
      metrics: analysed.map(({ metric, kind }) => ({
        metric,
        label: metricLabel(metric, experiment.metricLabels),
        comparisons: treatments.map((treatment) => {
          const controlLevels = strataSums(cells.get(control.id), [dimension.name], metric, sumsOf(control, metric));
          const treatmentLevels = strataSums(cells.get(treatment.id), [dimension.name], metric, sumsOf(treatment, metric));
          const result = analyseLevels(
            levels.map((level) => ({
              level,
              control: sampleFromSums(controlLevels.get(level) ?? { n: 0, sumX: 0, sumX2: 0 }),
              treatment: sampleFromSums(treatmentLevels.get(level) ?? { n: 0, sumX: 0, sumX2: 0 }),
            })),
            kind as 'binary' | 'continuous',
            options.alpha,
          );
          return { variant: treatment.key, levels: result.levels, interaction: result.interaction };
        }),
      })),
    };
  });

  // Corrections: one family for the levels, one for the interactions.
  const levelFamily = built.flatMap((dimension) => dimension.metrics.flatMap((metric) => metric.comparisons.flatMap((comparison) => comparison.levels)));
  const levelAdjusted = adjustPValues(
    levelFamily.map((level) => level.absolute.pValue),
    options.adjustment,
    options.alpha,
  ).adjusted;
  const interactionFamily = built.flatMap((dimension) => dimension.metrics.flatMap((metric) => metric.comparisons));
  const interactionAdjusted = adjustPValues(
    interactionFamily.map((comparison) => comparison.interaction.pValue),
    options.adjustment,
    options.alpha,
  ).adjusted;
  const levelIndex = new Map(levelFamily.map((level, index) => [level, index]));
  const interactionIndex = new Map(interactionFamily.map((comparison, index) => [comparison, index]));

  return {
    visitorsWithSegment,
    tests: levelFamily.length,
    note: sectionNote(dimensions.length, levelFamily.length, options.adjustment, analysed.length < metrics.length),
    dimensions: built.map((dimension) => ({
      ...dimension,
      metrics: dimension.metrics.map((metric) => ({
        ...metric,
        comparisons: metric.comparisons.map((comparison) => {
          const adjusted = interactionAdjusted[interactionIndex.get(comparison)!]!;
          return {
            variant: comparison.variant,
            levels: comparison.levels.map((level) => {
              const adjustedPValue = levelAdjusted[levelIndex.get(level)!]!;
              return { ...level, adjustedPValue, verdict: levelVerdict(level, adjustedPValue, options.alpha) };
            }),
            interaction: { ...comparison.interaction, adjustedPValue: adjusted, differs: adjusted < options.alpha },
          };
        }),
      })),
    })),
  };
}

function levelVerdict(level: { n: number; controlN: number; absolute: { estimate: number } }, adjustedPValue: number, alpha: number): Verdict {
  if (level.n === 0 || level.controlN === 0 || !Number.isFinite(level.absolute.estimate)) return 'no-data';
  if (!(adjustedPValue < alpha)) return 'inconclusive';
  return level.absolute.estimate > 0 ? 'better' : level.absolute.estimate < 0 ? 'worse' : 'inconclusive';
}

function sectionNote(dimensions: number, tests: number, adjustment: string, skippedRatios: boolean): string {
  if (dimensions === 0) return 'No visitor has a segment yet: segments are recorded at exposure by the snippet (device, new or returning, traffic source) or named as columns of an import.';
  const correction = adjustment === 'none' ? 'not corrected (as asked)' : `corrected (${adjustment === 'holm' ? 'Holm' : 'Benjamini–Hochberg'}) for all ${tests} level comparisons shown`;
  return `Each level's p-value is ${correction}, and each "differs" for all dimensions, arms and metrics: a level that only looks like a winner is not called one.${skippedRatios ? ' Ratio metrics are not broken down by segment.' : ''}`;
}

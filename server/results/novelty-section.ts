// The novelty section: lift by days since first exposure. For day d, each arm's share of the
// visitors whose day d is over who made their first click (add-to-cart, purchase) on that day, and
// the treatment's relative lift on it with its interval. A lift that is large on day 0 and fades
// after is novelty; one that grows is a creative people warm to. Fixed-horizon intervals, per day,
// uncorrected: a picture of the shape, not a test (the note says so).
import { compareProportions } from '../stats/index.js';
import { metricLabel } from './metrics.js';
import type { NoveltyPoint, NoveltySums } from './read-novelty-sums.js';
import type { ResultsContext } from './results-context.js';

const NOTE =
  'Each day counts the visitors whose first conversion came that many days after they first saw the creative, among those whose day it has been; intervals are per day and not corrected, so read the shape, not a single day.';

export function buildNoveltySection(context: ResultsContext, novelty: NoveltySums) {
  const { experiment, control, treatments, options } = context;
  const sections = [];
  for (const [metric, byVariant] of novelty.byMetric) {
    const controlPoints = byVariant.get(control.id) ?? [];
    const days = [...new Set(experiment.variants.flatMap((variant) => (byVariant.get(variant.id) ?? []).map((point) => point.daysSince)))].sort((a, b) => a - b);
    const hasConversions = [...byVariant.values()].some((points) => points.some((point) => point.converted > 0));
    if (days.length === 0 || !hasConversions) continue;
    const at = (points: readonly NoveltyPoint[], day: number) => points.find((point) => point.daysSince === day) ?? { daysSince: day, eligible: 0, converted: 0 };
    sections.push({
      metric,
      label: `first ${metricLabel(metric, experiment.metricLabels)}`,
      note: NOTE,
      points: days.map((day) => {
        const controlPoint = at(controlPoints, day);
        return {
          daysSince: day,
          arms: experiment.variants.map((variant) => {
            const point = at(byVariant.get(variant.id) ?? [], day);
            return { variant: variant.key, n: point.eligible, rate: point.eligible > 0 ? point.converted / point.eligible : null };
          }),
          lifts: treatments.map((treatment) => {
            const point = at(byVariant.get(treatment.id) ?? [], day);
            const sample = (p: NoveltyPoint) => ({ n: p.eligible, sum: p.converted, sumSquares: p.converted });
            const { relativeLift } = compareProportions(sample(controlPoint), sample(point), options.alpha);
            return { variant: treatment.key, estimate: relativeLift.estimate, lower: relativeLift.lower, upper: relativeLift.upper };
          }),
        };
      }),
    });
  }
  return sections;
}

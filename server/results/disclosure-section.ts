// The origin × disclosure section: the 2×2 grid of the primary metric (main effects and their
// interaction where the arms allow), and "does disclosing cost us less than the margin?".
import type { Variant } from '../experiments/model.js';
import { addSums, analyseGrid, fitFactorModel, nonInferiority, sampleFromSums } from '../stats/index.js';
import { analysisKind } from './metrics.js';
import type { ResultsContext } from './results-context.js';
import type { MetricName } from '../experiments/vocabulary.js';

const RATIO_GRID_METRIC: Partial<Record<MetricName, MetricName>> = { clicks: 'clicked', revenue_per_buyer: 'revenue' };

export function buildDisclosureSection(context: ResultsContext) {
  const { experiment, sumsOf, options } = context;
  // A ratio metric has no per-visitor mean for the grid: it is read through its per-visitor
  // numerator (clicks per view through clicked, revenue per buyer through revenue), as means.
  const primaryKind = analysisKind(experiment.primaryMetric);
  const metric = primaryKind === 'ratio' ? (RATIO_GRID_METRIC[experiment.primaryMetric] ?? 'clicked') : experiment.primaryMetric;
  const kind = primaryKind === 'ratio' ? 'continuous' : primaryKind;
  return {
    metric: experiment.primaryMetric,
    grid: analyseGrid(
      experiment.variants.map((variant) => ({
        key: variant.key,
        origin: variant.origin,
        disclosed: variant.disclosure.style !== 'none',
        sample: sampleFromSums(sumsOf(variant, metric)),
      })),
      { kind, alpha: options.alpha },
    ),
    nonInferiority: disclosureCost(context, metric, kind),
    // Wording and timing (and style) as factors beside origin and disclosure, where the arms allow.
    factors: fitFactorModel(
      experiment.variants.map((variant) => ({
        key: variant.key,
        origin: variant.origin,
        style: variant.disclosure.style,
        wording: variant.disclosure.style === 'none' || variant.disclosure.style === 'credentials' ? null : variant.disclosure.text,
        showForSeconds: variant.disclosure.showForSeconds,
        sample: sampleFromSums(sumsOf(variant, metric)),
      })),
      { alpha: options.alpha },
    ),
  };
}

/** The AI-made arms with a disclosure against those without, each side pooled; null when the arms do not hold both. */
function disclosureCost({ experiment, sumsOf, options }: ResultsContext, metric: Parameters<ResultsContext['sumsOf']>[1], kind: 'binary' | 'continuous') {
  const aiMade = experiment.variants.filter((variant) => variant.origin !== 'traditional');
  const disclosed = aiMade.filter((variant) => variant.disclosure.style !== 'none');
  const undisclosed = aiMade.filter((variant) => variant.disclosure.style === 'none');
  if (disclosed.length === 0 || undisclosed.length === 0) return null;
  const pool = (variants: Variant[]) => sampleFromSums(addSums(variants.map((variant) => sumsOf(variant, metric))));
  return {
    metric,
    disclosed: disclosed.map((variant) => variant.key),
    undisclosed: undisclosed.map((variant) => variant.key),
    ...nonInferiority(pool(undisclosed), pool(disclosed), { kind, margin: options.margin, alpha: options.alpha }),
  };
}

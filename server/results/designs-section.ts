// Noticed against cost: for each disclosure design (a disclosed arm), the share of answering
// visitors who noticed it was AI (the survey's noticed question) beside what the design costs on
// the primary metric, with non-inferiority at the shop's margin. A shop picks the design noticed
// most for the least cost.
//
// The cost is measured against the undisclosed AI-made arms, pooled, when the test has any: that
// holds the creative's origin and changes only the disclosure, so the figure is the price of the
// label itself. Without one it falls back to the control, and the document says so, since the
// figure then also holds whatever else differs from the control (often the creative itself).
import type { Variant } from '../experiments/model.js';
import { addSums, armMoments, nonInferiority, relativeLift, sampleFromSums, wilsonInterval } from '../stats/index.js';
import { percent } from './headline.js';
import { analysisKind, metricLabel } from './metrics.js';
import type { ResultsContext } from './results-context.js';
import type { MetricName } from '../experiments/vocabulary.js';

// A ratio metric is read through its per-visitor numerator, as the grid does (disclosure-section.ts).
const RATIO_NUMERATOR: Partial<Record<MetricName, MetricName>> = { clicks: 'clicked', revenue_per_buyer: 'revenue' };

function noticedOf(context: ResultsContext, variants: Variant[]) {
  const sums = addSums(variants.map((variant) => context.sumsOf(variant, 'noticed_disclosure')));
  const rate = wilsonInterval(sampleFromSums(sums), context.options.alpha);
  return { answered: sums.n, yes: sums.sumX, share: rate.estimate, lower: rate.lower, upper: rate.upper };
}

export function buildDesignsSection(context: ResultsContext) {
  const { experiment, options } = context;
  const primaryKind = analysisKind(experiment.primaryMetric);
  const metric = primaryKind === 'ratio' ? (RATIO_NUMERATOR[experiment.primaryMetric] ?? 'clicked') : experiment.primaryMetric;
  const kind = primaryKind === 'ratio' ? 'continuous' : primaryKind;
  const label = metricLabel(metric, experiment.metricLabels);

  const undisclosedAi = experiment.variants.filter((variant) => variant.origin !== 'traditional' && variant.disclosure.style === 'none');
  const baselineVariants = undisclosedAi.length > 0 ? undisclosedAi : [context.control];
  const designs = experiment.variants.filter((variant) => variant.disclosure.style !== 'none' && !baselineVariants.includes(variant));
  const pool = (variants: Variant[]) => sampleFromSums(addSums(variants.map((variant) => context.sumsOf(variant, metric))));
  const baselineSample = pool(baselineVariants);

  const rows = designs.map((variant) => {
    const sample = pool([variant]);
    const cost = relativeLift(armMoments(baselineSample, kind), armMoments(sample, kind), options.alpha);
    const test = nonInferiority(baselineSample, sample, { kind, margin: options.margin, alpha: options.alpha });
    const noticed = noticedOf(context, [variant]);
    const noticedWords = noticed.answered > 0 ? `noticed by ${Math.round(noticed.share * 100)}%` : 'noticed: no answers yet';
    const costWords = Number.isFinite(cost.estimate) ? `costs ${percent(cost.estimate)} ${label}` : `cost on ${label}: not yet estimable`;
    const verdictWords = Number.isFinite(test.lowerBound) ? (test.nonInferior ? 'yes' : 'not shown') : 'not yet';
    return {
      variant: variant.key,
      origin: variant.origin,
      style: variant.disclosure.style,
      wording: variant.disclosure.text,
      showForSeconds: variant.disclosure.showForSeconds,
      n: sample.n,
      noticed,
      cost: { estimate: cost.estimate, standardError: cost.standardError, lower: cost.lower, upper: cost.upper, pValue: cost.pValue },
      nonInferiority: { lowerBound: test.lowerBound, pValue: test.pValue, nonInferior: test.nonInferior },
      sentence: `${noticedWords} · ${costWords} · not worse than ${percent(options.margin)}: ${verdictWords}`,
    };
  });
  return {
    metric: experiment.primaryMetric,
    costMetric: metric,
    baseline: {
      against: undisclosedAi.length > 0 ? ('undisclosed-ai' as const) : ('control' as const),
      variants: baselineVariants.map((variant) => variant.key),
      n: baselineSample.n,
      noticed: noticedOf(context, baselineVariants),
    },
    margin: options.margin,
    alpha: options.alpha,
    designs: rows,
    note:
      undisclosedAi.length > 0
        ? `Each design's cost is its relative lift on ${label} against the AI-made arms without a disclosure, so it is the price of the label alone.`
        : `No AI-made arm goes without a disclosure, so each design's cost is measured against the control; it holds every difference from the control, not only the label.`,
  };
}

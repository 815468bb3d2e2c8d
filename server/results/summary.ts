// The one-line answer for a shop owner, from the primary metric's verdicts: which creative wins,
// which loses, or that it is too early to say; and a sentence for each guardrail an arm clearly
// harms. Built here, once, so the results page and the experiment list say the same words.
import type { Variant } from '../experiments/model.js';
import { percent, type Verdict } from './headline.js';
import type { MetricResults } from './metric-results.js';

export interface Summary {
  verdict: Verdict;
  text: string;
}

type Named = Pick<Variant, 'key' | 'name' | 'control'>;

function namer(variants: readonly Named[]) {
  return (key: string) => `“${variants.find((variant) => variant.key === key)?.name ?? key}”`;
}

export function guardrailAlarms(metrics: MetricResults, variants: readonly Named[]): string[] {
  const name = namer(variants);
  return metrics
    .filter((metric) => metric.role === 'guardrail')
    .flatMap((metric) =>
      metric.comparisons
        .filter((comparison) => comparison.verdict === 'worse')
        .map((comparison) => `${name(comparison.variant)} clearly lowers ${metric.label} (${percent(comparison.relative.estimate)}).`),
    );
}

export function summarise(metrics: MetricResults, variants: readonly Named[], visitors: number, running: boolean): Summary {
  const primary = metrics[0]!;
  const name = namer(variants);
  const control = variants.find((variant) => variant.control);
  const against = control ? ` against ${name(control.key)}` : '';
  const comparisons = primary.comparisons.filter((comparison) => Number.isFinite(comparison.relative.estimate));
  const byEstimate = [...comparisons].sort((a, b) => b.relative.estimate - a.relative.estimate);

  if (visitors === 0) return { verdict: 'no-data', text: 'No visitors yet: results appear once the snippet sends its first events.' };
  if (comparisons.length === 0) return { verdict: 'no-data', text: `Not enough data on ${primary.label} yet to compare the creatives.` };

  const winners = byEstimate.filter((comparison) => comparison.verdict === 'better');
  if (winners.length > 0) {
    const best = winners[0]!;
    return { verdict: 'better', text: `${name(best.variant)} lifts ${primary.label} by ${percent(best.relative.estimate)}${against}: a clear improvement.` };
  }
  const losers = byEstimate.filter((comparison) => comparison.verdict === 'worse');
  if (losers.length === comparisons.length) {
    return { verdict: 'worse', text: `${comparisons.length > 1 ? 'Every variant' : name(losers[0]!.variant)} does clearly worse on ${primary.label}${against}.` };
  }
  if (losers.length > 0) {
    const worst = losers[losers.length - 1]!;
    return { verdict: 'worse', text: `${name(worst.variant)} lowers ${primary.label} by ${percent(worst.relative.estimate)}${against}; no variant clearly beats it.` };
  }
  const leader = byEstimate[0]!;
  const lead = leader.relative.estimate > 0 ? ` ${name(leader.variant)} leads so far (${percent(leader.relative.estimate)}), within the noise.` : '';
  return {
    verdict: 'inconclusive',
    text: running ? `No clear winner on ${primary.label} yet.${lead}` : `No clear difference on ${primary.label}.${lead}`,
  };
}

// The one-line answer for a shop owner, from the primary metric's verdicts: which creative wins,
// which loses, or that it is too early to say. The server's sentences give the detail under it.
import { isLive } from '../../../server/experiments/status.js';
import { signedPercent } from '../format.js';
import { finite, type Comparison, type ResultsDocument } from '../types.js';

export type Verdict = Comparison['verdict'];

export interface Summary {
  verdict: Verdict;
  text: string;
}

/** Guardrails an arm clearly harms: worth saying beside any win on the primary metric. */
export function guardrailWarnings(doc: ResultsDocument): string[] {
  const name = (key: string) => `“${doc.variants.find((variant) => variant.key === key)?.name ?? key}”`;
  return doc.metrics
    .filter((metric) => metric.role === 'guardrail')
    .flatMap((metric) =>
      metric.comparisons
        .filter((comparison) => comparison.verdict === 'worse')
        .map((comparison) => `${name(comparison.variant)} clearly lowers ${metric.label} (${signedPercent(comparison.relative.estimate)}).`),
    );
}

export function summarise(doc: ResultsDocument): Summary {
  const primary = doc.metrics[0]!;
  const name = (key: string) => `“${doc.variants.find((variant) => variant.key === key)?.name ?? key}”`;
  const control = doc.variants.find((variant) => variant.control);
  const against = control ? ` against ${name(control.key)}` : '';
  const running = isLive(doc.experiment.status);
  const comparisons = primary.comparisons.filter((comparison) => finite(comparison.relative.estimate));
  const byEstimate = [...comparisons].sort((a, b) => b.relative.estimate - a.relative.estimate);

  if (doc.health.progress.visitors === 0) return { verdict: 'no-data', text: 'No visitors yet: results appear once the snippet sends its first events.' };
  if (comparisons.length === 0) return { verdict: 'no-data', text: `Not enough data on ${primary.label} yet to compare the creatives.` };

  const winners = byEstimate.filter((comparison) => comparison.verdict === 'better');
  if (winners.length > 0) {
    const best = winners[0]!;
    return { verdict: 'better', text: `${name(best.variant)} lifts ${primary.label} by ${signedPercent(best.relative.estimate)}${against}: a clear improvement.` };
  }
  const losers = byEstimate.filter((comparison) => comparison.verdict === 'worse');
  if (losers.length === comparisons.length) {
    return { verdict: 'worse', text: `${comparisons.length > 1 ? 'Every variant' : name(losers[0]!.variant)} does clearly worse on ${primary.label}${against}.` };
  }
  if (losers.length > 0) {
    const worst = losers[losers.length - 1]!;
    return { verdict: 'worse', text: `${name(worst.variant)} lowers ${primary.label} by ${signedPercent(worst.relative.estimate)}${against}; no variant clearly beats it.` };
  }
  const leader = byEstimate[0]!;
  const lead = leader.relative.estimate > 0 ? ` ${name(leader.variant)} leads so far (${signedPercent(leader.relative.estimate)}), within the noise.` : '';
  return {
    verdict: 'inconclusive',
    text: running ? `No clear winner on ${primary.label} yet.${lead}` : `No clear difference on ${primary.label}.${lead}`,
  };
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  better: 'Clear improvement',
  worse: 'Clear drop',
  inconclusive: 'Not conclusive',
  'no-data': 'Not enough data',
};

export const VERDICT_SYMBOLS: Record<Verdict, string> = {
  better: '▲',
  worse: '▼',
  inconclusive: '●',
  'no-data': '○',
};

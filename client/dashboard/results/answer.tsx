// The top of the results: the answer in one sentence, then the server's sentence for each arm on
// the primary metric and the guardrails, the decision each arm calls for, and which statistics
// stand behind them.
import { isLive } from '../../../server/experiments/status.js';
import type { ResultsDocument } from '../types.js';
import { DecisionCards } from './decision-cards.js';
import { VerdictChip } from './verdict-chip.js';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function Answer({ doc }: { doc: ResultsDocument }) {
  const { summary, guardrailAlarms: warnings } = doc;
  const primary = doc.metrics[0]!;
  const guardrails = doc.metrics.filter((metric) => metric.role === 'guardrail');
  const running = isLive(doc.experiment.status);
  const confidence = Math.round((1 - doc.alpha) * 1000) / 10;
  return (
    <section class={`answer answer-${summary.verdict}`} aria-labelledby="answer-title">
      <p class="eyebrow" id="answer-title">
        {running ? 'The answer so far' : 'The answer'} · {capital(primary.label)}
      </p>
      <p class="answer-text" data-testid="headline">
        {summary.text}
      </p>
      <DecisionCards doc={doc} />
      {warnings.length > 0 && (
        <ul class="warnings">
          {warnings.map((warning) => (
            <li key={warning}>
              <VerdictChip verdict="worse" short /> <span>Guardrail: {warning}</span>
            </li>
          ))}
        </ul>
      )}
      <ul class="sentences">
        {primary.comparisons.map((comparison) => (
          <li key={comparison.variant}>
            <VerdictChip verdict={comparison.verdict} short /> <span>{comparison.sentence}</span>
          </li>
        ))}
      </ul>
      {guardrails.length > 0 && (
        <div class="guardrails">
          <h3>Guardrails</h3>
          <ul class="sentences sentences-small">
            {guardrails.flatMap((metric) =>
              metric.comparisons.map((comparison) => (
                <li key={`${metric.metric}-${comparison.variant}`}>
                  <VerdictChip verdict={comparison.verdict} short /> <span>{comparison.sentence}</span>
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      <p class="method muted small">
        {doc.peekingSafe
          ? `While the test runs, verdicts use always-valid ${confidence}% intervals: they stay honest however often you look.`
          : `Fixed-horizon ${confidence}% intervals.`}{' '}
        p-values are {doc.adjustment === 'none' ? 'not adjusted' : `${doc.adjustment === 'holm' ? 'Holm' : 'Benjamini–Hochberg'}-adjusted`} for the several arms and metrics.
      </p>
    </section>
  );
}

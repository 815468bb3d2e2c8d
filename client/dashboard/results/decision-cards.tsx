// The decision for each arm on the primary metric and each guardrail, as cards beside the
// one-line answer: a headline in plain words with its symbol (colour is never alone), the
// server's sentence, how much longer, and the Bayesian expected loss.
import type { ResultsDocument } from '../types.js';
import { basisWords, decisionHeadline, DECISION_SYMBOLS, DECISION_TONES, type Decision } from './decision-words.js';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function DecisionCards({ doc }: { doc: ResultsDocument }) {
  if (doc.decisions.length === 0) {
    return (
      <p class="muted small decisions-empty" data-testid="decisions-empty">
        A decision per arm (ship, keep the control, or keep running) appears here once the results can give one.
      </p>
    );
  }
  const nameOf = (key: string) => doc.variants.find((variant) => variant.key === key)?.name ?? key;
  const control = doc.variants.find((variant) => variant.control);
  const labelOf = (metric: string) => doc.metrics.find((entry) => entry.metric === metric)?.label ?? metric;
  // The primary metric's first, then the guardrails', each in the document's order.
  const ordered = [...doc.decisions].sort((a, b) => Number(a.role !== 'primary') - Number(b.role !== 'primary'));
  return (
    <ul class="decision-cards" aria-label="Decisions">
      {ordered.map((decision) => (
        <DecisionCard
          key={`${decision.metric}-${decision.variant}`}
          decision={decision}
          metric={labelOf(decision.metric)}
          arm={nameOf(decision.variant)}
          headline={decisionHeadline(decision, { variant: nameOf(decision.variant), control: control ? `“${control.name}”` : 'the control', metric: labelOf(decision.metric) })}
        />
      ))}
    </ul>
  );
}

function DecisionCard({ decision, metric, arm, headline }: { decision: Decision; metric: string; arm: string; headline: string }) {
  return (
    <li class={`decision decision-${DECISION_TONES[decision.decision]}`} data-decision={decision.decision} data-metric={decision.metric}>
      <p class="decision-about">
        {capital(metric)} <span class={`tag tag-${decision.role}`}>{decision.role}</span>
        <span class="decision-arm"> · {arm}</span>
      </p>
      <p class="decision-headline">
        <span class="decision-symbol" aria-hidden="true">
          {DECISION_SYMBOLS[decision.decision]}
        </span>{' '}
        {headline}
      </p>
      <p class="decision-sentence">{decision.sentence}</p>
      {decision.lossSentence && <p class="small muted">{decision.lossSentence}</p>}
      <p class="small muted">{basisWords(decision.basis)}</p>
    </li>
  );
}

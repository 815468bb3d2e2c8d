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
  // Primary first, then each guardrail in the document's order.
  const metrics = [...new Set(doc.decisions.map((decision) => decision.metric))].sort(
    (a, b) => rank(doc.decisions, a) - rank(doc.decisions, b),
  );
  return (
    <div class="decisions" aria-label="Decisions">
      {metrics.map((metric) => {
        const group = doc.decisions.filter((decision) => decision.metric === metric);
        const role = group[0]!.role;
        return (
          <section key={metric} class="decision-group" aria-label={`Decisions on ${labelOf(metric)}`}>
            <h3>
              {capital(labelOf(metric))} <span class={`tag tag-${role}`}>{role}</span>
            </h3>
            <ul class="decision-cards">
              {group.map((decision) => (
                <DecisionCard
                  key={decision.variant}
                  decision={decision}
                  headline={decisionHeadline(decision, { variant: nameOf(decision.variant), control: control ? `“${control.name}”` : 'the control', metric: labelOf(metric) })}
                  arm={nameOf(decision.variant)}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function rank(decisions: Decision[], metric: string): number {
  const index = decisions.findIndex((decision) => decision.metric === metric);
  return (decisions[index]!.role === 'primary' ? 0 : 1_000) + index;
}

function DecisionCard({ decision, headline, arm }: { decision: Decision; headline: string; arm: string }) {
  const tone = DECISION_TONES[decision.decision];
  return (
    <li class={`decision decision-${tone}`} data-decision={decision.decision}>
      <p class="decision-arm muted small">{arm}</p>
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

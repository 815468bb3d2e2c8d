// The primary metric's decision over every arm as one short chip with words, for the list.
import type { ResultsDocument } from '../types.js';
import { DECISION_SYMBOLS, DECISION_TONES, listDecision } from './decision-words.js';

export function DecisionChip({ doc }: { doc: ResultsDocument }) {
  const nameOf = (key: string) => doc.variants.find((variant) => variant.key === key)?.name ?? key;
  const decision = listDecision(doc.decisions, nameOf);
  if (!decision) return null;
  return (
    <span class={`decision-chip decision-${DECISION_TONES[decision.kind]}`} data-decision={decision.kind}>
      <span aria-hidden="true">{DECISION_SYMBOLS[decision.kind]}</span> <span class="visually-hidden">Decision: </span>
      {decision.words}
    </span>
  );
}

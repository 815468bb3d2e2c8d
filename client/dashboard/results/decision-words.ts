// A decision in a few plain words a shop owner acts on ("AI with label wins on add-to-cart",
// "Keep running: about 12 more days"), with a symbol beside the colour so colour is never alone.
// The server's full sentence and its expected-loss sentence come with it in the document.
import type { ResultsDocument } from '../types.js';

export type Decision = ResultsDocument['decisions'][number];
export type DecisionKind = Decision['decision'];

export const DECISION_SYMBOLS: Record<DecisionKind, string> = {
  ship: '▲',
  'keep-control': '↺',
  'keep-running': '→',
  'no-difference': '=',
  inconclusive: '●',
  'no-data': '○',
};

/** The tone a decision's card and chip take: good news, a warning, or neutral. */
export const DECISION_TONES: Record<DecisionKind, 'good' | 'bad' | 'wait' | 'neutral'> = {
  ship: 'good',
  'keep-control': 'bad',
  'keep-running': 'wait',
  'no-difference': 'neutral',
  inconclusive: 'neutral',
  'no-data': 'neutral',
};

/** "about 12 more days"; under a day reads as "about 1 more day", never "0". */
export function moreDays(daysMore: number | null): string | null {
  if (daysMore === null || !Number.isFinite(daysMore) || daysMore < 0) return null;
  const whole = Math.max(1, Math.ceil(daysMore));
  return `about ${whole} more day${whole === 1 ? '' : 's'}`;
}

export interface DecisionNames {
  /** The arm's display name. */
  variant: string;
  /** The control's display name. */
  control: string;
  /** The metric's label ("add-to-cart"). */
  metric: string;
}

/** The decision as a short headline. */
export function decisionHeadline(decision: Pick<Decision, 'decision' | 'daysMore' | 'role'>, names: DecisionNames): string {
  switch (decision.decision) {
    case 'ship':
      return `${names.variant} wins on ${names.metric}`;
    case 'keep-control':
      return decision.role === 'guardrail' ? `Keep ${names.control}: ${names.variant} harms ${names.metric}` : `Keep ${names.control}`;
    case 'keep-running': {
      const days = moreDays(decision.daysMore);
      return days ? `Keep running: ${days}` : 'Keep running';
    }
    case 'no-difference':
      return 'No difference worth waiting for';
    case 'inconclusive':
      return 'No clear answer yet';
    case 'no-data':
      return 'Not enough data yet';
  }
}

/** Which view of the data stands behind a decision, in words. */
export function basisWords(basis: Decision['basis']): string {
  return basis === 'always-valid' ? 'From the always-valid results, safe to read while the test runs.' : 'From the fixed-horizon results of the stopped test.';
}

/** How the list sums up the primary metric's decisions over every arm, in one short chip. */
export interface ListDecision {
  kind: DecisionKind;
  words: string;
}

/**
 * One chip for the primary metric across arms: a winner first (the clearest, by its name), then
 * "keep running" with the longest wait, then the rest in order of how much they ask of the owner.
 */
export function listDecision(decisions: Decision[], nameOf: (variant: string) => string): ListDecision | null {
  const primary = decisions.filter((decision) => decision.role === 'primary');
  if (primary.length === 0) return null;
  const winners = primary.filter((decision) => decision.decision === 'ship');
  if (winners.length === 1) return { kind: 'ship', words: `${nameOf(winners[0]!.variant)} wins` };
  if (winners.length > 1) return { kind: 'ship', words: `${winners.length} arms win` };
  const running = primary.filter((decision) => decision.decision === 'keep-running');
  if (running.length > 0) {
    const longest = Math.max(...running.map((decision) => (decision.daysMore !== null && Number.isFinite(decision.daysMore) ? decision.daysMore : -1)));
    const days = moreDays(longest >= 0 ? longest : null);
    return { kind: 'keep-running', words: days ? `Keep running, ${days}` : 'Keep running' };
  }
  const order: DecisionKind[] = ['keep-control', 'no-difference', 'inconclusive', 'no-data'];
  const kind = order.find((candidate) => primary.every((decision) => decision.decision === candidate)) ?? order.find((candidate) => primary.some((decision) => decision.decision === candidate))!;
  const words: Record<DecisionKind, string> = {
    ship: '',
    'keep-running': '',
    'keep-control': 'Keep the control',
    'no-difference': 'No difference worth waiting for',
    inconclusive: 'No clear answer yet',
    'no-data': 'Not enough data yet',
  };
  return { kind, words: words[kind] };
}

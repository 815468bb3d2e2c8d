// A verdict as a word with a symbol and a colour-blind-safe colour: never colour alone.
import { VERDICT_SYMBOLS, VERDICT_WORDS, type Verdict } from './verdict-words.js';

export function VerdictChip({ verdict, short }: { verdict: Verdict; short?: boolean }) {
  return (
    <span class={`verdict verdict-${verdict}`} title={VERDICT_WORDS[verdict]}>
      <span aria-hidden="true">{VERDICT_SYMBOLS[verdict]}</span>
      {short ? <span class="visually-hidden">{VERDICT_WORDS[verdict]}</span> : ` ${VERDICT_WORDS[verdict]}`}
    </span>
  );
}

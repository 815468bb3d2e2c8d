// The words and symbols of a verdict chip. The sentences themselves come from the server, in the
// results document (server/results/summary.ts, headline.ts).
import type { Comparison } from '../types.js';

export type Verdict = Comparison['verdict'];

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

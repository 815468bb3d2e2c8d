// The words for post-stratified (adjusted) figures: how much of the variance the strata removed,
// said honestly when it is next to nothing, and which strata were used. Pure.
import { percent } from '../format.js';
import type { ResultsDocument } from '../types.js';

/** Below this share the adjustment is called "almost none": the raw figure is as good. */
const NEGLIGIBLE = 0.02;

export function varianceRemoved(reduction: number | null): string {
  if (reduction === null || !Number.isFinite(reduction)) return '—';
  if (reduction <= 0) return 'none';
  return percent(reduction, reduction < 0.1 ? 1 : 0);
}

/** One sentence for an arm: "Adjustment removed 23% of the variance." or the honest small case. */
export function varianceSentence(reduction: number | null): string {
  if (reduction === null || !Number.isFinite(reduction)) return 'How much variance the adjustment removed cannot be said yet.';
  if (reduction <= 0) return 'Adjustment removed none of the variance: the raw figure is as precise.';
  if (reduction < NEGLIGIBLE) return `Adjustment removed only ${varianceRemoved(reduction)} of the variance: hardly any gain, so the raw figure is about as precise.`;
  return `Adjustment removed ${varianceRemoved(reduction)} of the variance, so its interval is narrower than the raw one.`;
}

/** "device × visit (12 cells, at least 50 visitors per arm in each)". */
export function strataWords(adjusted: Pick<ResultsDocument['adjusted'], 'strata' | 'cells' | 'minimumPerCell'>): string {
  if (adjusted.strata.length === 0) return 'no strata';
  const cells = `${adjusted.cells} cell${adjusted.cells === 1 ? '' : 's'}`;
  return `${adjusted.strata.join(' × ')} (${cells}, at least ${adjusted.minimumPerCell} visitors per arm in each)`;
}

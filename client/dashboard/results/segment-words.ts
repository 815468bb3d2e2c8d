// The words around results by segment: what the correction covers, and whether the effect
// differs between a dimension's levels. Pure, so the wording is tested without a browser.
import { pEquals } from '../format.js';
import type { ResultsDocument } from '../types.js';

export type SegmentDimension = ResultsDocument['segments']['dimensions'][number];
export type SegmentComparison = SegmentDimension['metrics'][number]['comparisons'][number];

export function adjustmentWords(adjustment: ResultsDocument['adjustment']): string {
  return adjustment === 'holm' ? 'Holm' : adjustment === 'benjamini-hochberg' ? 'Benjamini–Hochberg' : 'no';
}

/**
 * Why a level that looks like a win may be chance: the many comparisons. Said in words, with the
 * number the correction covers, before any table.
 */
export function correctionSentence(tests: number, adjustment: ResultsDocument['adjustment']): string {
  if (adjustment === 'none') {
    return `The p-values below are not corrected for the ${tests} comparisons shown: with this many, some level will look like a win by chance alone. Read a level's lift as a hint, not a result.`;
  }
  return `Every level's p-value is ${adjustmentWords(adjustment)}-corrected for all ${tests} level comparisons shown (every level, arm and metric), because with this many, some level would look like a win by chance alone. Trust a level's lift only where the interaction test says the effect really differs.`;
}

/** "The effect of AI image differs by device (interaction p = 0.004, corrected)", or the all-clear. */
export function interactionSentence(arm: string, dimension: string, interaction: SegmentComparison['interaction']): string {
  const p = pEquals(interaction.adjustedPValue);
  if (interaction.differs) return `The effect of ${arm} differs by ${dimension} (interaction ${p}, corrected).`;
  if (interaction.adjustedPValue === null) return `Not enough data to tell whether the effect of ${arm} differs by ${dimension}.`;
  return `No sign that the effect of ${arm} differs by ${dimension} (interaction ${p}, corrected): read the overall lift.`;
}

/** The metrics a segments section covers, primary first as the server orders them. */
export function segmentMetrics(segments: ResultsDocument['segments']): Array<{ metric: string; label: string }> {
  const seen = new Map<string, string>();
  for (const dimension of segments.dimensions) for (const entry of dimension.metrics) if (!seen.has(entry.metric)) seen.set(entry.metric, entry.label);
  return [...seen].map(([metric, label]) => ({ metric, label }));
}

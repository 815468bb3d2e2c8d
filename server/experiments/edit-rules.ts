// What an edit may change in each state of an experiment: one rule for the PATCH route, which
// refuses the rest, and the dashboard's editor, which bundles this file and disables the rest.
import type { ExperimentStatus } from '../db/types.js';

/**
 * Fields that, once an experiment has run, would bias its results if changed. The survey is one:
 * trust answers given to another question, or after another delay, are not comparable. So is the
 * revenue cap: capped revenue is only honest at a cap chosen before anyone saw the orders. And so
 * is the planned effect, although it changes no figure: it words the decisions ("no difference
 * worth waiting for", "about N more days"), and a planned effect picked after seeing the interval
 * would let the wording say whatever one hoped. A shop that learns its plan was wrong starts a new test.
 */
export const FROZEN_AFTER_START = ['key', 'slot', 'coverage', 'primaryMetric', 'plannedSampleSize', 'plannedEffect', 'revenueCap', 'survey', 'variants'] as const;

/** What describes the test without deciding assignment or analysis: editable until archived. */
export const NOTES = ['name', 'hypothesis', 'guardrailMetrics'] as const;

export type EditableField = (typeof FROZEN_AFTER_START)[number] | (typeof NOTES)[number];

/** everything: a draft; notes: it has run (or was imported), only NOTES; nothing: archived, read-only. */
export type EditScope = 'everything' | 'notes' | 'nothing';

export interface EditState {
  status: ExperimentStatus;
  startedAt: number | null;
  importedAt: number | null;
}

export function editScope(state: EditState): EditScope {
  if (state.status === 'archived') return 'nothing';
  return state.startedAt !== null || state.importedAt !== null ? 'notes' : 'everything';
}

export function canEdit(state: EditState, field: EditableField): boolean {
  const scope = editScope(state);
  return scope === 'everything' || (scope === 'notes' && (NOTES as readonly string[]).includes(field));
}

/** Why the editor's fields are off, in the words the server's refusal would use; null for a draft. */
export function editScopeNotice(scope: EditScope): string | null {
  if (scope === 'nothing') return 'This experiment is archived, so it is read-only.';
  if (scope === 'notes') return 'This experiment has run, so its arms, traffic split, metrics, planned effect and revenue cap are fixed: changing them would bias the results. You can still edit its name, hypothesis and guardrails.';
  return null;
}

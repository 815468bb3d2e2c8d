// The experiment's planning settings that issue 14 adds: the planned effect (the relative lift
// the test should detect) and the revenue cap. Both are fixed before the start. They are read
// where an experiment carries them and sent only for fields the server's own edit rules name
// (server/experiments/edit-rules.ts), so the editor works against a server without them. Pure.
import { FROZEN_AFTER_START, NOTES, type EditScope } from '../../../server/experiments/edit-rules.js';

export type RevenueCapSetting = { kind: 'value'; value: number } | { kind: 'percentile'; percentile: number; days: number } | null;

export interface RevenueCapForm {
  kind: 'none' | 'value' | 'percentile';
  value: string;
  /** 50–100: the percentile of the control's buyers' revenue. */
  percentile: string;
  days: string;
}

export interface PlanSettingsForm {
  /** Percent, as typed ("10" for a 10% lift); '' for the server's default. */
  plannedEffect: string;
  revenueCap: RevenueCapForm;
}

export const PLAN_SETTINGS = ['plannedEffect', 'revenueCap'] as const;
export type PlanSetting = (typeof PLAN_SETTINGS)[number];

/** The server edits and stores a field its edit rules name. */
export function serverKnows(field: string): boolean {
  return (FROZEN_AFTER_START as readonly string[]).includes(field) || (NOTES as readonly string[]).includes(field);
}

/** Off in the editor: a note is locked only when archived; anything else (or unknown) once started. */
export function fieldLocked(scope: EditScope, field: string): boolean {
  if (scope === 'nothing') return true;
  if ((NOTES as readonly string[]).includes(field)) return false;
  return scope !== 'everything';
}

export function blankRevenueCap(): RevenueCapForm {
  return { kind: 'none', value: '', percentile: '99', days: '7' };
}

/** The settings as an experiment from the API holds them (absent on a server without them). */
export function planSettingsFrom(experiment: object): PlanSettingsForm {
  const { plannedEffect, revenueCap } = experiment as { plannedEffect?: number | null; revenueCap?: RevenueCapSetting };
  const cap = blankRevenueCap();
  if (revenueCap?.kind === 'value') Object.assign(cap, { kind: 'value', value: String(revenueCap.value) });
  if (revenueCap?.kind === 'percentile') Object.assign(cap, { kind: 'percentile', percentile: String(revenueCap.percentile), days: String(revenueCap.days) });
  return {
    plannedEffect: typeof plannedEffect === 'number' ? String(Math.round(plannedEffect * 100_000) / 1000) : '',
    revenueCap: cap,
  };
}

/** The planned effect as a fraction (10 → 0.1); null when left empty (the server's default). */
export function plannedEffectValue(text: string): number | null {
  return text.trim() === '' ? null : Number(text) / 100;
}

export function revenueCapValue(form: RevenueCapForm): RevenueCapSetting {
  if (form.kind === 'value') return { kind: 'value', value: Number(form.value) };
  if (form.kind === 'percentile') return { kind: 'percentile', percentile: Number(form.percentile), days: Number(form.days) };
  return null;
}

/** The settings to send: only fields the server knows, and that the scope leaves editable. */
export function planSettingsBody(form: PlanSettingsForm, scope: EditScope): { plannedEffect?: number | null; revenueCap?: RevenueCapSetting } {
  const body: { plannedEffect?: number | null; revenueCap?: RevenueCapSetting } = {};
  const sendable = (field: PlanSetting) => serverKnows(field) && !fieldLocked(scope, field);
  if (sendable('plannedEffect')) body.plannedEffect = plannedEffectValue(form.plannedEffect);
  if (sendable('revenueCap')) body.revenueCap = revenueCapValue(form.revenueCap);
  return body;
}

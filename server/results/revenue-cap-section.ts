// The results document's revenueCap section (pure): the experiment's cap, the value in force, and
// the cap in words, including why capped revenue has no figures yet when it waits.
import type { CapCheck } from '../collect/fix-revenue-caps.js';
import type { Experiment } from '../experiments/model.js';
import type { ResultsDocument } from './document-schema.js';

export type RevenueCapSection = NonNullable<ResultsDocument['revenueCap']>;

const UNCAPPED = 'Revenue per visitor is shown uncapped beside it.';

function ordinal(p: number): string {
  if (!Number.isInteger(p)) return `${p}th`;
  const tens = p % 100;
  if (tens >= 11 && tens <= 13) return `${p}th`;
  return `${p}${{ 1: 'st', 2: 'nd', 3: 'rd' }[p % 10] ?? 'th'}`;
}

const money = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Null when the experiment caps nothing. `check` is what the latest check of an unfixed cap found. */
export function revenueCapSection(experiment: Experiment, check?: CapCheck): RevenueCapSection | null {
  const cap = experiment.revenueCap;
  if (cap === null) return null;
  const value = experiment.revenueCapValue;
  const base = {
    kind: cap.kind,
    value,
    percentile: cap.kind === 'percentile' ? cap.percentile : null,
    days: cap.kind === 'percentile' ? cap.days : null,
    fixedAt: experiment.revenueCapFixedAt,
  };
  if (cap.kind === 'value') {
    const statement =
      value === null
        ? `Revenue per visitor will be capped at ${money(cap.value)}, fixed when the experiment starts.`
        : `Revenue per visitor is capped at ${money(value)}, a value fixed before the start: a visitor's revenue above it counts as ${money(value)} in "revenue per visitor, capped". ${UNCAPPED}`;
    return { ...base, statement };
  }
  const of = `the ${ordinal(cap.percentile)} percentile of what the control arm's buyers, first exposed in the first ${plural(cap.days, 'day')}, spent`;
  if (value !== null) {
    return { ...base, statement: `Revenue per visitor is capped at ${money(value)}: ${of}, fixed on ${date(experiment.revenueCapFixedAt!)}. ${UNCAPPED}` };
  }
  if (experiment.startedAt === null) {
    return { ...base, statement: `Revenue per visitor will be capped at ${of}; the cap is fixed once those days are over, and capped revenue shows from then.` };
  }
  if (check?.state === 'waiting' && check.reason === 'no-control-buyers') {
    return { ...base, statement: `Revenue per visitor is to be capped at ${of}, but no control visitor of those days has bought yet: the cap waits for the first one, and capped revenue shows from then.` };
  }
  const dueAt = experiment.startedAt + cap.days * 86_400_000;
  return { ...base, statement: `Revenue per visitor will be capped at ${of}; the cap is fixed on ${date(dueAt)}, and capped revenue shows from then.` };
}

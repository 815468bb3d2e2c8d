// Planning before the start, the editor's side of POST /api/plan: the body built from what the
// owner typed (a rate in percent for yes/no metrics, a mean and SD for the others), and the
// answer read back as "about 23 days (11,500 visitors per arm) for 80% power". Pure.
import type { z } from 'zod';
import type { planAnswerSchema } from '../../../server/planning/response-schema.js';
import type { planRequest as planRequestSchema } from '../../../server/planning/route.js';
import { findMetric, type MetricName } from '../../../server/metrics/registry.js';
import { count } from '../format.js';

/** What POST /api/plan accepts (server/planning/route.ts). */
export type PlanRequest = z.input<typeof planRequestSchema>;

/** What it answers: per metric, the visitors per arm and the days at the given traffic. */
export type PlanAnswer = z.infer<typeof planAnswerSchema>;

export interface BaselineForm {
  /** A rate in percent for a yes/no metric, a mean per visitor otherwise. */
  baseline: string;
  sd: string;
}

/** How a metric is planned: a yes/no one from a rate, a mean from its level and spread; a ratio gets a note. */
export function baselineKind(metric: string): 'rate' | 'mean' | 'ratio' {
  const kind = findMetric(metric)?.kind ?? 'continuous';
  return kind === 'binary' ? 'rate' : kind === 'continuous' ? 'mean' : 'ratio';
}

/** A mean needs its standard deviation per visitor; a rate's follows from the rate. */
export function needsSd(metric: string): boolean {
  return baselineKind(metric) === 'mean';
}

export interface PlanInput {
  dailyVisitors: string;
  arms: number;
  /** Percent, as typed; '' for the default. */
  plannedEffect: string;
  defaultEffect: number;
  metrics: MetricName[];
  baselines: Record<string, BaselineForm | undefined>;
}

/** A problem with what was typed, tied to its input. */
export interface PlanProblem {
  field: string;
  message: string;
}

const positive = (text: string) => {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
};

/** The body to send, or the first thing to fix (the server checks again; this answers sooner). */
export function planRequest(input: PlanInput): PlanRequest | PlanProblem {
  const dailyVisitors = positive(input.dailyVisitors);
  if (dailyVisitors === null) return { field: 'plan-daily', message: 'Give the visitors a day the slot gets, a number above 0.' };
  // A drop is planned for as well as a lift: −20 plans to detect a 20% fall.
  const effectPercent = input.plannedEffect.trim() === '' ? input.defaultEffect * 100 : Number(input.plannedEffect);
  if (!Number.isFinite(effectPercent) || effectPercent === 0 || Math.abs(effectPercent) >= 1000) {
    return { field: 'exp-planned-effect', message: 'Give the planned effect as a percentage other than 0, such as 10 or −20.' };
  }
  const metrics: PlanRequest['metrics'] = [];
  for (const metric of input.metrics) {
    const typed = input.baselines[metric] ?? { baseline: '', sd: '' };
    const baseline = positive(typed.baseline);
    const kind = baselineKind(metric);
    if (kind === 'rate') {
      if (baseline === null || baseline >= 100) return { field: `plan-${metric}-baseline`, message: 'Give the rate today, in percent, between 0 and 100.' };
      metrics.push({ metric, baseline: baseline / 100 });
      continue;
    }
    if (baseline === null) return { field: `plan-${metric}-baseline`, message: 'Give the value today, a number above 0.' };
    if (kind === 'ratio') {
      metrics.push({ metric, baseline });
      continue;
    }
    const sd = positive(typed.sd);
    if (sd === null) return { field: `plan-${metric}-sd`, message: 'Give the standard deviation per visitor, a number above 0.' };
    metrics.push({ metric, baseline, sd });
  }
  return { dailyVisitors, arms: input.arms, plannedEffect: effectPercent / 100, metrics };
}

export function isProblem(value: PlanRequest | PlanProblem): value is PlanProblem {
  return 'message' in value;
}

/** "about 23 days (11,500 visitors per arm) for 80% power"; a year or more says the test cannot answer. */
export function planSentence(entry: PlanAnswer['metrics'][number], power: number): string {
  const powerText = `${Math.round(power * 100)}% power`;
  if (entry.days === null || entry.perArm === null || !Number.isFinite(entry.days)) return `Cannot be planned from these figures.`;
  const days = Math.max(1, Math.ceil(entry.days));
  const sentence = `about ${count(days)} day${days === 1 ? '' : 's'} (${count(Math.ceil(entry.perArm))} visitors per arm) for ${powerText}`;
  return days > 365 ? `${sentence}: more than a year, so at this traffic the test cannot answer this.` : sentence;
}

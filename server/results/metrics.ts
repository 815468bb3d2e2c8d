// How each metric is analysed and named in sentences a shop owner reads (an experiment's own
// labels, such as an imported column's name, come first), and which metrics a document reports.
import { METRICS, type MetricName } from '../experiments/vocabulary.js';
import type { AnalysisKind } from './compare.js';

export const METRIC_LABELS: Record<MetricName, string> = {
  viewable: 'viewability',
  video_started: 'video starts',
  video_completed: 'video completions',
  watch_pct: 'the share of the video watched',
  clicked: 'click-through',
  clicks: 'clicks per view',
  added_to_cart: 'add-to-cart',
  purchased: 'purchases',
  revenue: 'revenue per visitor',
  trust: 'stated trust',
  noticed_disclosure: 'noticing the AI',
  answered_survey: 'survey answers',
};

export function metricLabel(metric: MetricName, labels: Partial<Record<MetricName, string>>): string {
  return labels[metric] ?? METRIC_LABELS[metric];
}

/** clicks is read as a ratio (clicks per exposure, by the delta method); counts as means. */
export function analysisKind(metric: MetricName): AnalysisKind {
  if (metric === 'clicks') return 'ratio';
  return METRICS[metric] === 'binary' ? 'binary' : 'continuous';
}

const VIDEO_METRICS: readonly MetricName[] = ['video_started', 'video_completed', 'watch_pct'];

/**
 * The metrics worth showing: the plan's first, then the others that apply to these creatives, or
 * when `measured` is given (an imported test measured only those), the others of that list.
 */
export function metricsToReport(
  primary: MetricName,
  guardrails: readonly MetricName[],
  hasVideo: boolean,
  measured?: readonly MetricName[],
): Array<{ metric: MetricName; role: 'primary' | 'guardrail' | 'secondary' }> {
  const planned = new Set<MetricName>([primary, ...guardrails]);
  const candidates = measured ?? (Object.keys(METRICS) as MetricName[]).filter((metric) => hasVideo || !VIDEO_METRICS.includes(metric));
  const secondary = candidates.filter((metric) => !planned.has(metric));
  return [
    { metric: primary, role: 'primary' as const },
    ...guardrails.map((metric) => ({ metric, role: 'guardrail' as const })),
    ...secondary.map((metric) => ({ metric, role: 'secondary' as const })),
  ];
}

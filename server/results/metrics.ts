// How each metric is analysed and named in sentences a shop owner reads.
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

/** clicks is read as a ratio (clicks per exposure, by the delta method); counts as means. */
export function analysisKind(metric: MetricName): AnalysisKind {
  if (metric === 'clicks') return 'ratio';
  return METRICS[metric] === 'binary' ? 'binary' : 'continuous';
}

const VIDEO_METRICS: readonly MetricName[] = ['video_started', 'video_completed', 'watch_pct'];

/** The metrics worth showing: the plan's first, then the others that apply to these creatives. */
export function metricsToReport(primary: MetricName, guardrails: readonly MetricName[], hasVideo: boolean): Array<{ metric: MetricName; role: 'primary' | 'guardrail' | 'secondary' }> {
  const planned = new Set<MetricName>([primary, ...guardrails]);
  const secondary = (Object.keys(METRICS) as MetricName[]).filter((metric) => !planned.has(metric) && (hasVideo || !VIDEO_METRICS.includes(metric)));
  return [
    { metric: primary, role: 'primary' as const },
    ...guardrails.map((metric) => ({ metric, role: 'guardrail' as const })),
    ...secondary.map((metric) => ({ metric, role: 'secondary' as const })),
  ];
}

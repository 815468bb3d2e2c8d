// How each metric is analysed and named in sentences a shop owner reads (an experiment's own
// labels, such as an imported column's name, come first), and which metrics a document reports.
// The words and kinds are the registry's (metrics/registry.ts).
import { METRIC_NAMES, METRIC_REGISTRY, type MetricName } from '../metrics/registry.js';
import type { AnalysisKind } from './compare.js';

export function metricLabel(metric: MetricName, labels: Partial<Record<MetricName, string>>): string {
  return labels[metric] ?? METRIC_REGISTRY[metric].label;
}

/** clicks is read as a ratio (clicks per exposure, by the delta method); counts as means. */
export function analysisKind(metric: MetricName): AnalysisKind {
  return METRIC_REGISTRY[metric].kind;
}

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
  const candidates = measured ?? METRIC_NAMES.filter((metric) => hasVideo || METRIC_REGISTRY[metric].appliesTo !== 'video');
  const secondary = candidates.filter((metric) => !planned.has(metric));
  return [
    { metric: primary, role: 'primary' as const },
    ...guardrails.map((metric) => ({ metric, role: 'guardrail' as const })),
    ...secondary.map((metric) => ({ metric, role: 'secondary' as const })),
  ];
}

// A metric's value in words, by its registry format: a rate or share difference in percentage
// points, money with two decimals, a score or ratio with three. For sentences such as the
// expected loss, where the unit must be plain.
import { METRIC_REGISTRY, type MetricName } from '../metrics/registry.js';

export function formatMetricValue(metric: MetricName, value: number): string {
  switch (METRIC_REGISTRY[metric].format) {
    case 'rate':
      return `${round(value * 100, 2)} percentage points of ${METRIC_REGISTRY[metric].label}`;
    case 'share':
      return `${round(value, 2)} percentage points of the video`;
    case 'money':
      return `${value.toFixed(2)} in revenue`;
    case 'score':
      return `${round(value, 3)} points of trust (1–5)`;
    case 'ratio':
      return `${round(value, 3)} ${METRIC_REGISTRY[metric].label}`;
  }
}

function round(value: number, decimals: number): string {
  const factor = 10 ** decimals;
  return String(Math.round(value * factor) / factor);
}

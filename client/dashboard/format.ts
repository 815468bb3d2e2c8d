// Numbers as a shop owner reads them: rates as percentages, lifts signed with a true minus sign,
// p-values without false precision, times as "12 s ago". A figure that could not be computed
// (null, NaN) is shown as a dash, never as 0.
import { findMetric, type MetricFormat } from '../../server/metrics/registry.js';
import { finite } from './types.js';

const MINUS = '\u2212';
export const DASH = '—';

export function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : value < 0 ? `${MINUS}${text}` : text;
}

export function percent(value: number | null | undefined, digits = 1): string {
  if (!finite(value)) return DASH;
  const text = `${Math.abs(value * 100).toFixed(digits)}%`;
  return value < 0 && Number((value * 100).toFixed(digits)) !== 0 ? `${MINUS}${text}` : text;
}

export function signedPercent(value: number | null | undefined, digits = 1): string {
  if (!finite(value)) return DASH;
  const rounded = Number((value * 100).toFixed(digits));
  return signed(`${Math.abs(rounded).toFixed(digits)}%`, rounded);
}

export function number(value: number | null | undefined, digits = 2): string {
  if (!finite(value)) return DASH;
  return value < 0 ? `${MINUS}${Math.abs(value).toFixed(digits)}` : value.toFixed(digits);
}

export function count(value: number | null | undefined): string {
  return finite(value) ? Math.round(value).toLocaleString('en') : DASH;
}

export function pValue(value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  if (value < 0.001) return '< 0.001';
  return value >= 0.995 ? '1.00' : value < 0.01 ? value.toFixed(3) : value.toFixed(2);
}

/** "p = 0.004", or "p < 0.001" where the figure is that small. */
export function pEquals(value: number | null | undefined): string {
  const text = pValue(value);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

/** A probability as a shop owner reads it: never a flat 0% or 100%, which no data can prove. */
export function chance(value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  if (value > 0.99) return '> 99%';
  if (value < 0.01) return '< 1%';
  return `${Math.round(value * 100)}%`;
}

/** The registry's format of a metric; a name it does not know is read by the document's kind. */
function formatOf(metric: string, kind: string): MetricFormat {
  return findMetric(metric)?.format ?? (kind === 'binary' ? 'rate' : kind === 'ratio' ? 'ratio' : 'money');
}

/** A metric's per-arm value: a rate, a 0–100 share, money, a 1–5 score or a ratio. */
export function metricValue(metric: string, kind: string, value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  const format = formatOf(metric, kind);
  if (format === 'rate') return percent(value);
  if (format === 'share') return `${value.toFixed(1)}%`;
  if (format === 'ratio') return value.toFixed(3);
  // A score out of 5 and money alike, to the hundredth.
  return number(value);
}

/** An absolute difference in a metric: percentage points for a rate or a share, units otherwise. */
export function metricDifference(metric: string, kind: string, value: number | null | undefined): string {
  if (!finite(value)) return DASH;
  const format = formatOf(metric, kind);
  if (format === 'rate') {
    const points = Number((value * 100).toFixed(1));
    return signed(`${Math.abs(points).toFixed(1)} pp`, points);
  }
  const digits = format === 'share' ? 1 : 2;
  const rounded = Number(value.toFixed(digits));
  return signed(`${Math.abs(rounded).toFixed(digits)}${format === 'share' ? ' pp' : ''}`, rounded);
}

export function range(lower: string, upper: string): string {
  return lower === DASH || upper === DASH ? DASH : `${lower} to ${upper}`;
}

export function secondsAgo(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400 * 2) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

export function date(ms: number | null | undefined): string {
  if (!finite(ms)) return DASH;
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

export function days(value: number): string {
  return value === 1 ? '1 day' : `${value} days`;
}

/** "https://shop.example" → "shop.example", as people name a site. */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

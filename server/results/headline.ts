// The plain-language sentence for one metric and arm, e.g. "“AI video, labelled” changed
// add-to-cart by −3.1% against “Studio photo” (95% CI −7.2% to +1.0%): not conclusive yet."

export type Verdict = 'better' | 'worse' | 'inconclusive' | 'no-data';

export interface HeadlineInput {
  metricLabel: string;
  treatment: string;
  control: string;
  estimate: number;
  lower: number;
  upper: number;
  verdict: Verdict;
  alwaysValid: boolean;
  running: boolean;
  confidence: number;
}

export function percent(value: number): string {
  const rounded = Math.round(value * 1000) / 10;
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  return `${sign}${Math.abs(rounded).toFixed(1)}%`;
}

export function headline(input: HeadlineInput): string {
  const names = `“${input.treatment}”`;
  if (input.verdict === 'no-data' || !Number.isFinite(input.estimate)) {
    return `${names} does not have enough data on ${input.metricLabel} to compare with “${input.control}” yet.`;
  }
  const interval = Number.isFinite(input.lower) && Number.isFinite(input.upper) ? `${percent(input.lower)} to ${percent(input.upper)}` : 'not yet estimable';
  const kind = input.alwaysValid ? 'always-valid CI' : 'CI';
  const ending =
    input.verdict === 'better'
      ? 'a clear improvement'
      : input.verdict === 'worse'
        ? 'a clear drop'
        : input.running
          ? 'not conclusive yet'
          : 'not conclusive';
  return `${names} changed ${input.metricLabel} by ${percent(input.estimate)} against “${input.control}” (${input.confidence}% ${kind} ${interval}): ${ending}.`;
}

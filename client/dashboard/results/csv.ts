// The results as CSV, made in the browser from the same document the page draws: one row per
// metric and arm. Every cell is quoted, and a cell a spreadsheet would run as a formula (one
// starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe (OWASP's advice
// on CSV injection): a variant named "=HYPERLINK(…)" stays text. Numbers are written plain.
import { TEST_NAMES } from '../../../server/results/p-values.js';
import type { ResultsDocument } from '../types.js';

const HEADER = [
  'experiment',
  'status',
  'metric',
  'metric_label',
  'role',
  'variant',
  'variant_name',
  'control',
  'visitors',
  'value',
  'value_lower',
  'value_upper',
  'lift',
  'lift_lower',
  'lift_upper',
  'lift_always_valid_lower',
  'lift_always_valid_upper',
  'difference',
  'p_value',
  'p_value_test',
  'p_value_adjusted',
  'p_value_adjustment',
  'chance_to_beat_control',
  'expected_loss',
  'verdict',
];

type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '""';
  let text = String(value);
  // A negative number is data, not a formula; text that merely starts with a minus is not.
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function resultsToCsv(doc: ResultsDocument): string {
  const rows: Cell[][] = [HEADER];
  const names = new Map(doc.variants.map((variant) => [variant.key, variant]));
  for (const metric of doc.metrics) {
    for (const arm of metric.arms) {
      const variant = names.get(arm.variant);
      const comparison = metric.comparisons.find((entry) => entry.variant === arm.variant);
      rows.push([
        doc.experiment.key,
        doc.experiment.status,
        metric.metric,
        metric.label,
        metric.role,
        arm.variant,
        variant?.name ?? arm.variant,
        variant?.control ?? false,
        arm.n,
        arm.estimate,
        arm.lower,
        arm.upper,
        comparison?.relative.estimate,
        comparison?.relative.lower,
        comparison?.relative.upper,
        comparison?.alwaysValid?.lower,
        comparison?.alwaysValid?.upper,
        comparison?.absolute.estimate,
        comparison?.pValue,
        comparison ? TEST_NAMES[comparison.pValueTest] : '',
        comparison?.adjustedPValue,
        comparison ? doc.adjustment : '',
        comparison?.chanceToBeat,
        comparison?.expectedLoss,
        comparison?.verdict ?? (variant?.control ? 'control' : ''),
      ]);
    }
  }
  // CRLF, as RFC 4180 has it; a byte-order mark so spreadsheet programs read the names as UTF-8.
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function csvFileName(doc: ResultsDocument): string {
  const day = new Date(doc.generatedAt).toISOString().slice(0, 10);
  return `candor-${doc.experiment.key}-${day}.csv`;
}

/** Offers the CSV as a download; nothing leaves the browser. */
export function downloadCsv(doc: ResultsDocument): void {
  const url = URL.createObjectURL(new Blob([resultsToCsv(doc)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(doc);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

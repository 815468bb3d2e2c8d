// Reading one cell of an imported file (pure): a metric's value by the metric's kind, and the
// day column's date or timestamp. Cells are trimmed; what cannot be read is a CsvError naming
// the line and the column.
import { METRIC_REGISTRY, type MetricName } from '../metrics/registry.js';
import { CsvError } from './csv.js';
import { IMPORT_LIMITS } from './import-error.js';

const BINARY: Readonly<Record<string, number>> = { true: 1, false: 0, yes: 1, no: 0, '1': 1, '0': 0 };
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface Cell {
  text: string;
  line: number;
  column: string;
}

/**
 * A metric's value for one visitor: binary cells take TRUE/FALSE, true/false, yes/no or 1/0;
 * the others numbers (a count a whole number ≥ 0). An empty cell is 0, or null (not answered)
 * for the survey's metrics (trust, noticed_disclosure).
 */
export function readMetricCell(metric: MetricName, cell: Cell): number | null {
  const text = cell.text.trim();
  const { stored: kind, appliesTo } = METRIC_REGISTRY[metric];
  // Only visitors who answered the survey have a survey metric: there an empty cell means "not asked".
  if (text === '') return appliesTo === 'survey' ? null : 0;
  if (kind === 'binary') {
    const value = BINARY[text.toLowerCase()] ?? (NUMBER.test(text) ? Number(text) : NaN);
    if (value === 0 || value === 1) return value;
    throw new CsvError(`column "${cell.column}" (${metric}, a yes/no metric) holds ${quote(text)}, not TRUE/FALSE, true/false, yes/no or 1/0`, cell.line);
  }
  const value = NUMBER.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value) || Math.abs(value) > IMPORT_LIMITS.maxAbsValue) {
    throw new CsvError(`column "${cell.column}" (${metric}, a numeric metric) holds ${quote(text)}, not a number`, cell.line);
  }
  if (kind === 'count' && !(Number.isInteger(value) && value >= 0)) {
    throw new CsvError(`column "${cell.column}" (${metric}, a count) holds ${quote(text)}, not a whole number of 0 or more`, cell.line);
  }
  return value;
}

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date (2017-01-21) or timestamp (2017-01-21 22:11:48.556739, 2017-01-21T22:11:48Z, with an
 * optional offset) as epoch milliseconds; without an offset it is UTC. Fractions below the
 * millisecond are dropped.
 */
export function readTimeCell(cell: Cell): number {
  const text = cell.text.trim();
  const match = TIME.exec(text);
  const fail = () => new CsvError(`column "${cell.column}" holds ${quote(text)}, not a date (2017-01-21) or timestamp (2017-01-21 22:11:48)`, cell.line);
  if (!match) throw fail();
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(time);
  // Date.UTC rolls 2017-02-30 over into March: a date that does not exist is refused.
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) throw fail();
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return time;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

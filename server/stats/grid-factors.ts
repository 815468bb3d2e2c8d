// The disclosure designs as factors: origin, disclosed or not, and among the disclosed arms their
// style, wording and timing (throughout or the first N seconds). A linear model of the metric with
// each factor's main effects (treatment coding) and the origin × disclosure interaction where the
// arms support it, fitted by OLS on the visitor-level data, computed exactly from each arm's
// sufficient statistics (n, Σy, Σy²): every visitor of an arm has the same design row, so X'X,
// X'y, the residuals' squares and the leverages are sums over arms. Errors are HC2 (White's
// heteroskedasticity-consistent, with the leverage correction): arms differ in variance (a
// rate's variance moves with the rate), and weighting the arm means by estimated s²/n instead
// would treat noisy variances as known and blow up on an arm whose rate is 0. Checked against
// statsmodels OLS(cov_type='HC2') (tests/stats/fixtures/make_grid_factor_fixtures.py).
import { normalEffect } from './effects.js';
import type { Origin } from './grid.js';
import { invert, rank, type Matrix } from './matrix.js';
import { DEFAULT_ALPHA, type Effect, type Sample } from './types.js';

export interface FactorArm {
  key: string;
  origin: Origin;
  /** The disclosure style; 'none' when the arm is not disclosed. */
  style: string;
  /** The label's text; null when not disclosed (or a style with no words). */
  wording: string | null;
  /** The seconds a video label shows for; null when throughout (or not disclosed). */
  showForSeconds: number | null;
  sample: Sample;
}

export type FactorName = 'origin' | 'disclosure' | 'style' | 'wording' | 'timing' | 'origin × disclosure';

export interface FactorTerm extends Effect {
  /** Stable id, e.g. origin:ai, disclosure, style:icon, wording:2, timing:first-3s, origin:ai×disclosure. */
  name: string;
  factor: FactorName;
  level: string;
  reference: string;
  label: string;
}

export interface FactorModel {
  /** False when fewer than two arms with visitors differ in any factor. */
  available: boolean;
  errors: 'HC2';
  n: number;
  residualDf: number;
  factors: { name: FactorName; levels: string[]; reference: string }[];
  intercept: Effect | null;
  terms: FactorTerm[];
  /** Terms the arms cannot tell apart from earlier ones (they move together), left out of the model. */
  confounded: string[];
  note: string;
}

interface Column {
  name: string;
  factor: FactorName;
  level: string;
  reference: string;
  label: string;
  value: (arm: FactorArm) => number;
}

const ORIGIN_ORDER: readonly Origin[] = ['traditional', 'ai', 'hybrid'];
const STYLE_ORDER = ['label', 'caption', 'badge', 'icon', 'credentials'];
const disclosed = (arm: FactorArm) => arm.style !== 'none';
const timingOf = (arm: FactorArm) => (arm.showForSeconds === null ? 'throughout' : `first ${arm.showForSeconds} s`);

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Each factor with two or more levels among the arms, as treatment-coded columns (the first level is the reference). */
function candidateColumns(arms: readonly FactorArm[]): { columns: Column[]; factors: FactorModel['factors'] } {
  const shown = arms.filter(disclosed);
  const origins = ORIGIN_ORDER.filter((origin) => arms.some((arm) => arm.origin === origin));
  const styles = STYLE_ORDER.filter((style) => shown.some((arm) => arm.style === style));
  // A style with no words of its own (the credentials pin) is no level of the wording factor.
  const wordings = distinct(shown.flatMap((arm) => (arm.wording === null ? [] : [arm.wording])));
  const timings = distinct(shown.map(timingOf)).sort((a, b) => (a === 'throughout' ? -1 : b === 'throughout' ? 1 : a.localeCompare(b, 'en', { numeric: true })));
  const factors: FactorModel['factors'] = [];
  const columns: Column[] = [];
  const add = (factor: FactorName, levels: string[], of: (arm: FactorArm) => string | null, id: (level: string, index: number) => string, describe: (level: string, reference: string) => string) => {
    if (levels.length < 2) return;
    const reference = levels[0]!;
    factors.push({ name: factor, levels, reference });
    levels.slice(1).forEach((level, index) => {
      columns.push({ name: id(level, index + 1), factor, level, reference, label: describe(level, reference), value: (arm) => (of(arm) === level ? 1 : 0) });
    });
  };
  const originName = (origin: string) => (origin === 'ai' ? 'AI' : origin);
  add('origin', origins, (arm) => arm.origin, (level) => `origin:${level}`, (level, reference) => `${originName(level)} vs ${originName(reference)} creatives`);
  if (shown.length > 0 && shown.length < arms.length) {
    factors.push({ name: 'disclosure', levels: ['not disclosed', 'disclosed'], reference: 'not disclosed' });
    columns.push({ name: 'disclosure', factor: 'disclosure', level: 'disclosed', reference: 'not disclosed', label: 'disclosed vs not', value: (arm) => (disclosed(arm) ? 1 : 0) });
  }
  const among = <T>(of: (arm: FactorArm) => T) => (arm: FactorArm) => (disclosed(arm) ? of(arm) : null);
  add('style', styles, among((arm) => arm.style), (level) => `style:${level}`, (level, reference) => `${level} vs ${reference}`);
  add('wording', wordings, among((arm) => arm.wording), (_, index) => `wording:${index}`, (level, reference) => `"${level}" vs "${reference}"`);
  add('timing', timings, among(timingOf), (level) => `timing:${level.replace(/\s+/g, '').replace('first', 'first-')}`, (level, reference) => `label ${level} vs ${reference}`);
  // Does disclosing act differently on AI-made than on traditional creatives? Only where both have both.
  for (const origin of origins.slice(1)) {
    columns.push({
      name: `origin:${origin}×disclosure`,
      factor: 'origin × disclosure',
      level: `${origin}, disclosed`,
      reference: origins[0]!,
      label: `disclosure effect on ${originName(origin)} minus on ${originName(origins[0]!)} creatives`,
      value: (arm) => (arm.origin === origin && disclosed(arm) ? 1 : 0),
    });
  }
  return { columns, factors };
}

export function fitFactorModel(arms: readonly FactorArm[], options: { alpha?: number } = {}): FactorModel {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const present = arms.filter((arm) => arm.sample.n > 0);
  const { columns: candidates, factors } = candidateColumns(present);
  // Keep a column only when it adds a dimension the arms' design rows can estimate.
  const kept: Column[] = [];
  const confounded: string[] = [];
  for (const column of candidates) {
    const rows = present.map((arm) => [1, ...[...kept, column].map((c) => c.value(arm))]);
    if (rank(rows) === kept.length + 2) kept.push(column);
    else if (column.factor !== 'origin × disclosure') confounded.push(column.label);
  }
  const n = present.reduce((total, arm) => total + arm.sample.n, 0);
  const p = kept.length + 1;
  const none = (note: string): FactorModel => ({ available: false, errors: 'HC2', n, residualDf: Math.max(0, n - p), factors, intercept: null, terms: [], confounded, note });
  if (kept.length === 0) return none('No two arms differ in origin or disclosure design: no factor to estimate.');
  const design = present.map((arm) => [1, ...kept.map((column) => column.value(arm))]);

  const xtx: Matrix = design[0]!.map(() => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  present.forEach((arm, i) => {
    const x = design[i]!;
    for (let a = 0; a < p; a++) {
      xty[a]! += x[a]! * arm.sample.sum;
      for (let b = 0; b < p; b++) xtx[a]![b]! += arm.sample.n * x[a]! * x[b]!;
    }
  });
  const inverse = invert(xtx);
  if (!inverse) return none('The arms do not determine the factors: no model fitted.');
  const beta = inverse.map((row) => row.reduce((total, value, j) => total + value * xty[j]!, 0));

  // HC2's middle: Σ over visitors of x x' e² / (1 − h); within an arm x and h are constant, and
  // Σ e² = the arm's own sum of squares about its mean + n·(mean − fitted)².
  const meat: Matrix = design[0]!.map(() => new Array<number>(p).fill(0));
  present.forEach((arm, i) => {
    const x = design[i]!;
    const { n: count, sum, sumSquares } = arm.sample;
    const mean = sum / count;
    const fitted = x.reduce((total, value, j) => total + value * beta[j]!, 0);
    const squares = Math.max(0, sumSquares - sum * mean) + count * (mean - fitted) ** 2;
    const leverage = x.reduce((total, xa, a) => total + xa * x.reduce((inner, xb, b) => inner + inverse[a]![b]! * xb, 0), 0);
    const weight = squares / (1 - leverage);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) meat[a]![b]! += weight * x[a]! * x[b]!;
  });
  const variance = (j: number) => {
    let total = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) total += inverse[j]![a]! * meat[a]![b]! * inverse[b]![j]!;
    return total;
  };
  const terms = kept.map((column, index): FactorTerm => {
    const { name, factor, level, reference, label } = column;
    return { name, factor, level, reference, label, ...normalEffect(beta[index + 1]!, variance(index + 1), alpha) };
  });
  const note =
    `A linear model of the metric on ${factors.map((factor) => factor.name).join(', ')}` +
    (kept.some((column) => column.factor === 'origin × disclosure') ? ' and the origin × disclosure interaction' : '') +
    '; each term is the change against its reference level with the other factors held, with HC2 robust errors.' +
    (confounded.length > 0 ? ` Not separable with these arms: ${confounded.join('; ')}.` : '');
  return { available: true, errors: 'HC2', n, residualDf: n - p, factors, intercept: normalEffect(beta[0]!, variance(0), alpha), terms, confounded, note };
}

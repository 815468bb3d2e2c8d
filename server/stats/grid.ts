// The disclosure question: what origin (AI vs traditional) and disclosure (labelled vs not) each do
// to a metric, and whether disclosure's effect depends on origin. Arms that fill the 2×2 grid get the
// factorial analysis: two main effects (each averaged over the other factor with equal weights),
// their interaction (the difference in differences) and the four simple effects; otherwise the
// pairwise contrasts the arms allow. Every contrast is a linear combination of independent cell
// means, so its variance is Σ c²·Var(mean) and its interval normal (Montgomery, Design and
// Analysis of Experiments, 9th ed., §5.3; Angrist & Pischke, Mostly Harmless Econometrics, §5.2).
// Arms sharing a cell are pooled by adding their sums. Contrasts are not adjusted for
// multiplicity here: pass their p-values to multiple.ts.
import { normalEffect } from './effects.js';
import { armMoments, poolSamples } from './moments.js';
import { DEFAULT_ALPHA, type Effect, type MetricKind, type Sample } from './types.js';

/**
 * The origins the grid knows how to contrast. Declared here so the statistics import nothing of the
 * product; experiments' ORIGINS must fit it (the results' grid section passes a variant's origin
 * in, so a new origin there fails to compile until the grid learns it).
 */
export type Origin = 'ai' | 'traditional' | 'hybrid';

export interface GridArm {
  key: string;
  origin: Origin;
  disclosed: boolean;
  sample: Sample;
}

export interface GridCell {
  origin: Origin;
  disclosed: boolean;
  keys: string[];
  n: number;
  mean: number;
  standardError: number;
}

export interface Contrast extends Effect {
  /** Stable id: origin, disclosure, interaction, disclosure-within-<origin>, origin-when-disclosed, origin-when-undisclosed, origin-confounded. */
  name: string;
  label: string;
}

export interface GridResult {
  /** factorial: the 2×2 grid is complete; pairwise: only some contrasts; none: no contrast possible. */
  analysis: 'factorial' | 'pairwise' | 'none';
  cells: GridCell[];
  contrasts: Contrast[];
  /** A sentence on what applied and why. */
  note: string;
}

type Term = [GridCell, number];

function contrast(name: string, label: string, terms: Term[], alpha: number): Contrast {
  let estimate = 0;
  let variance = 0;
  for (const [cell, weight] of terms) {
    estimate += weight * cell.mean;
    variance += weight * weight * cell.standardError * cell.standardError;
  }
  return { name, label, ...normalEffect(estimate, variance, alpha) };
}

function buildCells(arms: readonly GridArm[], kind: MetricKind): GridCell[] {
  const cells: GridCell[] = [];
  for (const origin of ['ai', 'traditional', 'hybrid'] as const) {
    for (const disclosed of [true, false]) {
      const members = arms.filter((a) => a.origin === origin && a.disclosed === disclosed);
      if (members.length === 0) continue;
      const m = armMoments(poolSamples(members.map((a) => a.sample)), kind);
      cells.push({ origin, disclosed, keys: members.map((a) => a.key), n: m.n, mean: m.mean, standardError: Math.sqrt(m.varianceOfMean) });
    }
  }
  return cells;
}

const ORIGIN_LABEL: Record<Origin, string> = { ai: 'AI', traditional: 'traditional', hybrid: 'hybrid' };

export function analyseGrid(arms: readonly GridArm[], options: { kind?: MetricKind; alpha?: number } = {}): GridResult {
  const kind = options.kind ?? 'binary';
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const cells = buildCells(arms, kind);
  const cell = (origin: Origin, disclosed: boolean): GridCell | undefined => cells.find((c) => c.origin === origin && c.disclosed === disclosed);
  const aiD = cell('ai', true);
  const aiN = cell('ai', false);
  const trD = cell('traditional', true);
  const trN = cell('traditional', false);
  const contrasts: Contrast[] = [];

  if (aiD && aiN && trD && trN) {
    contrasts.push(
      contrast('origin', 'AI vs traditional (main effect)', [[aiD, 0.5], [aiN, 0.5], [trD, -0.5], [trN, -0.5]], alpha),
      contrast('disclosure', 'disclosed vs not (main effect)', [[aiD, 0.5], [trD, 0.5], [aiN, -0.5], [trN, -0.5]], alpha),
      contrast('interaction', 'disclosure effect on AI minus on traditional (difference in differences)', [[aiD, 1], [aiN, -1], [trD, -1], [trN, 1]], alpha),
    );
  }
  for (const origin of ['ai', 'traditional', 'hybrid'] as const) {
    const d = cell(origin, true);
    const n = cell(origin, false);
    if (d && n) contrasts.push(contrast(`disclosure-within-${origin}`, `disclosed vs not, ${ORIGIN_LABEL[origin]} creatives`, [[d, 1], [n, -1]], alpha));
  }
  if (aiD && trD) contrasts.push(contrast('origin-when-disclosed', 'AI vs traditional, both disclosed', [[aiD, 1], [trD, -1]], alpha));
  if (aiN && trN) contrasts.push(contrast('origin-when-undisclosed', 'AI vs traditional, neither disclosed', [[aiN, 1], [trN, -1]], alpha));

  const factorial = contrasts.some((c) => c.name === 'interaction');
  if (!factorial && !contrasts.some((c) => c.name.startsWith('origin-'))) {
    // AI and traditional arms exist only at different disclosure levels: the two factors move together.
    const ai = aiD ?? aiN;
    const tr = trD ?? trN;
    if (ai && tr) {
      const label = `AI (${ai.disclosed ? 'disclosed' : 'not disclosed'}) vs traditional (${tr.disclosed ? 'disclosed' : 'not disclosed'}): origin and disclosure confounded`;
      contrasts.push(contrast('origin-confounded', label, [[ai, 1], [tr, -1]], alpha));
    }
  }

  const analysis = factorial ? 'factorial' : contrasts.length > 0 ? 'pairwise' : 'none';
  const note =
    analysis === 'factorial'
      ? 'The arms fill the origin × disclosure grid: main effects, interaction and simple effects.'
      : analysis === 'pairwise'
        ? 'The arms do not fill the origin × disclosure grid: only the pairwise contrasts they allow.'
        : 'No two arms differ in origin or disclosure alone: no contrast applies.';
  return { analysis, cells, contrasts, note };
}

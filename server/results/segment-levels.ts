// From the sums per segment cell to the sums per level of one dimension, or per stratum of several
// crossed dimensions (pure). A cell names every dimension the visitor had; a level's sums are
// those of every cell with that level. Visitors with no segment at all have no cell: their share
// of an arm is the arm's total minus its cells, kept as the stratum "unknown" so that an adjusted
// figure covers the same visitors as the raw one.
import type { MetricName } from '../metrics/registry.js';
import { decodeCell } from '../segments/cell.js';
import { addSums, type Sums } from '../stats/index.js';

/** variantId → cell → metric → sums, as read-segment-sums.ts gives them. */
export type CellSums = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<MetricName, Sums>>>;

/**
 * Cells decoded once: a document groups the same few dozen cells by level and by stratum a few
 * hundred times. Bounded, since cells are open-ended (an import's columns).
 */
const decodedCells = new Map<string, Readonly<Record<string, string>>>();
const DECODED_CELLS_KEPT = 4096;

function levelsOf(cell: string): Readonly<Record<string, string>> {
  let levels = decodedCells.get(cell);
  if (!levels) {
    if (decodedCells.size >= DECODED_CELLS_KEPT) decodedCells.clear();
    decodedCells.set(cell, (levels = decodeCell(cell)));
  }
  return levels;
}

/** The level a visitor without the dimension (or with no segment at all) falls in. */
export const UNKNOWN_LEVEL = 'unknown';

export interface Dimension {
  name: string;
  /** Levels in a stable order: the vocabulary's for the snippet's dimensions, else alphabetical. */
  levels: string[];
}

/** Every dimension some cell names, with the levels seen, in the order given, then the rest alphabetically. */
export function dimensionsOf(cells: CellSums, preferred: Readonly<Record<string, readonly string[]>>): Dimension[] {
  const seen = new Map<string, Set<string>>();
  for (const byCell of cells.values()) {
    for (const cell of byCell.keys()) {
      for (const [name, level] of Object.entries(levelsOf(cell))) {
        if (!seen.has(name)) seen.set(name, new Set());
        seen.get(name)!.add(level);
      }
    }
  }
  const order = (name: string): number => {
    const index = Object.keys(preferred).indexOf(name);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...seen.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([name, levels]) => {
      const known = preferred[name] ?? [];
      return {
        name,
        levels: [...levels].sort((a, b) => rank(known, a) - rank(known, b) || a.localeCompare(b, 'en', { numeric: true })),
      };
    });
}

function rank(known: readonly string[], level: string): number {
  const index = known.indexOf(level);
  return index < 0 ? known.length : index;
}

/**
 * One arm's sums of a metric per stratum of the given dimensions (a stratum's key joins its
 * levels with " × "), with visitors whose cell lacks one of them in that dimension's "unknown"
 * level, and visitors with no cell at all in the all-unknown stratum (from the arm's total).
 */
export function strataSums(byCell: ReadonlyMap<string, ReadonlyMap<MetricName, Sums>> | undefined, dimensions: readonly string[], metric: MetricName, armTotal: Sums): ReadonlyMap<string, Sums> {
  if (!byCell) return groupStrata(byCell, dimensions, metric, armTotal);
  // The sections ask for the same arm, metric and dimensions many times over (the control once per
  // treatment, each level count again): answered once per read of the cells, which this map is.
  let kept = strataKept.get(byCell);
  if (!kept) strataKept.set(byCell, (kept = new Map()));
  const key = `${dimensions.join('\u0000')}\u0001${metric}\u0001${armTotal.n},${armTotal.sumX},${armTotal.sumX2},${armTotal.sumY},${armTotal.sumY2},${armTotal.sumXy}`;
  let strata = kept.get(key);
  if (!strata) kept.set(key, (strata = groupStrata(byCell, dimensions, metric, armTotal)));
  return strata;
}

const strataKept = new WeakMap<object, Map<string, ReadonlyMap<string, Sums>>>();

function groupStrata(byCell: ReadonlyMap<string, ReadonlyMap<MetricName, Sums>> | undefined, dimensions: readonly string[], metric: MetricName, armTotal: Sums): Map<string, Sums> {
  const strata = new Map<string, Sums>();
  const covered: Sums[] = [];
  for (const [cell, metrics] of byCell ?? []) {
    const sums = metrics.get(metric);
    if (!sums) continue;
    covered.push(sums);
    const levels = levelsOf(cell);
    const key = dimensions.map((name) => levels[name] ?? UNKNOWN_LEVEL).join(' × ');
    strata.set(key, addSums([strata.get(key) ?? addSums([]), sums]));
  }
  const rest = subtract(armTotal, addSums(covered));
  if (rest.n > 0) {
    const key = dimensions.map(() => UNKNOWN_LEVEL).join(' × ');
    strata.set(key, addSums([strata.get(key) ?? addSums([]), rest]));
  }
  return strata;
}

/** a − b, field by field; a count that rounding leaves within 1e-9 of zero is zero. */
function subtract(a: Sums, b: Sums): Sums {
  const clean = (value: number) => (Math.abs(value) < 1e-9 ? 0 : value);
  return {
    n: Math.round(a.n - b.n),
    sumX: clean(a.sumX - b.sumX),
    sumX2: clean(a.sumX2 - b.sumX2),
    sumY: clean(a.sumY - b.sumY),
    sumY2: clean(a.sumY2 - b.sumY2),
    sumXy: clean(a.sumXy - b.sumXy),
  };
}

// The in-process micro-benchmark of the pure assignment function: assignVariant over a million
// distinct visitor ids, against a loop that only builds the same id strings.
import { assignVariant } from '../server/assign/index.js';

export interface AssignResult {
  ids: number;
  idShape: string;
  rounds: number;
  baselinePerSecond: number;
  assignPerSecond: number;
  /** Wall time per assignment, building the id included. */
  grossNs: number;
  /** The same, less the time the baseline loop spends building the id. */
  netNs: number;
}

const IDS = 1_000_000;
const ROUNDS = 5;
// What the seeded bench experiment looks like: three arms, everyone enrolled.
const EXPERIMENT = { seed: 'Zq3v9Xk2LmN8pR4t', coverage: 1, weights: [1, 1, 1] } as const;

// Each loop folds its work into a number that is returned, so the JIT cannot drop the work.
function buildIds(): number {
  let sink = 0;
  for (let i = 0; i < IDS; i++) {
    const id = 'visitor-' + i;
    sink += id.length;
  }
  return sink;
}

function assignAll(): number {
  let sink = 0;
  for (let i = 0; i < IDS; i++) {
    const id = 'visitor-' + i;
    sink += assignVariant(EXPERIMENT, id);
  }
  return sink;
}

function timeMs(loop: () => number): number {
  const start = process.hrtime.bigint();
  const sink = loop();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (!Number.isFinite(sink)) throw new Error('the loop produced no result');
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One round of each to warm up the JIT, then ROUNDS alternating rounds; medians are kept. */
export function benchAssign(): AssignResult {
  timeMs(buildIds);
  timeMs(assignAll);
  const baseline: number[] = [];
  const assign: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(timeMs(buildIds));
    assign.push(timeMs(assignAll));
  }
  const baselineMs = median(baseline);
  const assignMs = median(assign);
  return {
    ids: IDS,
    idShape: `visitor-<n>, ${'visitor-0'.length}–${`visitor-${IDS - 1}`.length} characters`,
    rounds: ROUNDS,
    baselinePerSecond: IDS / (baselineMs / 1000),
    assignPerSecond: IDS / (assignMs / 1000),
    grossNs: (assignMs * 1e6) / IDS,
    netNs: ((assignMs - baselineMs) * 1e6) / IDS,
  };
}

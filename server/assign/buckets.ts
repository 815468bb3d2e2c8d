// Turns experiment weights and coverage into bucket ranges and picks a visitor's arm.
import { hashV2 } from './hash.js';

export function bucketRanges(weights: readonly number[], coverage: number): Array<[number, number]> {
  // Written so NaN falls to 0: a broken coverage value enrols nobody instead of
  // producing NaN range ends.
  const c = !(coverage > 0) ? 0 : coverage > 1 ? 1 : coverage;
  let total = 0;
  for (const w of weights) total += w;
  let start = 0;
  return weights.map((w) => {
    const share = w / total;
    const range: [number, number] = [start, start + c * share];
    // Starts advance by the full share, not the covered part, so raising coverage
    // only widens ranges and never moves a visitor who is already in an arm.
    start += share;
    return range;
  });
}

export function chooseVariant(n: number, ranges: ReadonlyArray<readonly [number, number]>): number {
  return ranges.findIndex((r) => n >= r[0] && n < r[1]);
}

export function assignVariant(
  experiment: { seed: string; coverage: number; weights: readonly number[] },
  visitorId: string,
): number {
  return chooseVariant(
    hashV2(experiment.seed, visitorId),
    bucketRanges(experiment.weights, experiment.coverage),
  );
}

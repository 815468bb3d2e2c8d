// How each arm's visitors spread (pure): the trust answers 1–5, yes and no to "noticed", and how
// far into the video they got. From readDistributions' counts, in the experiment's variant order,
// with an arm no visitor has reached given zeros rather than left out.
import type { Experiment } from '../experiments/model.js';
import { WATCH_MARKS, type DistributionRow, type WatchMark } from './read-distributions.js';

export interface TrustDistribution {
  variant: string;
  /** counts[k − 1]: answering visitors whose mean trust, rounded half up, is k. */
  counts: [number, number, number, number, number];
  /** Every visitor with a trust answer: the n of the trust metric. */
  answered: number;
  /** Answered, but with a mean outside 0.5–5.5, so in no bar: only an imported file can hold one. */
  outOfScale: number;
}

export interface NoticedDistribution {
  variant: string;
  /** Answered the noticed question, saying yes at least once. */
  yes: number;
  /** Answered it, saying only no. */
  no: number;
}

export interface VideoDistribution {
  variant: string;
  exposed: number;
  started: number;
  /** Of the exposed visitors, how many got at least this far (a share of the video, %). */
  reached: Record<WatchMark, number>;
}

export interface Distributions {
  trust: TrustDistribution[];
  noticed: NoticedDistribution[];
  video: VideoDistribution[];
}

/** GET /api/experiments/:id/distributions. */
export interface DistributionsDocument extends Distributions {
  experimentId: string;
  /** When these counts were read (the app's clock); the route reuses them for 100× their cost. */
  generatedAt: number;
}

export function buildDistributions(experiment: Pick<Experiment, 'variants'>, rows: readonly DistributionRow[]): Distributions {
  const byVariant = new Map(rows.map((row) => [row.variantId, row]));
  const arms = experiment.variants.map((variant) => ({ key: variant.key, row: byVariant.get(variant.id) ?? emptyRow(variant.id) }));
  return {
    trust: arms.map(({ key, row }) => {
      const inBars = row.trust.reduce((a, b) => a + b, 0);
      return { variant: key, counts: [...row.trust], answered: row.trustAnswered, outOfScale: row.trustAnswered - inBars };
    }),
    noticed: arms.map(({ key, row }) => ({ variant: key, yes: row.noticedYes, no: row.noticedNo })),
    video: arms.map(({ key, row }) => ({ variant: key, exposed: row.exposed, started: row.started, reached: { ...row.reached } })),
  };
}

function emptyRow(variantId: string): DistributionRow {
  const reached = Object.fromEntries(WATCH_MARKS.map((mark) => [mark, 0])) as Record<WatchMark, number>;
  return { variantId, exposed: 0, trust: [0, 0, 0, 0, 0], trustAnswered: 0, noticedYes: 0, noticedNo: 0, started: 0, reached };
}

// The counts behind lift by days since first exposure, kept in the daily sums under internal
// names (pure), as the distribution counts are: a visitor whose first click, add-to-cart or
// purchase came d whole days after their first exposure adds x = 1 to `since:<metric>:<d>` of
// their cohort (exposure) day. Not metrics: results/read-sums.ts reads METRIC_NAMES only, and
// results/read-novelty-sums.ts reads these.
import type { Fact } from './facts.js';

/** The conversions followed by days since exposure, each with the fact field of its first day. */
export const SINCE_FIELDS = { clicked: 'clickedDay', added_to_cart: 'cartedDay', purchased: 'purchasedDay' } as const satisfies Record<string, keyof Fact>;
export type SinceConversion = keyof typeof SINCE_FIELDS;
export const SINCE_CONVERSIONS = Object.keys(SINCE_FIELDS) as SinceConversion[];

/** Days 0 to 13 after the first exposure: two weeks show a novelty fading; later days are not kept. */
export const SINCE_DAYS = 14;

export type SinceMetric = `since:${SinceConversion}:${number}`;
/** Metric names are identifiers (snake_case), which cannot hold the ":" of these. */
export const SINCE_PREFIX = 'since:';

export function sinceMetric(conversion: SinceConversion, daysSince: number): SinceMetric {
  return `since:${conversion}:${daysSince}`;
}

/** Every row name, in conversion then day order: what the reader asks for. */
export const SINCE_METRICS: readonly SinceMetric[] = SINCE_CONVERSIONS.flatMap((conversion) =>
  Array.from({ length: SINCE_DAYS }, (_, day) => sinceMetric(conversion, day)),
);

/** The since rows a fact adds to (x = 1 each): one per conversion first reached within the kept days. */
export function sinceMetrics(fact: Pick<Fact, 'clickedDay' | 'cartedDay' | 'purchasedDay'>): SinceMetric[] {
  const out: SinceMetric[] = [];
  for (const conversion of SINCE_CONVERSIONS) {
    const day = fact[SINCE_FIELDS[conversion]];
    if (day !== null && day >= 0 && day < SINCE_DAYS) out.push(sinceMetric(conversion, day));
  }
  return out;
}

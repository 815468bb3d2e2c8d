// fast-check generators of stored facts as ingestion or an import can leave them: means on and
// just off the half-point boundaries, shares just under and at each video mark, marks without
// the started flag (an import that mapped only watch_pct), noticed unanswered, yes or no.
import fc from 'fast-check';
import type { Fact } from '../../server/collect/facts.js';
import { DAY_MS } from '../../server/collect/vocabulary.js';

export interface FactShape {
  experimentId: string;
  variantIds: readonly string[];
  days: readonly number[];
}

/** Collected: 1–4 whole answers of 1–5, summed. Imported: one mean, any number, or one at a boundary. */
const trustArb = fc.oneof(
  fc.constant({ trustSum: 0, trustAnswers: 0 }),
  fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }).map((answers) => ({ trustSum: answers.reduce((a, b) => a + b, 0), trustAnswers: answers.length })),
  fc.constantFrom(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 0.49999999999999994, 2.4999999999999996, 4.49, 5.499999999999999, 0, -1, 7).map((mean) => ({ trustSum: mean, trustAnswers: 1 })),
  fc.double({ min: -2, max: 8, noNaN: true }).map((mean) => ({ trustSum: mean, trustAnswers: 1 })),
);

const watchArb = fc.oneof(fc.constantFrom(0, 0.01, 24.999, 25, 49.9, 50, 74.99, 75, 99.9, 100, 130, -3), fc.double({ min: -10, max: 200, noNaN: true }));

export function factArb({ experimentId, variantIds, days }: FactShape): fc.Arbitrary<Omit<Fact, 'visitorId'>> {
  return fc
    .record({
      variantId: fc.constantFrom(...variantIds),
      day: fc.constantFrom(...days),
      offset: fc.integer({ min: 0, max: DAY_MS - 1 }),
      trust: trustArb,
      noticedDisclosure: fc.constantFrom(null, 0, 1),
      videoStarted: fc.constantFrom(0, 1),
      watchPct: watchArb,
      videoCompleted: fc.constantFrom(0, 0, 0, 1),
      viewable: fc.constantFrom(0, 1),
      clicks: fc.nat({ max: 3 }),
      exposures: fc.integer({ min: 1, max: 4 }),
      purchased: fc.constantFrom(0, 1),
      revenue: fc.constantFrom(0, 12.5, 99),
    })
    .map(({ day, offset, trust, purchased, revenue, ...rest }) => ({
      ...rest,
      ...trust,
      experimentId,
      siteId: 'site',
      firstExposureAt: day * DAY_MS + offset,
      exposureDay: day,
      addedToCart: purchased,
      purchased,
      revenue: purchased ? revenue : 0,
      answeredSurvey: trust.trustAnswers > 0 || rest.noticedDisclosure !== null ? 1 : 0,
      segment: '',
      revenueCap: null,
      clickedDay: null,
      cartedDay: null,
      purchasedDay: null,
    }));
}

/** `count` facts of one experiment, each with a visitor id of its own. */
export function factsArb(shape: FactShape, count: { minLength?: number; maxLength: number }): fc.Arbitrary<Fact[]> {
  return fc.array(factArb(shape), count).map((facts) => facts.map((fact, index) => ({ ...fact, visitorId: `visitor-${index}` })));
}

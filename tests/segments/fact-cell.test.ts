// A fact's segment cell: fixed by its first exposure's props and the visitor id, whatever order
// the events come in; a level outside the closed sets leaves its dimension unknown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFact, sameFact, type ExperimentWindow, type FactEvent } from '../../server/collect/facts.js';
import { decodeCell } from '../../server/segments/cell.js';
import { exposureCell } from '../../server/segments/fact-cell.js';

const experiment: ExperimentWindow = { id: 'exp', siteId: 'site', stoppedAt: null };
const T0 = 1_790_000_000_000;
/** A UUIDv7 made two hours before T0: a returning visitor at T0. */
const RETURNING = (T0 - 7_200_000).toString(16).padStart(12, '0') + '7abc8def0123456789ab';

const propsArb = fc.option(
  fc.record(
    { device: fc.constantFrom('mobile', 'tablet', 'desktop', 'phone', 'MOBILE', 3), source: fc.constantFrom('direct', 'search', 'paid', 'email', 'google.com', true) },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

const eventArb: fc.Arbitrary<FactEvent> = fc
  .record({ id: fc.uuid(), exposure: fc.boolean(), offset: fc.integer({ min: -5000, max: 5000 }), props: propsArb })
  .map(({ id, exposure, offset, props }) => ({
    id,
    type: exposure ? 'exposure' : 'click',
    experimentId: 'exp',
    variantId: 'arm-a',
    ts: T0 + offset,
    receivedAt: T0 + 60_000,
    value: null,
    name: null,
    props: props === undefined ? null : JSON.stringify(props),
  }));

describe('a fact\'s segment cell', () => {
  it('takes device and source from the first exposure\'s props and visit from the id', () => {
    expect(exposureCell(RETURNING, T0, JSON.stringify({ device: 'mobile', source: 'email' }))).toBe('device=mobile&source=email&visit=returning');
    expect(exposureCell('visitor-1', T0, JSON.stringify({ device: 'tablet' }))).toBe('device=tablet');
    expect(exposureCell('visitor-1', T0, JSON.stringify({ device: 'phone', source: 'google.com', extra: 'x' }))).toBe('');
    expect(exposureCell('visitor-1', T0, null)).toBe('');
    expect(exposureCell('visitor-1', T0, 'not json')).toBe('');
  });

  it('is the earliest exposure\'s, in any order of the events', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 20 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))), ([events, shuffled]) => {
        const a = buildFact(experiment, RETURNING, events);
        const b = buildFact(experiment, RETURNING, shuffled);
        expect(a === null).toBe(b === null);
        if (!a || !b) return;
        expect(sameFact(a, b, 0)).toBe(true);
        const first = events.filter((e) => e.type === 'exposure').sort((x, y) => x.ts - y.ts || (x.id < y.id ? -1 : 1))[0]!;
        const props = first.props ? JSON.parse(first.props) : {};
        const levels = decodeCell(a.segment);
        expect(levels.visit).toBe('returning');
        expect(levels.device).toBe(['mobile', 'tablet', 'desktop'].includes(props.device) ? props.device : undefined);
        expect(levels.source).toBe(['direct', 'search', 'paid', 'email'].includes(props.source) ? props.source : undefined);
      }),
    );
  });
});

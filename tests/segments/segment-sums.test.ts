// segment_sums as the writer keeps them: after any batches of events (earlier exposures with other
// props arriving late included), they equal the sums of the stored facts per cell, `verify`
// agrees, an erasure rewrites the cells the visitor was in, and every commit that moved the sums
// moved the experiment's sums version.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { withoutUpdatedAt } from '../../server/collect/facts.js';
import { addSegmentChange, nonZeroSegmentRows, type SegmentDeltas } from '../../server/segments/segment-sums.js';
import { readSegmentSums } from '../../server/results/read-segment-sums.js';
import type { Db } from '../../server/db/connect.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, event, runningSetup, send } from '../collect/helpers.js';

const HOUR = 3_600_000;

/** A UUIDv7 (32 hex digits) made at `at`, as the snippet makes them. */
function uuidV7At(at: number, salt: number): string {
  return at.toString(16).padStart(12, '0') + '7' + salt.toString(16).padStart(3, '0') + '8' + '0'.repeat(15);
}

const propsArb = fc.option(
  fc.record({ device: fc.constantFrom('mobile', 'tablet', 'desktop', 'watch'), source: fc.constantFrom('direct', 'search', 'social', 'email', 'paid', 'referral', 'tv') }, { requiredKeys: [] }),
  { nil: undefined },
);

const stepArb = fc.record({
  visitor: fc.nat({ max: 5 }),
  kind: fc.constantFrom('exposure', 'exposure', 'click', 'viewable', 'purchase', 'add_to_cart'),
  /** Hours before now: a late exposure may be earlier than the stored first one. */
  hoursAgo: fc.integer({ min: 0, max: 72 }),
  value: fc.integer({ min: 1, max: 300 }),
  props: propsArb,
});

async function segmentRowsOf(db: Db, experimentId: string) {
  const rows = await db.selectFrom('segmentSums').selectAll().where('experimentId', '=', experimentId).execute();
  return rows.filter((row) => Number(row.n) !== 0).map((row) => ({ ...row, n: Number(row.n) }));
}

async function expectedRowsOf(db: Db, experimentId: string) {
  const facts = await db.selectFrom('visitorFacts').selectAll().where('experimentId', '=', experimentId).execute();
  const deltas: SegmentDeltas = new Map();
  for (const fact of facts) addSegmentChange(deltas, null, withoutUpdatedAt(fact));
  return nonZeroSegmentRows(deltas);
}

function expectSameRows(stored: Awaited<ReturnType<typeof segmentRowsOf>>, expected: Awaited<ReturnType<typeof expectedRowsOf>>) {
  const key = (row: { variantId: string; segment: string; metric: string }) => `${row.variantId} ${row.segment} ${row.metric}`;
  const byKey = new Map(expected.map((row) => [key(row), row]));
  expect(stored.map(key).sort()).toEqual([...byKey.keys()].sort());
  for (const row of stored) {
    const want = byKey.get(key(row))!;
    for (const field of ['n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'] as const) expect(row[field]).toBeCloseTo(want[field], 6);
  }
}

async function sumsVersion(db: Db, experimentId: string): Promise<number> {
  const row = await db.selectFrom('experiments').select('sumsVersion').where('id', '=', experimentId).executeTakeFirstOrThrow();
  return Number(row.sumsVersion);
}

async function sendSteps(t: TestApp, site: any, experiment: any, visitors: string[], steps: Array<typeof stepArb extends fc.Arbitrary<infer T> ? T : never>, order: number) {
  const byVisitor = new Map<string, unknown[]>();
  steps.forEach((step, i) => {
    const visitor = visitors[step.visitor]!;
    const ts = t.clock.now - step.hoursAgo * HOUR - i;
    const made =
      step.kind === 'exposure'
        ? armEvent(experiment, visitor, 'exposure', ts, step.props ? { props: step.props } : {})
        : step.kind === 'purchase'
          ? event('purchase', ts, { value: step.value, order: `order-${order}-${i}-${visitor}` })
          : step.kind === 'add_to_cart'
            ? event('add_to_cart', ts)
            : armEvent(experiment, visitor, step.kind, ts);
    byVisitor.set(visitor, [...(byVisitor.get(visitor) ?? []), made]);
  });
  for (const [visitor, events] of byVisitor) {
    const reply = await send(t, site, visitor, events);
    expect(reply.status, JSON.stringify(reply.body)).toBe(202);
  }
}

describeEachDialect('segment sums', (database) => {
  it('equal the sums of the stored facts per cell after any batches of events, and verify agrees', async () => {
    const t = buildTestApp(database());
    const db = database().db;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(stepArb, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }), async (batches) => {
        run++;
        const { site, experiment } = await runningSetup(t, { key: `seg-${run}` });
        const now = t.clock.now;
        // New and returning UUIDv7 visitors, and ids that tell nothing of their age.
        const visitors = [uuidV7At(now - 80 * HOUR, run), uuidV7At(now - 100 * HOUR, run + 1), uuidV7At(now - 50 * HOUR, run + 2), `plain-${run}-a`, `plain-${run}-b`, uuidV7At(now - 73 * HOUR, run + 3)];
        let version = await sumsVersion(db, experiment.id);
        for (const [order, steps] of batches.entries()) {
          const before = await segmentRowsOf(db, experiment.id);
          const daily = await db.selectFrom('variantDailySums').selectAll().where('experimentId', '=', experiment.id).execute();
          await sendSteps(t, site, experiment, visitors, steps, order);
          expectSameRows(await segmentRowsOf(db, experiment.id), await expectedRowsOf(db, experiment.id));
          const after = await segmentRowsOf(db, experiment.id);
          const dailyAfter = await db.selectFrom('variantDailySums').selectAll().where('experimentId', '=', experiment.id).execute();
          const changed = JSON.stringify(before) !== JSON.stringify(after) || JSON.stringify(daily) !== JSON.stringify(dailyAfter);
          const next = await sumsVersion(db, experiment.id);
          if (changed) expect(next).toBeGreaterThan(version);
          version = next;
        }
        const report = await verifyConsistency(db);
        expect(report.segmentSumDifferences).toEqual([]);
        expect(report.factDifferences).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('are rewritten from the facts when a visitor is erased, and the reader gives them by arm and cell', async () => {
    const t = buildTestApp(database());
    const db = database().db;
    const { site, experiment } = await runningSetup(t);
    const now = t.clock.now;
    const visitors = Array.from({ length: 6 }, (_, i) => uuidV7At(now - (i % 2 ? 2 : 200) * HOUR, i));
    for (const [i, visitor] of visitors.entries()) {
      await send(t, site, visitor, [
        armEvent(experiment, visitor, 'exposure', now - HOUR, { props: { device: i < 3 ? 'mobile' : 'desktop', source: 'search' } }),
        armEvent(experiment, visitor, 'click', now - HOUR + 1000),
        event('purchase', now - HOUR + 2000, { value: 1e12 + i, order: `o-${i}` }),
      ]);
    }
    const version = await sumsVersion(db, experiment.id);
    const reply = await t.call('DELETE', `/api/visitors/${visitors[0]}`);
    expect(reply.body.deletedFacts).toBe(1);
    expectSameRows(await segmentRowsOf(db, experiment.id), await expectedRowsOf(db, experiment.id));
    expect(await sumsVersion(db, experiment.id)).toBeGreaterThan(version);
    const report = await verifyConsistency(db);
    expect([...report.factDifferences, ...report.sumDifferences, ...report.segmentSumDifferences]).toEqual([]);

    const { cells } = await readSegmentSums(db, experiment.id);
    let visitorsSeen = 0;
    for (const [variantId, byCell] of cells) {
      expect(experiment.variants.map((v: { id: string }) => v.id)).toContain(variantId);
      for (const [cell, byMetric] of byCell) {
        expect(cell).toMatch(/^device=(mobile|desktop)&source=search&visit=(new|returning)$/);
        visitorsSeen += byMetric.get('viewable')!.n;
        expect(byMetric.get('revenue')!.n).toBe(byMetric.get('viewable')!.n);
      }
    }
    expect(visitorsSeen).toBe(5);
  });

  it('keep no rows for a fact whose cell is unknown, and flag a tampered row in verify', async () => {
    const t = buildTestApp(database());
    const db = database().db;
    const { site, experiment } = await runningSetup(t);
    await send(t, site, 'plain-visitor', [armEvent(experiment, 'plain-visitor', 'exposure', t.clock.now - 1000)]);
    const known = uuidV7At(t.clock.now - 1000, 7);
    await send(t, site, known, [armEvent(experiment, known, 'exposure', t.clock.now - 1000, { props: { device: 'tablet' } })]);
    const rows = await segmentRowsOf(db, experiment.id);
    expect(new Set(rows.map((row) => row.segment))).toEqual(new Set(['device=tablet&visit=new']));
    expect((await db.selectFrom('visitorFacts').select('segment').where('visitorId', '=', known).executeTakeFirstOrThrow()).segment).toBe('device=tablet&visit=new');
    await db.updateTable('segmentSums').set((eb) => ({ n: eb('n', '+', 1) })).where('metric', '=', 'clicked').execute();
    const report = await verifyConsistency(db);
    expect(report.segmentSumDifferences.map((d) => [d.segment, d.metric])).toEqual([['device=tablet&visit=new', 'clicked']]);
  });
});

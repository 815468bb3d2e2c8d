// The revenue cap on a real app with events sent through /v1/events: a value cap in force from
// the first start, a percentile cap fixed from the control arm's buyers once its first days are
// over (idempotent, once however many checks run at once), the capped sums equal to a rebuild from
// the facts, verify in agreement, and the results stating the cap.
import { expect, it } from 'vitest';
import { capLeftoverFacts, fixDueRevenueCaps } from '../../server/collect/fix-revenue-caps.js';
import { addFactChange, nonZeroRows, type SumDeltas } from '../../server/collect/sums.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { DAY_MS } from '../../server/collect/vocabulary.js';
import type { Db } from '../../server/db/connect.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, armOf, event, runningSetup, send } from './helpers.js';

const HOUR = 3_600_000;

/** `count` visitor ids of the control arm, or of the other arm, as the hash assigns them. */
function visitorsOf(experiment: any, control: boolean, count: number, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const id = `${prefix}-${i}`;
    if (armOf(experiment, id).control === control) out.push(id);
  }
  return out;
}

/** An exposure at `exposedAt` and, when `revenue` is given, a purchase of it at `boughtAt`. */
async function visit(t: TestApp, site: any, experiment: any, visitor: string, exposedAt: number, revenue?: number, boughtAt = exposedAt + HOUR) {
  const events = [armEvent(experiment, visitor, 'exposure', exposedAt)];
  if (revenue !== undefined) events.push(event('purchase', boughtAt, { value: revenue, order: `order-${visitor}` }));
  const reply = await send(t, site, visitor, events);
  expect(reply.status, JSON.stringify(reply.body)).toBe(202);
}

/** The revenue_capped rows as stored, and as the stored facts sum to. */
async function cappedRows(db: Db) {
  const stored = await db.selectFrom('variantDailySums').selectAll().where('metric', '=', 'revenue_capped').execute();
  const expected: SumDeltas = new Map();
  for (const { updatedAt: _, ...fact } of await db.selectFrom('visitorFacts').selectAll().execute()) addFactChange(expected, null, fact);
  const shape = (row: { variantId: string; day: number; n: number; sumX: number; sumX2: number }) => ({ key: `${row.variantId} ${row.day}`, n: Number(row.n), sumX: row.sumX, sumX2: row.sumX2 });
  const order = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
  return {
    stored: stored.map(shape).sort(order),
    expected: nonZeroRows(expected).filter((row) => row.metric === 'revenue_capped').map(shape).sort(order),
  };
}

async function expectConsistent(db: Db) {
  const rows = await cappedRows(db);
  expect(rows.stored.length).toBeGreaterThan(0);
  expect(rows.stored.map((row) => [row.key, row.n])).toEqual(rows.expected.map((row) => [row.key, row.n]));
  rows.stored.forEach((row, i) => {
    expect(row.sumX).toBeCloseTo(rows.expected[i]!.sumX, 6);
    expect(row.sumX2).toBeCloseTo(rows.expected[i]!.sumX2, 4);
  });
  const report = await verifyConsistency(db);
  expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
}

const PERCENTILE_CAP = { kind: 'percentile', percentile: 90, days: 2 };

describeEachDialect('the revenue cap', (database, dialect) => {
  it('caps every fact at a value cap from the first start, and sums the capped revenue', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await runningSetup(t, { revenueCap: { kind: 'value', value: 50 } });
    expect(experiment).toMatchObject({ revenueCapValue: 50, revenueCapFixedAt: experiment.startedAt });
    const db = database().db;
    for (let i = 0; i < 8; i++) await visit(t, site, experiment, `visitor-${i}`, t.clock.now - 2 * DAY_MS, i % 4 === 3 ? undefined : 20 + 15 * i);
    const facts = await db.selectFrom('visitorFacts').select(['revenue', 'revenueCap']).execute();
    expect(facts.every((fact) => fact.revenueCap === 50)).toBe(true);
    const rows = await cappedRows(db);
    expect(rows.stored.reduce((sum, row) => sum + row.sumX, 0)).toBeCloseTo(facts.reduce((sum, fact) => sum + Math.min(fact.revenue, 50), 0), 9);
    await expectConsistent(db);

    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    expect(doc.revenueCap).toMatchObject({ kind: 'value', value: 50, percentile: null, days: null, fixedAt: experiment.startedAt });
    expect(doc.revenueCap.statement).toMatch(/^Revenue per visitor is capped at 50\.00, a value fixed before the start/);
    const capped = doc.metrics.find((metric: { metric: string }) => metric.metric === 'revenue_capped');
    expect(capped).toMatchObject({ label: 'revenue per visitor, capped', role: 'secondary' });
    expect(capped.arms.reduce((sum: number, arm: { n: number }) => sum + arm.n, 0)).toBe(8);
  });

  it('fixes a percentile cap from the control arm\'s buyers of the first days, once, however many checks run', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await runningSetup(t, { revenueCap: PERCENTILE_CAP });
    const start: number = experiment.startedAt;
    const db = database().db;
    const control = visitorsOf(experiment, true, 8, 'c');
    const other = visitorsOf(experiment, false, 3, 't');
    // Control buyers of the first two days: 10, 20, 30, 40, 500, and 60 bought on day 4 by a visitor of day 1.
    const firstDays: Array<[string, number, number | undefined]> = [
      [control[0]!, start + HOUR, 10],
      [control[1]!, start + 5 * HOUR, 20],
      [control[2]!, start + DAY_MS, 30],
      [control[3]!, start + DAY_MS + HOUR, 40],
      [control[4]!, start + 2 * DAY_MS - HOUR, 500],
      [control[5]!, start + 3 * HOUR, undefined],
      [other[0]!, start + 2 * HOUR, 5000],
      [other[1]!, start + DAY_MS, 15],
    ];
    for (const [visitor, at, revenue] of firstDays) await visit(t, site, experiment, visitor, at, revenue);
    await visit(t, site, experiment, control[6]!, start + DAY_MS + 2 * HOUR, 60, start + 4 * DAY_MS);
    // Exposed on day 3: not of the first days, whatever they spend.
    await visit(t, site, experiment, control[7]!, start + 3 * DAY_MS, 10_000);

    expect(await fixDueRevenueCaps(db, dialect, start + 2 * DAY_MS - 1)).toEqual([
      { experimentId: experiment.id, state: 'waiting', reason: 'first-days', dueAt: start + 2 * DAY_MS },
    ]);
    expect((await db.selectFrom('visitorFacts').select('revenueCap').execute()).every((fact) => fact.revenueCap === null)).toBe(true);
    expect(await db.selectFrom('variantDailySums').selectAll().where('metric', '=', 'revenue_capped').execute()).toEqual([]);

    // numpy.percentile([10, 20, 30, 40, 60, 500], 90) = 280.
    const now = t.clock.now;
    const checks = await Promise.all([fixDueRevenueCaps(db, dialect, now), fixDueRevenueCaps(db, dialect, now), fixDueRevenueCaps(db, dialect, now)]);
    for (const check of checks.flat()) expect(check).toMatchObject({ experimentId: experiment.id, state: 'fixed', value: 280 });
    expect(checks.flat().reduce((sum, check) => sum + (check.state === 'fixed' ? check.facts : 0), 0)).toBe(10);
    expect(await db.selectFrom('experiments').select(['revenueCapValue', 'revenueCapFixedAt']).where('id', '=', experiment.id).executeTakeFirst()).toEqual({ revenueCapValue: 280, revenueCapFixedAt: now });
    expect((await db.selectFrom('visitorFacts').select('revenueCap').execute()).every((fact) => fact.revenueCap === 280)).toBe(true);
    await expectConsistent(db);

    // Again: nothing left to fix or to cap.
    expect(await fixDueRevenueCaps(db, dialect, now + DAY_MS)).toEqual([]);
    expect(await capLeftoverFacts(db, dialect)).toBe(0);

    // A visitor who comes after is folded under the cap by the writer itself.
    await visit(t, site, experiment, 'late-visitor', now - HOUR, 900);
    expect(await db.selectFrom('visitorFacts').select('revenueCap').where('visitorId', '=', 'late-visitor').executeTakeFirst()).toEqual({ revenueCap: 280 });
    await expectConsistent(db);

    const answer = (await t.call('GET', `/api/experiments/${experiment.id}`)).body;
    expect(answer).toMatchObject({ revenueCap: PERCENTILE_CAP, revenueCapValue: 280, revenueCapFixedAt: now });
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    expect(doc.revenueCap).toMatchObject({ kind: 'percentile', value: 280, percentile: 90, days: 2, fixedAt: now });
    expect(doc.revenueCap.statement).toContain("capped at 280.00: the 90th percentile of what the control arm's buyers, first exposed in the first 2 days, spent");
  });

  it('waits, and says so, while no control visitor of the first days has bought; the results route fixes it once one has', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await runningSetup(t, { revenueCap: PERCENTILE_CAP });
    const start: number = experiment.startedAt;
    const db = database().db;
    const [buyer] = visitorsOf(experiment, true, 1, 'c');
    await visit(t, site, experiment, buyer!, start + HOUR);
    await visit(t, site, experiment, visitorsOf(experiment, false, 1, 't')[0]!, start + HOUR, 75);

    expect(await fixDueRevenueCaps(db, dialect, t.clock.now)).toEqual([
      { experimentId: experiment.id, state: 'waiting', reason: 'no-control-buyers', dueAt: start + 2 * DAY_MS },
    ]);
    const waiting = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    expect(waiting.revenueCap).toMatchObject({ value: null, fixedAt: null });
    expect(waiting.revenueCap.statement).toContain('no control visitor of those days has bought yet');
    expect(waiting.metrics.find((metric: { metric: string }) => metric.metric === 'revenue_capped').arms.every((arm: { n: number }) => arm.n === 0)).toBe(true);

    // The control visitor of day 0 buys today: the next results request fixes the cap (one buyer: their 42).
    const reply = await send(t, site, buyer!, [event('purchase', t.clock.now - HOUR, { value: 42, order: 'late-order' })]);
    expect(reply.status).toBe(202);
    const fixed = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    expect(fixed.revenueCap).toMatchObject({ value: 42, fixedAt: t.clock.now });
    const capped = fixed.metrics.find((metric: { metric: string }) => metric.metric === 'revenue_capped');
    expect(capped.arms.map((arm: { estimate: number }) => arm.estimate).sort()).toEqual([42, 42]);
    await expectConsistent(db);
  });

  it('finishes at the next start what a process stopped after fixing the cap and before capping the facts left', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await runningSetup(t, { revenueCap: PERCENTILE_CAP });
    const db = database().db;
    for (let i = 0; i < 6; i++) await visit(t, site, experiment, `visitor-${i}`, experiment.startedAt + i * HOUR, 10 * (i + 1));
    // As if fixCap's UPDATE had committed and the process had stopped there.
    await db.updateTable('experiments').set({ revenueCapValue: 35, revenueCapFixedAt: t.clock.now }).where('id', '=', experiment.id).execute();
    expect((await verifyConsistency(db)).factDifferences).toHaveLength(6);
    expect(await capLeftoverFacts(db, dialect)).toBe(6);
    await expectConsistent(db);
  });
});

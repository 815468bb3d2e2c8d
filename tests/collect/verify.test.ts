// `verify` finds any drift between the stored facts and sums and a recomputation from the raw
// events; deleting a visitor removes their data and keeps the sums exact.
import { expect, it } from 'vitest';
import { verifyCommand } from '../../server/cli/verify.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { loadConfig } from '../../server/config.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';
import { armEvent, armOf, event, runningSetup, send } from './helpers.js';

async function someTraffic(t: TestApp) {
  const { site, experiment } = await runningSetup(t);
  const now = t.clock.now;
  for (let i = 0; i < 8; i++) {
    const visitor = `visitor-${i}`;
    await send(t, site, visitor, [
      armEvent(experiment, visitor, 'exposure', now - 10_000),
      armEvent(experiment, visitor, 'click', now - 9000),
      event('purchase', now - 8000, { value: 20 + i, order: `order-${i}` }),
      armEvent(experiment, visitor, 'survey', now - 7000, { name: 'trust', value: 1 + (i % 5) }),
    ]);
  }
  return { site, experiment };
}

function runVerify(database: TestDatabase) {
  const lines: string[] = [];
  const context = { db: database.db, dialect: database.dialect, config: loadConfig({}), out: (line: string) => lines.push(line), now: Date.now };
  return { lines, run: () => verifyCommand(context) };
}

describeEachDialect('verify', (database) => {
  it('reports that everything matches after normal traffic', async () => {
    const t = buildTestApp(database());
    await someTraffic(t);
    const { lines, run } = runVerify(database());
    await run();
    expect(lines[0]).toMatch(/Checked 8 visitors, 8 stored facts, \d+ daily sum rows and \d+ segment sum rows/);
    expect(lines.at(-1)).toBe('Everything matches.');
  });

  it('finds a tampered fact, a tampered sum, a fact with no events and a missing fact', async () => {
    const t = buildTestApp(database());
    const { experiment } = await someTraffic(t);
    const db = database().db;
    await db.updateTable('visitorFacts').set({ clicks: 7 }).where('visitorId', '=', 'visitor-1').execute();
    await db.updateTable('variantDailySums').set((eb) => ({ sumX: eb('sumX', '+', 1) })).where('metric', '=', 'revenue').where('variantId', '=', experiment.variants[0].id).execute();
    await db.deleteFrom('visitorFacts').where('visitorId', '=', 'visitor-2').execute();
    await db.insertInto('visitorFacts').values({ ...(await db.selectFrom('visitorFacts').selectAll().where('visitorId', '=', 'visitor-3').executeTakeFirstOrThrow()), visitorId: 'ghost' }).execute();
    const report = await verifyConsistency(db);
    expect(report.factDifferences.map((d) => [d.visitorId, d.stored === null, d.expected === null]).sort()).toEqual([
      ['ghost', false, true],
      ['visitor-1', false, false],
      ['visitor-2', true, false],
    ]);
    expect(report.sumDifferences.some((d) => d.metric === 'revenue' && d.variantId === experiment.variants[0].id)).toBe(true);
    const { lines, run } = runVerify(database());
    await expect(run()).rejects.toThrow(/Found 3 fact and \d+ sum differences/);
    expect(lines.some((line) => line.startsWith('fact '))).toBe(true);
  });
});

describeEachDialect('DELETE /api/visitors/:id', (database) => {
  it('erases the visitor\'s events and facts and takes their share out of the sums', async () => {
    const t = buildTestApp(database());
    await someTraffic(t);
    const db = database().db;
    const before = await db.selectFrom('variantDailySums').selectAll().where('metric', '=', 'revenue').execute();
    const reply = await t.call('DELETE', '/api/visitors/visitor-3');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ visitor: 'visitor-3', deletedEvents: 4, deletedFacts: 1 });
    expect(await db.selectFrom('events').selectAll().where('visitorId', '=', 'visitor-3').execute()).toEqual([]);
    expect(await db.selectFrom('visitorFacts').selectAll().where('visitorId', '=', 'visitor-3').execute()).toEqual([]);
    const after = await db.selectFrom('variantDailySums').selectAll().where('metric', '=', 'revenue').execute();
    const total = (rows: typeof before, field: 'n' | 'sumX') => rows.reduce((sum, row) => sum + row[field], 0);
    expect(total(before, 'n') - total(after, 'n')).toBe(1);
    expect(total(before, 'sumX') - total(after, 'sumX')).toBeCloseTo(23, 9);
    const report = await verifyConsistency(db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  });

  it('answers zero counts for a visitor it never saw, and needs the admin token', async () => {
    const t = buildTestApp(database());
    expect((await t.call('DELETE', '/api/visitors/nobody')).body).toEqual({ visitor: 'nobody', deletedEvents: 0, deletedFacts: 0 });
    expect((await t.call('DELETE', '/api/visitors/nobody', undefined, { token: null })).status).toBe(401);
  });
});

describeEachDialect('GET /api/sites/:id/drops', (database) => {
  it('tells, per reason and day, what was refused or dropped', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const now = t.clock.now;
    const exposure = armEvent(experiment, 'v1', 'exposure', now);
    const wrongArm = experiment.variants.find((variant: { key: string }) => variant.key !== armOf(experiment, 'v1').key).key;
    await send(t, site, 'v1', [exposure, exposure, { ...armEvent(experiment, 'v1', 'click', now), variant: wrongArm }, event('exposure', now)]);
    const reply = await t.call('GET', `/api/sites/${site.id}/drops?days=3`);
    expect(reply.status).toBe(200);
    expect(reply.body.totals).toMatchObject({ duplicate: 1, variant_mismatch: 1, missing_experiment: 1, bot: 0 });
    expect(reply.body.byDay).toEqual([
      { date: new Date(now).toISOString().slice(0, 10), reason: 'duplicate', count: 1 },
      { date: new Date(now).toISOString().slice(0, 10), reason: 'missing_experiment', count: 1 },
      { date: new Date(now).toISOString().slice(0, 10), reason: 'variant_mismatch', count: 1 },
    ]);
    expect((await t.call('GET', `/api/sites/${site.id}/drops?days=0`)).body.error.field).toBe('days');
    expect((await t.call('GET', '/api/sites/nope/drops')).status).toBe(404);
  });
});

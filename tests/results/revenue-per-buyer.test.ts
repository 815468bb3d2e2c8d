// Revenue per buyer end to end: purchases in through /v1/events, the daily sums, and the results
// document's ratio (Σ revenue over buyers, by the delta method) against the engine on the same
// sums; and the migration that writes those sums for facts stored before the metric existed.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { MIGRATIONS } from '../../server/db/migrations.js';
import { compareRatios } from '../../server/stats/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, armOf, event, runningSetup, send } from '../collect/helpers.js';

/** 60 visitors; one in three buys, for 20 + its number; one in five of those buys twice. */
async function traffic(t: TestApp) {
  const { site, experiment } = await runningSetup(t);
  const sums = new Map<string, { n: number; sumX: number; sumX2: number; sumY: number; sumY2: number; sumXy: number }>();
  for (let i = 0; i < 60; i++) {
    const visitor = `visitor-${i}`;
    const arm = armOf(experiment, visitor);
    const events = [armEvent(experiment, visitor, 'exposure', t.clock.now - 60_000)];
    let revenue = 0;
    if (i % 3 === 0) {
      events.push(event('purchase', t.clock.now - 30_000, { value: 20 + i, order: `order-${i}` }));
      revenue += 20 + i;
      if (i % 5 === 0) {
        events.push(event('purchase', t.clock.now - 20_000, { value: 5, order: `order-${i}-b` }));
        revenue += 5;
      }
    }
    expect((await send(t, site, visitor, events)).status).toBe(202);
    const bought = revenue > 0 ? 1 : 0;
    const sum = sums.get(arm.key) ?? { n: 0, sumX: 0, sumX2: 0, sumY: 0, sumY2: 0, sumXy: 0 };
    sums.set(arm.key, { n: sum.n + 1, sumX: sum.sumX + revenue, sumX2: sum.sumX2 + revenue ** 2, sumY: sum.sumY + bought, sumY2: sum.sumY2 + bought, sumXy: sum.sumXy + revenue * bought });
  }
  return { experiment, sums };
}

describeEachDialect('revenue per buyer', (database) => {
  it('reports each arm\'s revenue per buyer and the comparison as the engine computes them on the same sums', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { experiment, sums } = await traffic(t);
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    const metric = doc.metrics.find((m: { metric: string }) => m.metric === 'revenue_per_buyer');
    expect(metric).toMatchObject({ label: 'revenue per buyer', kind: 'ratio', role: 'secondary' });
    for (const arm of metric.arms) {
      const expected = sums.get(arm.variant)!;
      expect(arm.n).toBe(expected.n);
      expect(arm.estimate).toBeCloseTo(expected.sumX / expected.sumY, 9);
    }
    const control = experiment.variants.find((v: { control: boolean }) => v.control).key;
    for (const comparison of metric.comparisons) {
      const expected = compareRatios(sums.get(control)!, sums.get(comparison.variant)!);
      expect(comparison.absolute.estimate).toBeCloseTo(expected.difference.estimate, 9);
    }
  });

  it('writes, from the stored facts, the sums the writer keeps for facts stored before the metric existed', async () => {
    const db = database();
    const t = buildTestApp(db, { env: { CANDOR_RATE_LIMIT: '0' } });
    await traffic(t);
    const migration = MIGRATIONS.find((m) => m.statements.some((s) => s.includes("'revenue_per_buyer'")))!;
    const rows = async () =>
      (await db.db.selectFrom('variantDailySums').selectAll().where('metric', '=', 'revenue_per_buyer').orderBy('variantId').orderBy('day').execute()).map((row) => ({
        ...row,
        ...Object.fromEntries((['n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'] as const).map((field) => [field, Number(row[field])])),
      }));
    const kept = await rows();
    expect(kept.length).toBeGreaterThan(0);
    await sql`DELETE FROM variant_daily_sums WHERE metric = 'revenue_per_buyer'`.execute(db.db);
    for (let run = 0; run < 2; run++) {
      for (const statement of migration.statements) await sql.raw(statement).execute(db.db);
      expect(await rows()).toEqual(kept);
    }
    const report = await verifyConsistency(db.db);
    expect(report.sumDifferences).toEqual([]);
  });
});

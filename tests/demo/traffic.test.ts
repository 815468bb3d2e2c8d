// The demo's simulated traffic: the plan (pure, seeded, inside ingestion's window, assigned by
// the real hash) and its sending through POST /v1/events, every event accepted, the known
// effects then read back from the results API.
import { describe, expect, it } from 'vitest';
import { assignVariant } from '../../server/assign/index.js';
import { inProcessEventPoster } from '../../server/collect/in-process.js';
import { INGEST_LIMITS } from '../../server/collect/vocabulary.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { ensureDemo } from '../../server/demo/setup.js';
import { simulateDemoTraffic } from '../../server/demo/simulate.js';
import { DEMO_EFFECTS, DEMO_HISTORY_MS, planDemoTraffic, tallyPlan, type PlanExperiment } from '../../server/demo/traffic-plan.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 10, 24, 12);
const EXPERIMENT: PlanExperiment = {
  key: 'hero-campaign',
  seed: 'aurelia-lumen-hero',
  coverage: 1,
  variants: Object.keys(DEMO_EFFECTS).map((key) => ({ key, weight: 1 })),
};

describe('planDemoTraffic', () => {
  it('is the same plan for the same seed, and another for another seed', () => {
    const plan = planDemoTraffic(EXPERIMENT, { visitors: 300, seed: 'a', now: NOW });
    expect(planDemoTraffic(EXPERIMENT, { visitors: 300, seed: 'a', now: NOW })).toEqual(plan);
    expect(planDemoTraffic(EXPERIMENT, { visitors: 300, seed: 'b', now: NOW })).not.toEqual(plan);
  });

  it('has the same visitors doing the same things whatever the hour it runs; only their times move', () => {
    const what = (now: number) =>
      planDemoTraffic(EXPERIMENT, { visitors: 300, seed: 'a', now })
        .map(({ visitor, variant, events }) => ({ visitor, variant, events: events.map(({ type, value, name, order }) => ({ type, value, name, order })) }))
        .sort((a, b) => (a.visitor < b.visitor ? -1 : 1));
    expect(what(NOW + 7.3 * 3600_000)).toEqual(what(NOW));
  });

  it('puts every visitor in the arm the real assignment function gives', () => {
    const weights = EXPERIMENT.variants.map((v) => v.weight);
    for (const { visitor, variant, events } of planDemoTraffic(EXPERIMENT, { visitors: 500, seed: 'a', now: NOW })) {
      expect(EXPERIMENT.variants[assignVariant({ seed: EXPERIMENT.seed, coverage: 1, weights }, visitor)]!.key).toBe(variant);
      for (const event of events) if (event.experiment !== null) expect(event.variant).toBe(variant);
    }
  });

  it('leaves out visitors outside the coverage', () => {
    const plan = planDemoTraffic({ ...EXPERIMENT, coverage: 0.5 }, { visitors: 1000, seed: 'a', now: NOW });
    expect(plan.length).toBeGreaterThan(400);
    expect(plan.length).toBeLessThan(600);
  });

  it('keeps every event inside the six days before the last hour, which ingestion accepts, in order, with time-ordered unique ids', () => {
    const plan = planDemoTraffic(EXPERIMENT, { visitors: 2000, seed: 'a', now: NOW });
    const ids = new Set<string>();
    for (const { events } of plan) {
      expect(events[0]!.type).toBe('exposure');
      for (const [index, event] of events.entries()) {
        expect(event.ts).toBeGreaterThanOrEqual(NOW - DEMO_HISTORY_MS);
        expect(event.ts).toBeGreaterThan(NOW - INGEST_LIMITS.maxAgeMs);
        expect(event.ts).toBeLessThan(NOW - 60_000);
        expect(event.id).toMatch(/^[0-9a-z]{19}$/);
        if (index > 0) expect(event.id > events[index - 1]!.id).toBe(true);
        ids.add(event.id);
      }
    }
    expect(ids.size).toBe(plan.reduce((sum, visitor) => sum + visitor.events.length, 0));
    const starts = plan.map((visitor) => visitor.events[0]!.ts);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(5 * 86_400_000);
  });

  it('recovers the documented effects from a large plan', () => {
    const tallies = tallyPlan(planDemoTraffic(EXPERIMENT, { visitors: 100_000, seed: 'large', now: NOW }));
    for (const [arm, effect] of Object.entries(DEMO_EFFECTS)) {
      const tally = tallies[arm]!;
      expect(tally.viewable / tally.visitors).toBeCloseTo(effect.viewable, 1);
      expect(Math.abs(tally.clicked / tally.visitors - effect.clicked)).toBeLessThan(0.004);
      expect(Math.abs(tally.addedToCart / tally.visitors - effect.addedToCart)).toBeLessThan(0.003);
      expect(Math.abs(tally.purchased / tally.visitors - effect.purchased)).toBeLessThan(0.002);
      expect(Math.abs(tally.trustSum / tally.trustAnswers - effect.trust)).toBeLessThan(0.03);
      expect(tally.trustAnswers / tally.viewable).toBeCloseTo(0.3, 1);
      // A purchase follows an add to cart, for the price of one or two rings.
      expect(tally.purchased).toBeLessThanOrEqual(tally.addedToCart);
      expect(tally.revenue / tally.purchased).toBeGreaterThanOrEqual(129);
      expect(tally.revenue / tally.purchased).toBeLessThan(129 * 1.2);
    }
  });
});

async function simulate(database: TestDatabase, t: TestApp, visitors: number, seed = 'test') {
  const { site, experiment } = await ensureDemo(database.db, { baseUrl: 'http://127.0.0.1:8787', now: t.clock.now, catalog: t.catalog });
  const report = await simulateDemoTraffic({ post: inProcessEventPoster(t.app), siteKey: site.publicKey, experiment, now: t.clock.now, visitors, seed });
  return { site, experiment, report };
}

describeEachDialect('simulateDemoTraffic', (database) => {
  it('sends every planned event through POST /v1/events and has all of them accepted', async () => {
    const t = buildTestApp(database());
    const { report } = await simulate(database(), t, 600);
    expect(report.rejected).toEqual([]);
    expect(report.visitors).toBe(600);
    expect(report.accepted).toBe(report.events);
    expect(report.duplicates).toBe(0);
    const stored = await database().db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(report.events);
    const consistency = await verifyConsistency(database().db);
    expect(consistency.factDifferences).toEqual([]);
    expect(consistency.sumDifferences).toEqual([]);
  });

  it('shows in the results API exactly what it planned, and the known effects of the seeded run', async () => {
    const t = buildTestApp(database());
    const { experiment, report } = await simulate(database(), t, 600);
    const results = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    const arm = (metric: string, variant: string) => results.metrics.find((m: { metric: string }) => m.metric === metric).arms.find((a: { variant: string }) => a.variant === variant);
    for (const [key, tally] of Object.entries(report.arms)) {
      expect(arm('clicked', key).n).toBe(tally.visitors);
      expect(Math.round(arm('clicked', key).estimate * tally.visitors)).toBe(tally.clicked);
      expect(Math.round(arm('added_to_cart', key).estimate * tally.visitors)).toBe(tally.addedToCart);
      expect(Math.round(arm('purchased', key).estimate * tally.visitors)).toBe(tally.purchased);
      expect(arm('trust', key).n).toBe(tally.trustAnswers);
      expect(arm('trust', key).estimate).toBeCloseTo(tally.trustSum / tally.trustAnswers, 9);
    }
    expect(results.variants.map((v: { visitors: number }) => v.visitors).reduce((a: number, b: number) => a + b, 0)).toBe(600);
    // The seeded run shows the story DEMO_EFFECTS tells.
    expect(arm('clicked', 'ai-plain').estimate).toBeGreaterThan(arm('clicked', 'traditional').estimate);
    expect(arm('trust', 'ai-plain').estimate).toBeLessThan(arm('trust', 'traditional').estimate);
    expect(arm('trust', 'ai-plain').estimate).toBeLessThan(arm('trust', 'ai-caption').estimate);
  });

  it('is deterministic for a seed: what it stores is the pure plan for that seed, event for event', async () => {
    const t = buildTestApp(database(), { clock: { now: NOW } });
    await simulate(database(), t, 120, 'same');
    const stored = await database().db.selectFrom('events').select(['id', 'visitorId', 'type', 'ts', 'value', 'orderId']).orderBy('id').execute();
    const planned = planDemoTraffic(EXPERIMENT, { visitors: 120, seed: 'same', now: NOW }).flatMap(({ visitor, events }) =>
      events.map((event) => ({ id: event.id, visitorId: visitor, type: event.type, ts: event.ts, value: event.value, orderId: event.order })),
    );
    expect(stored.map((row) => ({ ...row, ts: Number(row.ts), value: row.value === null ? null : Number(row.value) }))).toEqual(
      planned.sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });
});

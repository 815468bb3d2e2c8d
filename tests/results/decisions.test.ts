// Decisions through the real API: a live test that cannot tell yet is told about how many more
// days its own traffic needs (the engine's sample size for the control's rate and the planned
// effect, over the pair's visitors per day so far); a clear winner wins; a stopped test whose
// interval lies inside ± the planned effect has "no difference worth waiting for", and one that
// does not "stopped before it could tell". Every decision carries the expected loss in words.
import { expect, it } from 'vitest';
import { sampleSizePerArm } from '../../server/stats/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite } from '../helpers/fixtures.js';
import { postImport } from '../imports/helpers.js';
import { armEvent, armOf, event, runningSetup, send } from '../collect/helpers.js';

const DAY_MS = 86_400_000;

/** Visitors in each arm; in the control a visitor adds to cart when its number is divisible by 4. */
async function liveTraffic(t: TestApp, treatmentEvery: number, visitors: number) {
  const { site, experiment } = await runningSetup(t, { plannedEffect: 0.2, plannedSampleSize: null });
  for (let i = 0; i < visitors; i++) {
    const visitor = `visitor-${i}`;
    const arm = armOf(experiment, visitor);
    const every = arm.control ? 4 : treatmentEvery;
    const events = [armEvent(experiment, visitor, 'exposure', t.clock.now - 60_000)];
    if (i % every === 0) events.push(event('add_to_cart', t.clock.now - 1000, { value: 90 }));
    await send(t, site, visitor, events);
  }
  return experiment;
}

/** A stopped two-arm test from a file: `n` visitors an arm, `control` and `treatment` of them buying. */
function csv(n: number, control: number, treatment: number): string {
  const rows = ['arm,bought'];
  for (let i = 0; i < n; i++) rows.push(`A,${i < control ? 1 : 0}`, `B,${i < treatment ? 1 : 0}`);
  return rows.join('\n') + '\n';
}

describeEachDialect('decisions', (database) => {
  it('tells a live test about how many more days its traffic needs for 80% power on the planned effect', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const experiment = await liveTraffic(t, 4, 200);
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    expect(doc.plannedEffect).toBe(0.2);
    const decision = doc.decisions.find((d: any) => d.metric === 'added_to_cart');
    expect(decision).toMatchObject({ role: 'primary', variant: 'ai-labelled', decision: 'keep-running', basis: 'always-valid' });
    // The engine's own sum: visitors per arm for the control's rate and +20%, less the pair's smaller arm, at its daily pace.
    const arms = Object.fromEntries(doc.metrics.find((m: any) => m.metric === 'added_to_cart').arms.map((a: any) => [a.variant, a]));
    const needed = sampleSizePerArm({ baseline: arms.studio.estimate, relativeEffect: 0.2 }).perArm;
    const pair = Math.min(arms.studio.n, arms['ai-labelled'].n);
    const days = (t.clock.now - experiment.startedAt) / DAY_MS;
    expect(decision.daysMore).toBe(Math.max(1, Math.ceil((needed - pair) / (pair / days))));
    expect(decision.sentence).toBe(`Keep running: about ${decision.daysMore} more days at this shop's traffic for 80% power on a 20% change in add-to-cart.`);
    expect(decision.lossSentence).toMatch(/^Choosing “.+” risks losing \d.* percentage points of add-to-cart per visitor on average if it is in fact worse; keeping “.+” risks .+\.$/);
    expect(decision.expectedLoss.treatment).toBeGreaterThan(0);
    // The guardrail (trust) has no answers yet.
    expect(doc.decisions.find((d: any) => d.metric === 'trust')).toMatchObject({ role: 'guardrail', decision: 'no-data' });
  });

  it('calls a clear winner a win on the primary metric', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const experiment = await liveTraffic(t, 1, 400);
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    const decision = doc.decisions.find((d: any) => d.metric === 'added_to_cart');
    expect(decision).toMatchObject({ decision: 'ship', daysMore: null });
    expect(decision.sentence).toMatch(/^“.+” wins on add-to-cart\.$/);
  });

  it('once stopped: no difference worth waiting for inside ± the planned effect, else stopped before it could tell', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const values = { site: site.id, key: 'tight', arm: 'arm', control: 'A', metric: 'bought=purchased' };
    const tight = await postImport(t, values, csv(20_000, 10_000, 10_050));
    expect(tight.status, JSON.stringify(tight.body)).toBe(201);
    const tightDoc = (await t.call('GET', `/api/experiments/${tight.body.experiment.id}/results`)).body;
    expect(tightDoc.decisions).toEqual([
      expect.objectContaining({ metric: 'purchased', decision: 'no-difference', basis: 'fixed-horizon', daysMore: null }),
    ]);
    // An imported metric is named by its column.
    expect(tightDoc.decisions[0].sentence).toBe('No difference worth waiting for on bought: “B” moves it by less than the planned 10% either way.');

    const loose = await postImport(t, { ...values, key: 'loose' }, csv(200, 20, 24));
    const looseDoc = (await t.call('GET', `/api/experiments/${loose.body.experiment.id}/results`)).body;
    expect(looseDoc.decisions[0]).toMatchObject({ decision: 'inconclusive', basis: 'fixed-horizon' });
    expect(looseDoc.decisions[0].sentence).toMatch(/^The test stopped before bought could tell “B” from “A”/);
  });
});

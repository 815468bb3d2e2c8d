// GET /api/experiments/:id/results through the real app: events in, the document's figures equal
// the statistics engine's on the same counts; always-valid while running, fixed once stopped.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { compareProportions, sampleRatioMismatch, sequentialCompare, plannedPairSize } from '../../server/stats/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { setStatus, variantBody } from '../helpers/fixtures.js';
import { armEvent, armOf, event, runningSetup, send } from '../collect/helpers.js';

const GRID = [
  variantBody('photo', { control: true, name: 'Studio photo' }),
  variantBody('photo-credentials', { name: 'Photo with credentials', disclosure: { style: 'credentials' } }),
  variantBody('ai-plain', { origin: 'ai', name: 'AI video, unlabelled' }),
  variantBody('ai-labelled', { origin: 'ai', name: 'AI video, labelled', disclosure: { style: 'label' } }),
];

/** P(arm beats the control) on the traffic's counts, computed with SciPy by fixtures/chance-to-beat.py. */
const CHANCE_REFERENCE: { arms: Record<string, { n: number; carts: number }>; chanceToBeat: Record<string, number> } = JSON.parse(
  readFileSync(new URL('./fixtures/chance-to-beat.json', import.meta.url), 'utf8'),
);

/** A fixed seed, so the arms' counts are known and the reference figures can be computed outside. */
const TRAFFIC_SEED = 'results-reference-seed';

/** 240 visitors; in arm i a visitor adds to cart when its number is divisible by (2 + i). */
async function traffic(t: TestApp) {
  const { site, experiment } = await runningSetup(t, { variants: GRID, plannedSampleSize: 2000, seed: TRAFFIC_SEED }, { disclosurePolicy: 'research' });
  const counts = new Map<string, { n: number; carts: number }>(experiment.variants.map((v: { key: string }) => [v.key, { n: 0, carts: 0 }]));
  for (let i = 0; i < 240; i++) {
    const visitor = `visitor-${i}`;
    const arm = armOf(experiment, visitor);
    const index = experiment.variants.findIndex((v: { key: string }) => v.key === arm.key);
    const events = [armEvent(experiment, visitor, 'exposure', t.clock.now - 60_000)];
    const carts = i % (2 + index) === 0;
    if (carts) events.push(event('add_to_cart', t.clock.now - 1000, { value: 90 }));
    await send(t, site, visitor, events);
    const count = counts.get(arm.key)!;
    count.n++;
    if (carts) count.carts++;
  }
  return { site, experiment, counts };
}

describeEachDialect('GET /api/experiments/:id/results', (database) => {
  it('reports each arm and each comparison with the engine\'s figures on the stored counts', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { experiment, counts } = await traffic(t);
    const reply = await t.call('GET', `/api/experiments/${experiment.id}/results`);
    expect(reply.status).toBe(200);
    const doc = reply.body;
    expect(doc.peekingSafe).toBe(true);
    expect(doc.variants.map((v: any) => [v.key, v.visitors])).toEqual(experiment.variants.map((v: any) => [v.key, counts.get(v.key)!.n]));
    // The seed fixes the counts the reference figures were computed on.
    expect(Object.fromEntries(counts)).toEqual(CHANCE_REFERENCE.arms);
    const cart = doc.metrics.find((m: any) => m.metric === 'added_to_cart');
    expect(cart.role).toBe('primary');
    const sample = (key: string) => ({ n: counts.get(key)!.n, sum: counts.get(key)!.carts, sumSquares: counts.get(key)!.carts });
    for (const comparison of cart.comparisons) {
      const expected = compareProportions(sample('photo'), sample(comparison.variant));
      expect(comparison.absolute.estimate).toBeCloseTo(expected.difference.estimate, 12);
      expect(comparison.absolute.pValue).toBeCloseTo(expected.difference.pValue, 12);
      expect(comparison.relative.lower).toBeCloseTo(expected.relativeLift.lower, 12);
      const index = experiment.variants.findIndex((v: any) => v.key === comparison.variant);
      const sequential = sequentialCompare(sample('photo'), sample(comparison.variant), 'binary', { tuningN: plannedPairSize(2000, [1, 1, 1, 1], 0, index) });
      expect(comparison.alwaysValid.lower).toBeCloseTo(sequential.relativeLift.lower, 12);
      // Against SciPy's quadrature on the same counts (fixtures/chance-to-beat.py).
      expect(comparison.chanceToBeat).toBeCloseTo(CHANCE_REFERENCE.chanceToBeat[comparison.variant]!, 12);
      expect(comparison.sentence).toMatch(/^“.+” changed add-to-cart by [+−]?\d+\.\d% against “Studio photo” \(95% always-valid CI .+\): /);
    }
    const srm = sampleRatioMismatch([...counts.values()].map((c) => c.n), [1, 1, 1, 1]);
    expect(doc.health.srm.pValue).toBeCloseTo(srm.pValue, 12);
    expect(doc.health.progress).toMatchObject({ visitors: 240, planned: 2000, fraction: 0.12 });
    expect(doc.headlines.filter((h: any) => h.metric === 'added_to_cart')).toHaveLength(3);
    expect(doc.disclosure.grid.analysis).toBe('factorial');
    expect(doc.disclosure.grid.contrasts.map((c: any) => c.name)).toEqual(expect.arrayContaining(['origin', 'disclosure', 'interaction']));
    expect(doc.disclosure.nonInferiority).toMatchObject({ disclosed: ['ai-labelled'], undisclosed: ['ai-plain'], margin: -0.05 });
    expect(doc.series).toHaveLength(1);
    expect(doc.series[0].arms.map((a: any) => a.n)).toEqual(experiment.variants.map((v: any) => counts.get(v.key)!.n));
    expect(doc.metrics.some((m: any) => m.metric === 'watch_pct')).toBe(false);
    // The Bayesian view is computed for the metrics a decision rests on, not the secondary ones.
    const secondary = doc.metrics.filter((m: any) => m.role === 'secondary');
    expect(secondary.length).toBeGreaterThan(0);
    expect(secondary.every((m: any) => m.comparisons.every((c: any) => c.chanceToBeat === null))).toBe(true);
  });

  it('switches to the fixed-horizon figures once the experiment stops', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { experiment } = await traffic(t);
    await setStatus(t, experiment.id, 'stopped');
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results?alpha=0.1&adjust=benjamini-hochberg`)).body;
    expect(doc).toMatchObject({ peekingSafe: false, alpha: 0.1, adjustment: 'benjamini-hochberg' });
    expect(doc.headlines[0].sentence).toMatch(/\(90% CI /);
  });

  it('answers an experiment with no data yet with empty arms and no verdicts', async () => {
    const t = buildTestApp(database());
    const { experiment } = await runningSetup(t);
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    expect(doc.variants.every((v: any) => v.visitors === 0)).toBe(true);
    expect(doc.headlines.every((h: any) => h.verdict === 'no-data')).toBe(true);
    expect(doc.headlines[0].sentence).toMatch(/does not have enough data/);
    expect(doc.series).toEqual([]);
  });

  it('refuses bad options, unknown experiments and missing tokens', async () => {
    const t = buildTestApp(database());
    const { experiment } = await runningSetup(t);
    expect((await t.call('GET', `/api/experiments/${experiment.id}/results?alpha=2`)).body.error).toMatchObject({ code: 'invalid_field', field: 'alpha' });
    expect((await t.call('GET', `/api/experiments/${experiment.id}/results?adjust=bonferroni`)).body.error.field).toBe('adjust');
    expect((await t.call('GET', '/api/experiments/nope/results')).status).toBe(404);
    expect((await t.call('GET', `/api/experiments/${experiment.id}/results`, undefined, { token: null })).status).toBe(401);
  });
});

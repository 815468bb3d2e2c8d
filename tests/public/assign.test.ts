// GET /v1/assign: the variant a visitor gets, for shops that render on their own server. It
// must agree with the shared assignment module, which the snippet bundles.
import { expect, it } from 'vitest';
import { assignVariant } from '../../server/assign/index.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, variantBody } from '../helpers/fixtures.js';

describeEachDialect('GET /v1/assign', (database) => {
  async function runningExperiment(overrides: Record<string, unknown> = {}) {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, { key: 'hero', ...overrides });
    await setStatus(t, experiment.id, 'running');
    const assign = (visitor: string, experimentKey = 'hero') =>
      t.call('GET', `/v1/assign?site=${site.publicKey}&experiment=${experimentKey}&visitor=${encodeURIComponent(visitor)}`, undefined, { token: null });
    return { t, site, experiment, assign };
  }

  it('gives each visitor the variant the hash gives, the same every time', async () => {
    const { experiment, assign } = await runningExperiment({
      variants: [variantBody('a', { control: true, weight: 1 }), variantBody('b', { weight: 2 }), variantBody('c', { weight: 1 })],
    });
    const weights = experiment.variants.map((variant: { weight: number }) => variant.weight);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const visitor = `visitor-${i}`;
      const expected = experiment.variants[assignVariant({ seed: experiment.seed, coverage: 1, weights }, visitor)].key;
      const reply = await assign(visitor);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ experiment: 'hero', visitor, reason: 'assigned', variant: { key: expected } });
      expect((await assign(visitor)).body.variant.key).toBe(expected);
      seen.add(expected);
    }
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
    expect((await assign('visitor-0')).headers.get('cache-control')).toBe('no-store');
  });

  it('gives no variant to a visitor outside the coverage', async () => {
    const { experiment, assign } = await runningExperiment({ coverage: 0.3 });
    const weights = experiment.variants.map((variant: { weight: number }) => variant.weight);
    let outside = 0;
    for (let i = 0; i < 30; i++) {
      const visitor = `v${i}`;
      const index = assignVariant({ seed: experiment.seed, coverage: 0.3, weights }, visitor);
      const reply = await assign(visitor);
      if (index === -1) {
        outside++;
        expect(reply.body).toMatchObject({ variant: null, reason: 'outside_coverage' });
      } else {
        expect(reply.body.variant.key).toBe(experiment.variants[index].key);
      }
    }
    expect(outside).toBeGreaterThan(10);
  });

  it('gives no variant while the experiment is not running', async () => {
    const { t, experiment, assign } = await runningExperiment();
    await setStatus(t, experiment.id, 'paused');
    expect((await assign('someone')).body).toMatchObject({ variant: null, reason: 'not_running' });
  });

  it('answers 404 unknown_experiment for a key the site does not have, and 400 for bad parameters', async () => {
    const { site, t, assign } = await runningExperiment();
    const unknown = await assign('someone', 'nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_experiment', field: 'experiment' });
    const missing = await t.call('GET', `/v1/assign?site=${site.publicKey}&experiment=hero`, undefined, { token: null });
    expect(missing.body.error).toMatchObject({ code: 'invalid_field', field: 'visitor' });
    const long = await assign('v'.repeat(129));
    expect(long.body.error).toMatchObject({ code: 'invalid_field', field: 'visitor' });
  });
});

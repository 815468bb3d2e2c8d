// The planned effect and the revenue cap: what the API accepts and refuses (a 400 naming the
// field), how they read back, a value cap fixed at the first start, and both frozen once started.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, experimentBody, setStatus } from '../helpers/fixtures.js';

const BAD: Array<[string, Record<string, unknown>, string]> = [
  ['a zero planned effect', { plannedEffect: 0 }, 'plannedEffect'],
  ['a planned effect above 5', { plannedEffect: 5.5 }, 'plannedEffect'],
  ['a planned effect below -5', { plannedEffect: -6 }, 'plannedEffect'],
  ['a planned effect as text', { plannedEffect: '0.1' }, 'plannedEffect'],
  ['a cap of 0', { revenueCap: { kind: 'value', value: 0 } }, 'revenueCap.value'],
  ['a negative cap', { revenueCap: { kind: 'value', value: -10 } }, 'revenueCap.value'],
  ['a cap of no kind', { revenueCap: { value: 10 } }, 'revenueCap.kind'],
  ['a cap of an unknown kind', { revenueCap: { kind: 'median', value: 10 } }, 'revenueCap.kind'],
  ['the 50th percentile', { revenueCap: { kind: 'percentile', percentile: 50, days: 3 } }, 'revenueCap.percentile'],
  ['the 100th percentile', { revenueCap: { kind: 'percentile', percentile: 100, days: 3 } }, 'revenueCap.percentile'],
  ['a percentile over 0 days', { revenueCap: { kind: 'percentile', percentile: 99, days: 0 } }, 'revenueCap.days'],
  ['a percentile over 15 days', { revenueCap: { kind: 'percentile', percentile: 99, days: 15 } }, 'revenueCap.days'],
  ['a percentile over half a day', { revenueCap: { kind: 'percentile', percentile: 99, days: 1.5 } }, 'revenueCap.days'],
  ['a percentile with no days', { revenueCap: { kind: 'percentile', percentile: 99 } }, 'revenueCap.days'],
  ['a value cap with days', { revenueCap: { kind: 'value', value: 10, days: 3 } }, 'revenueCap.days'],
];

describeEachDialect('an experiment\'s planned effect and revenue cap', (database) => {
  it('defaults to no planned effect (10% in the results) and no cap', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    expect(experiment).toMatchObject({ plannedEffect: null, revenueCap: null, revenueCapValue: null, revenueCapFixedAt: null });
    expect(experiment).not.toHaveProperty('sumsVersion');
  });

  it('keeps a planned effect and a percentile cap as given, and the cap unfixed while a draft', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const cap = { kind: 'percentile', percentile: 99, days: 3 };
    const created = await createExperiment(t, site.id, { plannedEffect: -0.2, revenueCap: cap });
    expect(created).toMatchObject({ plannedEffect: -0.2, revenueCap: cap, revenueCapValue: null });
    const read = (await t.call('GET', `/api/experiments/${created.id}`)).body;
    expect(read).toMatchObject({ plannedEffect: -0.2, revenueCap: cap, revenueCapValue: null, revenueCapFixedAt: null });
    const patched = await t.call('PATCH', `/api/experiments/${created.id}`, { plannedEffect: 0.05, revenueCap: { kind: 'value', value: 250 } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ plannedEffect: 0.05, revenueCap: { kind: 'value', value: 250 }, revenueCapValue: null });
    expect((await t.call('GET', `/api/experiments/${created.id}/results`)).body.plannedEffect).toBe(0.05);
    const cleared = await t.call('PATCH', `/api/experiments/${created.id}`, { plannedEffect: null, revenueCap: null });
    expect(cleared.body).toMatchObject({ plannedEffect: null, revenueCap: null });
    // The results read the default, 10%.
    expect((await t.call('GET', `/api/experiments/${created.id}/results`)).body).toMatchObject({ plannedEffect: 0.1, revenueCap: null });
  });

  for (const [what, fields, field] of BAD) {
    it(`refuses ${what} with a 400 naming ${field}, on create and on edit`, async () => {
      const t = buildTestApp(database());
      const site = await createSite(t);
      const created = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody(fields));
      expect(created.status, JSON.stringify(created.body)).toBe(400);
      expect(created.body.error).toMatchObject({ code: 'invalid_field', field });
      const draft = await createExperiment(t, site.id);
      const patched = await t.call('PATCH', `/api/experiments/${draft.id}`, fields);
      expect(patched.status).toBe(400);
      expect(patched.body.error).toMatchObject({ code: 'invalid_field', field });
    });
  }

  it('judges on capped revenue only with a cap, and leaves it out of the results of an experiment without one', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const refused = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody({ primaryMetric: 'revenue_capped', guardrailMetrics: [] }));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_field', field: 'revenueCap' });
    const asGuardrail = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody({ guardrailMetrics: ['revenue_capped'] }));
    expect(asGuardrail.body.error).toMatchObject({ code: 'invalid_field', field: 'revenueCap' });
    const capped = await createExperiment(t, site.id, { key: 'capped', primaryMetric: 'revenue_capped', guardrailMetrics: [], revenueCap: { kind: 'value', value: 100 } });
    const uncap = await t.call('PATCH', `/api/experiments/${capped.id}`, { revenueCap: null });
    expect(uncap.status).toBe(400);
    expect(uncap.body.error).toMatchObject({ code: 'invalid_field', field: 'revenueCap' });
    expect((await t.call('PATCH', `/api/experiments/${capped.id}`, { revenueCap: null, primaryMetric: 'revenue' })).status).toBe(200);

    const plain = await createExperiment(t, site.id, { key: 'plain' });
    const metricsOf = async (id: string) => (await t.call('GET', `/api/experiments/${id}/results`)).body.metrics.map((metric: { metric: string }) => metric.metric);
    expect(await metricsOf(plain.id)).not.toContain('revenue_capped');
    await t.call('PATCH', `/api/experiments/${plain.id}`, { revenueCap: { kind: 'value', value: 100 } });
    expect(await metricsOf(plain.id)).toContain('revenue_capped');
  });

  it('fixes a value cap at the first start, and keeps that start time through a pause', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, { revenueCap: { kind: 'value', value: 120 } });
    const started = await setStatus(t, experiment.id, 'running');
    expect(started.body).toMatchObject({ revenueCapValue: 120, revenueCapFixedAt: t.clock.now });
    const startedAt = t.clock.now;
    t.clock.now += 60_000;
    await setStatus(t, experiment.id, 'paused');
    const resumed = await setStatus(t, experiment.id, 'running');
    expect(resumed.body).toMatchObject({ revenueCapValue: 120, revenueCapFixedAt: startedAt });
  });

  it('leaves a percentile cap unfixed at the start: it waits for the first days', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, { revenueCap: { kind: 'percentile', percentile: 95, days: 2 } });
    expect((await setStatus(t, experiment.id, 'running')).body).toMatchObject({ revenueCapValue: null, revenueCapFixedAt: null });
  });

  it('freezes the planned effect and the cap once the experiment has started, and takes back their own values', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const cap = { kind: 'value', value: 80 };
    const experiment = await createExperiment(t, site.id, { plannedEffect: 0.1, revenueCap: cap });
    await setStatus(t, experiment.id, 'running');
    for (const [field, value] of [
      ['plannedEffect', 0.2],
      ['plannedEffect', null],
      ['revenueCap', { kind: 'value', value: 90 }],
      ['revenueCap', null],
    ] as const) {
      const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, { [field]: value });
      expect(reply.status, `${field} ${JSON.stringify(value)}`).toBe(409);
      expect(reply.body.error).toMatchObject({ code: 'experiment_frozen', field });
    }
    const same = await t.call('PATCH', `/api/experiments/${experiment.id}`, { plannedEffect: 0.1, revenueCap: cap, name: 'Renamed' });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body).toMatchObject({ name: 'Renamed', plannedEffect: 0.1, revenueCap: cap, revenueCapValue: 80 });
  });
});

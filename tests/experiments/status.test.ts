// The life cycle draft → running ⇄ paused → stopped → archived, every transition allowed or
// refused; what freezes once an experiment has run; the disclosure policy enforced at start.
import { expect, it } from 'vitest';
import { EXPERIMENT_STATUSES, canTransition } from '../../server/experiments/status.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, variantBody } from '../helpers/fixtures.js';

const ALLOWED = new Set(['draft>running', 'running>paused', 'running>stopped', 'paused>running', 'paused>stopped', 'stopped>archived']);
const PATHS: Record<string, string[]> = {
  draft: [],
  running: ['running'],
  paused: ['running', 'paused'],
  stopped: ['running', 'stopped'],
  archived: ['running', 'stopped', 'archived'],
};

async function experimentIn(t: TestApp, siteId: string, status: string, key: string) {
  const experiment = await createExperiment(t, siteId, { key, slot: key });
  for (const step of PATHS[status]!) expect((await setStatus(t, experiment.id, step)).status).toBe(200);
  return experiment;
}

it('the transition table is exactly the documented life cycle', () => {
  for (const from of EXPERIMENT_STATUSES) {
    for (const to of EXPERIMENT_STATUSES) {
      if (from !== to) expect(canTransition(from, to), `${from} → ${to}`).toBe(ALLOWED.has(`${from}>${to}`));
    }
  }
});

describeEachDialect('experiment status', (database) => {
  for (const from of EXPERIMENT_STATUSES) {
    for (const to of EXPERIMENT_STATUSES.filter((status) => status !== from)) {
      const allowed = ALLOWED.has(`${from}>${to}`);
      it(`${allowed ? 'moves' : 'refuses to move'} an experiment from ${from} to ${to}`, async () => {
        const t = buildTestApp(database());
        const site = await createSite(t);
        const experiment = await experimentIn(t, site.id, from, 'exp');
        const reply = await setStatus(t, experiment.id, to);
        if (allowed) {
          expect(reply.status).toBe(200);
          expect(reply.body.status).toBe(to);
        } else {
          expect(reply.status).toBe(409);
          expect(reply.body.error).toMatchObject({ code: 'invalid_transition', field: 'status' });
          expect(reply.body.error.message).toContain(`from ${from} to ${to}`);
          expect((await t.call('GET', `/api/experiments/${experiment.id}`)).body.status).toBe(from);
        }
      });
    }
  }

  it('answers a request for the status it already has with the experiment, unchanged', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await experimentIn(t, site.id, 'running', 'exp');
    const reply = await setStatus(t, experiment.id, 'running');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('running');
  });

  it('refuses an unknown status with invalid_field', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    const reply = await setStatus(t, experiment.id, 'finished');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field: 'status' });
  });

  it('records the first start and the stop, and keeps the first start across a pause', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    const started = t.clock.now;
    await setStatus(t, experiment.id, 'running');
    t.clock.now += 60_000;
    await setStatus(t, experiment.id, 'paused');
    t.clock.now += 60_000;
    const resumed = await setStatus(t, experiment.id, 'running');
    expect(resumed.body).toMatchObject({ startedAt: started, stoppedAt: null, updatedAt: t.clock.now });
    t.clock.now += 60_000;
    const stopped = await setStatus(t, experiment.id, 'stopped');
    expect(stopped.body).toMatchObject({ startedAt: started, stoppedAt: t.clock.now });
  });

  it.each(['running', 'paused', 'stopped'])('freezes variants, weights and the analysis plan once %s', async (status) => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await experimentIn(t, site.id, status, 'exp');
    const frozen: Array<[string, unknown]> = [
      ['variants', [variantBody('studio', { control: true, weight: 3 }), variantBody('ai-labelled', { origin: 'ai', disclosure: { style: 'label' } })]],
      ['coverage', 0.5],
      ['primaryMetric', 'purchased'],
      ['plannedSampleSize', 10_000],
      ['slot', 'footer'],
      ['key', 'renamed'],
      ['survey', { question: 'noticed' }],
    ];
    for (const [field, value] of frozen) {
      const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, { [field]: value });
      expect(reply.status, field).toBe(409);
      expect(reply.body.error).toMatchObject({ code: 'experiment_frozen', field });
    }
    const after = await t.call('GET', `/api/experiments/${experiment.id}`);
    expect(after.body.variants).toEqual(experiment.variants);
    expect(after.body.coverage).toBe(1);
  });

  it.each(['running', 'paused', 'stopped'])('freezes the survey once %s: it may be sent back unchanged, not reworded or removed', async (status) => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, { survey: { question: 'trust', delaySeconds: 5 } });
    for (const step of PATHS[status]!) expect((await setStatus(t, experiment.id, step)).status).toBe(200);
    // The same survey, given with its defaults left out or spelled out, is no change.
    for (const same of [{ question: 'trust', delaySeconds: 5 }, experiment.survey]) {
      const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, { survey: same, name: 'Same survey' });
      expect(reply.status).toBe(200);
    }
    for (const changed of [null, { question: 'trust', delaySeconds: 3 }, { question: 'trust', delaySeconds: 5, low: 'Hardly' }, { question: 'noticed', delaySeconds: 5 }]) {
      const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, { survey: changed });
      expect(reply.status, JSON.stringify(changed)).toBe(409);
      expect(reply.body.error).toMatchObject({ code: 'experiment_frozen', field: 'survey' });
    }
    expect((await t.call('GET', `/api/experiments/${experiment.id}`)).body.survey).toEqual(experiment.survey);
  });

  it('still lets a running experiment be renamed, re-described and given guardrails', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await experimentIn(t, site.id, 'running', 'exp');
    const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, {
      name: 'Hero video, autumn',
      hypothesis: 'Disclosing costs less than 5% of add-to-carts.',
      guardrailMetrics: ['trust', 'clicked'],
      coverage: 1,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: 'Hero video, autumn', guardrailMetrics: ['trust', 'clicked'], status: 'running' });
  });

  it('makes an archived experiment read-only', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await experimentIn(t, site.id, 'archived', 'exp');
    const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, { name: 'New name' });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('experiment_frozen');
  });

  it('refuses to start a second experiment in a slot that a running or paused one holds', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const first = await createExperiment(t, site.id, { key: 'first' });
    const second = await createExperiment(t, site.id, { key: 'second' });
    await setStatus(t, first.id, 'running');
    await setStatus(t, first.id, 'paused');
    const refused = await setStatus(t, second.id, 'running');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'slot_busy', field: 'slot' });
    expect(refused.body.error.message).toContain('"first"');
    await setStatus(t, first.id, 'stopped');
    expect((await setStatus(t, second.id, 'running')).status).toBe(200);
  });
});

describeEachDialect('disclosure policy at start', (database) => {
  const control = variantBody('photo', { control: true });
  const aiPlain = variantBody('ai-plain', { origin: 'ai' });
  const hybridPlain = variantBody('hybrid-plain', { origin: 'hybrid' });
  const aiLabelled = variantBody('ai-label', { origin: 'ai', disclosure: { style: 'badge' } });
  const aiPersonPlain = variantBody('ai-model', { origin: 'ai', likeness: 'consented', consentRef: 'release-2026-031' });
  const aiPersonLabelled = variantBody('ai-model-label', { origin: 'ai', likeness: 'consented', consentRef: 'release-2026-031', disclosure: { style: 'caption' } });

  async function tryStart(policy: string, variants: unknown[]) {
    const t = buildTestApp(database());
    const site = await createSite(t, { disclosurePolicy: policy });
    const experiment = await createExperiment(t, site.id, { variants });
    return { t, experiment, reply: await setStatus(t, experiment.id, 'running') };
  }

  it.each([
    ['strict', [control, aiPlain], 'variants[1].disclosure'],
    ['strict', [control, aiLabelled, hybridPlain], 'variants[2].disclosure'],
    ['research', [control, aiPersonPlain], 'variants[1].disclosure'],
  ])('under the %s policy refuses to start %#: an undisclosed arm', async (policy, variants, field) => {
    const { t, experiment, reply } = await tryStart(policy, variants);
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({ code: 'disclosure_policy', field });
    expect((await t.call('GET', `/api/experiments/${experiment.id}`)).body.status).toBe('draft');
  });

  it.each([
    ['strict', [control, aiLabelled]],
    ['strict', [control, aiPersonLabelled]],
    ['research', [control, aiPlain, aiLabelled]],
    ['research', [control, hybridPlain, aiPersonLabelled]],
  ])('under the %s policy starts %#: every arm that must be disclosed is', async (policy, variants) => {
    const { reply } = await tryStart(policy, variants);
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('running');
  });

  it('refuses to tighten the policy under a paused experiment that breaks it, as under a running one', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t, { disclosurePolicy: 'research' });
    const experiment = await createExperiment(t, site.id, { variants: [control, aiPlain] });
    await setStatus(t, experiment.id, 'running');
    await setStatus(t, experiment.id, 'paused');
    // Resuming would show the forbidden arm again, so a paused experiment counts as live here.
    expect((await t.call('PATCH', `/api/sites/${site.id}`, { disclosurePolicy: 'strict' })).status).toBe(422);
  });
});

// The experiments admin API: create with variants, list, read, edit a draft, delete a draft.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, experimentBody, setStatus, variantBody } from '../helpers/fixtures.js';

describeEachDialect('experiments', (database) => {
  it('creates a draft experiment with its variants in order and a seed fixed at creation', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const reply = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody());
    expect(reply.status).toBe(201);
    const experiment = reply.body;
    expect(experiment).toMatchObject({
      siteId: site.id,
      key: 'hero-ai-video',
      slot: 'hero',
      coverage: 1,
      primaryMetric: 'added_to_cart',
      guardrailMetrics: ['trust'],
      plannedSampleSize: 4000,
      status: 'draft',
      startedAt: null,
      stoppedAt: null,
    });
    expect(experiment.seed).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(experiment.variants.map((variant: { key: string }) => variant.key)).toEqual(['studio', 'ai-labelled']);
    expect(experiment.variants[1]).toMatchObject({
      origin: 'ai',
      generator: 'Veo 3',
      disclosure: { style: 'label', text: 'Made with AI', position: 'bottom-left' },
      media: { type: 'video', url: 'https://cdn.aurum.example/ai.mp4', poster: 'https://cdn.aurum.example/ai.jpg', alt: 'A ring turning in light' },
      weight: 1,
      likeness: 'none',
      consentRef: null,
      clickUrl: null,
      control: false,
    });
    expect(experiment.variants[0]).toMatchObject({ control: true, disclosure: { style: 'none', text: null, position: null } });
    expect((await t.call('GET', `/api/experiments/${experiment.id}`)).body).toEqual(experiment);
  });

  it('keeps a seed given at creation, so an outside tool can reproduce the assignment', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, { seed: 'hero-2026-q4' });
    expect(experiment.seed).toBe('hero-2026-q4');
  });

  it('fills in the default wording and place of a disclosure', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, {
      variants: [
        variantBody('photo', { control: true, disclosure: { style: 'credentials' } }),
        variantBody('hybrid', { origin: 'hybrid', disclosure: { style: 'caption' } }),
        variantBody('ai', { origin: 'ai', disclosure: { style: 'badge', position: 'top-right' } }),
      ],
    });
    expect(experiment.variants.map((variant: { disclosure: unknown }) => variant.disclosure)).toEqual([
      { style: 'credentials', text: null, position: 'bottom-left', showForSeconds: null },
      { style: 'caption', text: 'Made with the help of AI', position: 'below', showForSeconds: null },
      { style: 'badge', text: 'Made with AI', position: 'top-right', showForSeconds: null },
    ]);
  });

  it('asks no survey and knows no media size unless they are given', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    expect(experiment.survey).toBeNull();
    expect(experiment.variants.map((variant: { media: unknown }) => variant.media)).toEqual([
      { type: 'image', url: 'https://cdn.aurum.example/studio.jpg', poster: null, alt: 'A gold ring on linen', width: null, height: null },
      { type: 'video', url: 'https://cdn.aurum.example/ai.mp4', poster: 'https://cdn.aurum.example/ai.jpg', alt: 'A ring turning in light', width: null, height: null },
    ]);
  });

  it('stores a trust survey complete, with the default wording, scale ends and delay filled in', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, { survey: { question: 'trust' } });
    const survey = { question: 'trust', text: 'How much do you trust what this ad shows?', low: 'Not at all', high: 'Completely', delaySeconds: 3 };
    expect(experiment.survey).toEqual(survey);
    expect((await t.call('GET', `/api/experiments/${experiment.id}`)).body.survey).toEqual(survey);
  });

  it('keeps the wording and delay an admin gives, and gives the yes/no question no scale ends', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const trust = await createExperiment(t, site.id, { survey: { question: 'trust', text: ' Do you believe this film? ', low: 'No', high: 'Fully', delaySeconds: 0 } });
    expect(trust.survey).toEqual({ question: 'trust', text: 'Do you believe this film?', low: 'No', high: 'Fully', delaySeconds: 0 });
    const noticed = await createExperiment(t, site.id, { key: 'noticed', slot: 'footer', survey: { question: 'noticed', delaySeconds: 60 } });
    expect(noticed.survey).toEqual({ question: 'noticed', text: 'Did you notice that this ad was made with AI?', low: null, high: null, delaySeconds: 60 });
    expect((await t.call('GET', `/api/experiments/${noticed.id}`)).body.survey).toEqual(noticed.survey);
  });

  it('adds, rewords and removes the survey of a draft', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    const added = await t.call('PATCH', `/api/experiments/${experiment.id}`, { survey: { question: 'noticed' } });
    expect(added.status).toBe(200);
    expect(added.body.survey).toMatchObject({ question: 'noticed', low: null, delaySeconds: 3 });
    const reworded = await t.call('PATCH', `/api/experiments/${experiment.id}`, { survey: { question: 'trust', high: 'Entirely' } });
    expect(reworded.body.survey).toEqual({ question: 'trust', text: 'How much do you trust what this ad shows?', low: 'Not at all', high: 'Entirely', delaySeconds: 3 });
    const renamed = await t.call('PATCH', `/api/experiments/${experiment.id}`, { name: 'Renamed' });
    expect(renamed.body.survey).toEqual(reworded.body.survey);
    const removed = await t.call('PATCH', `/api/experiments/${experiment.id}`, { survey: null });
    expect(removed.status).toBe(200);
    expect(removed.body.survey).toBeNull();
  });

  it('stores the width and height of a creative, and takes null for both as unknown', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, {
      variants: [
        variantBody('studio', { control: true, media: { type: 'image', url: 'https://cdn.aurum.example/studio.jpg', alt: 'A ring', width: 1200, height: 1500 } }),
        variantBody('ai', { origin: 'ai', media: { type: 'video', url: 'https://cdn.aurum.example/ai.mp4', alt: 'A ring turning', width: null, height: null } }),
      ],
    });
    expect(experiment.variants.map((variant: { media: { width: unknown; height: unknown } }) => [variant.media.width, variant.media.height])).toEqual([
      [1200, 1500],
      [null, null],
    ]);
    expect((await t.call('GET', `/api/experiments/${experiment.id}`)).body.variants).toEqual(experiment.variants);
  });

  it('lists a site\'s experiments, filtered by status', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const hero = await createExperiment(t, site.id);
    t.clock.now += 1000;
    await createExperiment(t, site.id, { key: 'footer', slot: 'footer' });
    await setStatus(t, hero.id, 'running');
    const all = await t.call('GET', `/api/sites/${site.id}/experiments`);
    expect(all.body.experiments.map((e: { key: string }) => e.key)).toEqual(['hero-ai-video', 'footer']);
    const running = await t.call('GET', `/api/sites/${site.id}/experiments?status=running`);
    expect(running.body.experiments.map((e: { key: string }) => e.key)).toEqual(['hero-ai-video']);
    const drafts = await t.call('GET', `/api/sites/${site.id}/experiments?status=draft,paused`);
    expect(drafts.body.experiments.map((e: { key: string }) => e.key)).toEqual(['footer']);
    const bad = await t.call('GET', `/api/sites/${site.id}/experiments?status=done`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'status[0]' });
  });

  it('refuses a second experiment with the same key on the site with 409 key_taken', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const other = await createSite(t, { name: 'Other shop' });
    await createExperiment(t, site.id);
    const reply = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody());
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({ code: 'key_taken', field: 'key' });
    expect((await t.call('POST', `/api/sites/${other.id}/experiments`, experimentBody())).status).toBe(201);
  });

  it('edits a draft, variants included, keeping the ids of variants whose key stays', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    const variants = [
      variantBody('studio', { control: true, weight: 2 }),
      variantBody('ai-labelled', { origin: 'ai', disclosure: { style: 'caption', text: 'This film was made with AI.' } }),
      variantBody('ai-plain', { origin: 'ai' }),
    ];
    const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, { name: 'Renamed', coverage: 0.5, variants });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: 'Renamed', coverage: 0.5, seed: experiment.seed });
    expect(reply.body.variants.map((v: { key: string; weight: number }) => [v.key, v.weight])).toEqual([
      ['studio', 2],
      ['ai-labelled', 1],
      ['ai-plain', 1],
    ]);
    expect(reply.body.variants[0].id).toBe(experiment.variants[0].id);
    expect(reply.body.variants[1].id).toBe(experiment.variants[1].id);
  });

  it('refuses to change the seed, even of a draft', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    const reply = await t.call('PATCH', `/api/experiments/${experiment.id}`, { seed: 'another' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field: 'seed' });
  });

  it('refuses a guardrail that is also the primary metric, after a patch too', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const create = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody({ guardrailMetrics: ['added_to_cart'] }));
    expect(create.body.error).toMatchObject({ code: 'invalid_field', field: 'guardrailMetrics' });
    const experiment = await createExperiment(t, site.id);
    const patch = await t.call('PATCH', `/api/experiments/${experiment.id}`, { primaryMetric: 'trust' });
    expect(patch.status).toBe(400);
    expect(patch.body.error).toMatchObject({ code: 'invalid_field', field: 'guardrailMetrics' });
  });

  it('deletes a draft, but not an experiment that has run', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const draft = await createExperiment(t, site.id);
    const ran = await createExperiment(t, site.id, { key: 'other', slot: 'footer' });
    await setStatus(t, ran.id, 'running');
    expect((await t.call('DELETE', `/api/experiments/${draft.id}`)).status).toBe(204);
    expect((await t.call('GET', `/api/experiments/${draft.id}`)).status).toBe(404);
    const refused = await t.call('DELETE', `/api/experiments/${ran.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('experiment_frozen');
  });

  it('answers 404 for an unknown site or experiment', async () => {
    const t = buildTestApp(database());
    const cases = [
      ['GET', '/api/sites/nope/experiments', undefined],
      ['POST', '/api/sites/nope/experiments', experimentBody()],
      ['GET', '/api/experiments/nope', undefined],
      ['PATCH', '/api/experiments/nope', { name: 'x' }],
      ['DELETE', '/api/experiments/nope', undefined],
      ['POST', '/api/experiments/nope/status', { status: 'running' }],
    ] as const;
    for (const [method, path, body] of cases) {
      const reply = await t.call(method, path, body);
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body.error.code).toBe('not_found');
    }
  });
});

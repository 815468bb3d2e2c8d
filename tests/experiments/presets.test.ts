// The disclosure presets through the API: each refuses a start that breaks it and says which rule,
// which arm and what is missing; they combine; research lets an arm run undisclosed where a legal
// preset would refuse it, never for a real person or an unsaid fact; older clients' policy word
// still reads and writes.
import { afterEach, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, experimentBody, setStatus, variantBody } from '../helpers/fixtures.js';
import { buildMediaApp, uploadFile, type MediaWorld } from '../creatives/helpers.js';
import { makePng, signWithTestKey, TRAINED_ALGORITHMIC_MEDIA } from '../creatives/sign-c2pa.js';

const control = variantBody('studio', { control: true });
/** A photorealistic AI image of the real ring, worn by a model made by AI. */
const aiModel = (disclosure: unknown, facts: Record<string, unknown> = {}) =>
  variantBody('ai-model', { origin: 'ai', disclosure, photorealistic: true, syntheticHuman: true, realProduct: true, ...facts });

describeEachDialect('disclosure presets', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  async function site(t: TestApp, presets: string[]) {
    return createSite(t, { disclosurePolicy: undefined, disclosurePresets: presets });
  }

  async function tryStart(presets: string[], variants: unknown[]) {
    const t = buildTestApp(database());
    const { id } = await site(t, presets);
    const experiment = await createExperiment(t, id, { variants });
    return { t, experiment, reply: await setStatus(t, experiment.id, 'running') };
  }

  it('keeps the presets on the site, in the editor\'s order, with the older clients\' word beside them', async () => {
    const t = buildTestApp(database());
    const created = await site(t, ['strict', 'ny-gbl-396-b', 'eu-ai-act-50-4']);
    expect(created).toMatchObject({ disclosurePresets: ['eu-ai-act-50-4', 'ny-gbl-396-b', 'strict'], disclosurePolicy: 'strict' });
    // An older client's word replaces strict or research and keeps the legal presets.
    const patched = await t.call('PATCH', `/api/sites/${created.id}`, { disclosurePolicy: 'research' });
    expect(patched.body).toMatchObject({ disclosurePresets: ['eu-ai-act-50-4', 'ny-gbl-396-b', 'research'], disclosurePolicy: 'research' });
    // A site with legal presets only does not claim that every AI arm is disclosed.
    expect((await t.call('PATCH', `/api/sites/${created.id}`, { disclosurePresets: ['iab-ai-disclosure-2026'] })).body).toMatchObject({ disclosurePolicy: 'research' });
    expect((await t.call('POST', '/api/sites', { name: 'Old client' })).body).toMatchObject({ disclosurePresets: ['strict'], disclosurePolicy: 'strict' });
  });

  it.each([
    [{ disclosurePresets: ['strict', 'research'] }, 'disclosurePresets'],
    [{ disclosurePresets: [] }, 'disclosurePresets'],
    [{ disclosurePresets: ['ca-ab-2655'] }, 'disclosurePresets[0]'],
    [{ disclosurePresets: ['eu-ai-act-50-4'], disclosurePolicy: 'strict' }, 'disclosurePolicy'],
  ])('refuses the presets %j', async (body, field) => {
    const t = buildTestApp(database());
    const reply = await t.call('POST', '/api/sites', { name: 'Aurum', ...body });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field });
  });

  it('answers the arms\' facts, unsaid as null, and refuses a traditional synthetic performer', async () => {
    const t = buildTestApp(database());
    const { id } = await site(t, ['strict']);
    const experiment = await createExperiment(t, id, { variants: [control, aiModel({ style: 'label' }, { realProduct: false })] });
    expect(experiment.variants.map((v: any) => [v.photorealistic, v.syntheticHuman, v.realProduct])).toEqual([
      [null, null, null],
      [true, true, false],
    ]);
    const reply = await t.call('POST', `/api/sites/${id}/experiments`, experimentBody({ key: 'x', variants: [control, variantBody('fake', { syntheticHuman: true })] }));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field: 'variants[1].syntheticHuman' });
  });

  it('freezes the facts once the experiment has started, like the rest of the arms', async () => {
    const { t, experiment, reply } = await tryStart(['eu-ai-act-50-4'], [control, aiModel({ style: 'label' })]);
    expect(reply.status).toBe(200);
    const variants = [control, aiModel({ style: 'label' }, { photorealistic: false })];
    const patched = await t.call('PATCH', `/api/experiments/${experiment.id}`, { variants });
    expect(patched.status).toBe(409);
    expect(patched.body.error).toMatchObject({ code: 'experiment_frozen', field: 'variants' });
  });

  it.each([
    // [presets, the AI arm, rule, what is missing, field, words]
    [['eu-ai-act-50-4'], aiModel({ style: 'credentials' }), 'eu-ai-act-50-4', 'visible-disclosure', 'variants[1].disclosure', /requires a visible disclosure of a photorealistic AI image of a real product; this arm shows only the Content Credentials pin/],
    [['eu-ai-act-50-4'], aiModel({ style: 'label' }, { photorealistic: null }), 'eu-ai-act-50-4', 'photorealistic', 'variants[1].photorealistic', /needs to know whether it is photorealistic/],
    [['eu-ai-act-50-4'], aiModel({ style: 'none' }, { syntheticHuman: false, realProduct: false, likeness: 'consented', consentRef: 'release-7' }), 'eu-ai-act-50-4', 'visible-disclosure', 'variants[1].disclosure', /of a real person; this arm shows none/],
    [['ny-gbl-396-b'], aiModel({ style: 'none' }), 'ny-gbl-396-b', 'conspicuous-disclosure', 'variants[1].disclosure', /^ai-model: New York GBL §396-b requires a conspicuous disclosure of a synthetic performer; this arm shows none\.$/],
    [['ny-gbl-396-b'], aiModel({ style: 'badge' }), 'ny-gbl-396-b', 'conspicuous-disclosure', 'variants[1].disclosure', /this arm shows only the "AI" badge/],
    [['ny-gbl-396-b'], aiModel({ style: 'label' }, { syntheticHuman: null }), 'ny-gbl-396-b', 'syntheticHuman', 'variants[1].syntheticHuman', /whether it shows a synthetic performer/],
    [['iab-ai-disclosure-2026'], aiModel({ style: 'credentials' }), 'iab-ai-disclosure-2026', 'visible-disclosure', 'variants[1].disclosure', /requires a visible AI label/],
    [['iab-ai-disclosure-2026'], aiModel({ style: 'label' }), 'iab-ai-disclosure-2026', 'content-credentials', 'variants[1].media', /requires C2PA metadata .* media is not an upload/],
    [['strict'], aiModel({ style: 'none' }), 'strict', 'disclosure', 'variants[1].disclosure', /strict policy requires a disclosure/],
  ])('under %j refuses %#: naming the rule, the arm and what is missing', async (presets, arm, rule, missing, field, words) => {
    const { t, experiment, reply } = await tryStart(presets, [control, arm]);
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({ code: 'disclosure_policy', field });
    expect(reply.body.error.message).toMatch(words);
    expect(reply.body.error.violations[0]).toEqual({ rule, variant: 'ai-model', missing, field, message: expect.any(String) });
    expect((await t.call('GET', `/api/experiments/${experiment.id}`)).body.status).toBe('draft');
  });

  it.each([
    [['eu-ai-act-50-4'], aiModel({ style: 'caption' })],
    [['eu-ai-act-50-4'], aiModel({ style: 'none' }, { photorealistic: false })],
    [['eu-ai-act-50-4'], aiModel({ style: 'none' }, { realProduct: false })],
    [['ny-gbl-396-b'], aiModel({ style: 'label' })],
    [['ny-gbl-396-b'], aiModel({ style: 'none' }, { syntheticHuman: false })],
    [['iab-ai-disclosure-2026'], aiModel({ style: 'none' }, { photorealistic: false, syntheticHuman: false })],
    [['eu-ai-act-50-4', 'ny-gbl-396-b', 'strict'], aiModel({ style: 'label' })],
  ])('under %j starts %#: what the presets ask is there, or they do not reach the arm', async (presets, arm) => {
    const { reply } = await tryStart(presets, [control, arm]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  });

  it('combined, lists every rule the arm breaks, the first in the message', async () => {
    const { reply } = await tryStart(['eu-ai-act-50-4', 'ny-gbl-396-b', 'iab-ai-disclosure-2026', 'strict'], [control, aiModel({ style: 'credentials' })]);
    expect(reply.status).toBe(422);
    expect(reply.body.error.violations.map((v: any) => [v.rule, v.missing])).toEqual([
      ['eu-ai-act-50-4', 'visible-disclosure'],
      ['ny-gbl-396-b', 'conspicuous-disclosure'],
      ['iab-ai-disclosure-2026', 'visible-disclosure'],
      ['iab-ai-disclosure-2026', 'content-credentials'],
    ]);
    expect(reply.body.error.message).toMatch(/^ai-model: The EU AI Act, article 50\(4\), requires .* \(and 3 more: see violations\)\.$/);
  });

  it('under research starts an undisclosed arm the legal presets would refuse', async () => {
    const { reply } = await tryStart(['eu-ai-act-50-4', 'ny-gbl-396-b', 'iab-ai-disclosure-2026', 'research'], [control, aiModel({ style: 'none' })]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  });

  it('marks in the results the arm research let run undisclosed, with what each preset would have asked', async () => {
    const { t, experiment, reply } = await tryStart(['ny-gbl-396-b', 'research'], [control, aiModel({ style: 'none' }), variantBody('ai-plain', { origin: 'ai', syntheticHuman: false })]);
    expect(reply.status).toBe(200);
    const results = await t.call('GET', `/api/experiments/${experiment.id}/results`);
    expect(results.status).toBe(200);
    const [studio, model, plain] = results.body.variants;
    expect(studio).toMatchObject({ key: 'studio', undisclosedUnderResearch: false, policyNotes: [] });
    expect(model).toMatchObject({ key: 'ai-model', undisclosedUnderResearch: true, policyNotes: [{ rule: 'ny-gbl-396-b' }] });
    expect(model.policyNotes[0].message).toMatch(/synthetic performer; this arm shows none: allowed only because the site's presets include research/);
    // No law here reaches a plain AI arm, but it runs undisclosed all the same: research allows it.
    expect(plain).toMatchObject({ key: 'ai-plain', undisclosedUnderResearch: true, policyNotes: [{ rule: 'research' }] });
    // Without research on the site, nothing is marked.
    const strictRun = await tryStart(['eu-ai-act-50-4'], [control, aiModel({ style: 'label' })]);
    const strictResults = await strictRun.t.call('GET', `/api/experiments/${strictRun.experiment.id}/results`);
    expect(strictResults.body.variants.map((v: any) => v.undisclosedUnderResearch)).toEqual([false, false]);
  });

  it.each([
    [aiModel({ style: 'none' }, { likeness: 'consented', consentRef: 'release-7' }), 'research', 'disclosure'],
    [aiModel({ style: 'none' }, { syntheticHuman: null }), 'ny-gbl-396-b', 'syntheticHuman'],
  ])('under research still refuses %#: a real person, or a fact not said', async (arm, rule, missing) => {
    const { reply } = await tryStart(['ny-gbl-396-b', 'research'], [control, arm]);
    expect(reply.status).toBe(422);
    expect(reply.body.error.violations).toContainEqual(expect.objectContaining({ rule, variant: 'ai-model', missing }));
  });

  it('refuses to add a preset a live experiment breaks, naming the field asked for', async () => {
    const { t, experiment, reply } = await tryStart(['research'], [control, aiModel({ style: 'none' })]);
    expect(reply.status).toBe(200);
    const patched = await t.call('PATCH', `/api/sites/${experiment.siteId}`, { disclosurePresets: ['research', 'ny-gbl-396-b'] });
    // Research waives NY's disclosure: allowed. Dropping research for NY alone is not.
    expect(patched.status).toBe(200);
    const refused = await t.call('PATCH', `/api/sites/${experiment.siteId}`, { disclosurePresets: ['ny-gbl-396-b'] });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'disclosure_policy', field: 'disclosurePresets', violations: [{ rule: 'ny-gbl-396-b', variant: 'ai-model' }] });
  });

  it('under IAB starts a labelled arm whose uploaded file carries Content Credentials', async () => {
    const w = (world = buildMediaApp(database()));
    const { id } = await site(w.t, ['iab-ai-disclosure-2026']);
    const signed = await signWithTestKey(makePng(160, 90), { mime: 'image/png', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: 'Imagen 4' });
    const upload = await uploadFile(w, signed, 'model.png');
    expect(upload.status).toBe(201);
    const arm = aiModel({ style: 'label' }, { media: { creative: upload.body.id, alt: 'An AI model wearing the ring' } });
    const created = await w.t.call('POST', `/api/sites/${id}/experiments`, experimentBody({ variants: [control, arm] }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const reply = await setStatus(w.t, created.body.id, 'running');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  });
});

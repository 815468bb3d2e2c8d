// The sites admin API: create, list, read, edit; auth; validation naming the field.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, siteBody } from '../helpers/fixtures.js';

describeEachDialect('sites', (database) => {
  it('creates a site with a server-made public key and normalised origins', async () => {
    const t = buildTestApp(database());
    const reply = await t.call('POST', '/api/sites', siteBody({ allowedOrigins: ['https://Aurum.example/', 'https://aurum.example', 'http://localhost:3000'] }));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      name: 'Aurum Jewellery',
      allowedOrigins: ['https://aurum.example', 'http://localhost:3000'],
      disclosurePolicy: 'strict',
      createdAt: t.clock.now,
    });
    expect(reply.body.publicKey).toMatch(/^pk_[0-9A-Za-z]{24}$/);
    expect(reply.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('defaults to the strict disclosure policy and no allowed origins', async () => {
    const t = buildTestApp(database());
    const reply = await t.call('POST', '/api/sites', { name: 'Minimal' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ allowedOrigins: [], disclosurePolicy: 'strict' });
  });

  it('lists sites in creation order and reads one back', async () => {
    const t = buildTestApp(database());
    const first = await createSite(t, { name: 'First' });
    t.clock.now += 1000;
    const second = await createSite(t, { name: 'Second' });
    const list = await t.call('GET', '/api/sites');
    expect(list.status).toBe(200);
    expect(list.body.sites.map((site: { name: string }) => site.name)).toEqual(['First', 'Second']);
    const one = await t.call('GET', `/api/sites/${second.id}`);
    expect(one.body).toEqual(second);
    expect(first.publicKey).not.toBe(second.publicKey);
  });

  it('edits a site and keeps its public key', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    t.clock.now += 5000;
    const reply = await t.call('PATCH', `/api/sites/${site.id}`, { name: 'Aurum & Co', disclosurePolicy: 'research' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ name: 'Aurum & Co', disclosurePolicy: 'research', publicKey: site.publicKey, updatedAt: t.clock.now });
  });

  it('answers 404 not_found for a site that does not exist', async () => {
    const t = buildTestApp(database());
    for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'x' }]] as const) {
      const reply = await t.call(method, '/api/sites/no-such-site', body);
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('not_found');
    }
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(121) }, 'name'],
    [{ name: 42 }, 'name'],
    [{ allowedOrigins: ['ftp://aurum.example'] }, 'allowedOrigins[0]'],
    [{ allowedOrigins: ['https://aurum.example/shop'] }, 'allowedOrigins[0]'],
    [{ allowedOrigins: ['https://aurum.example', 'not a url'] }, 'allowedOrigins[1]'],
    [{ allowedOrigins: Array.from({ length: 21 }, (_, i) => `https://s${i}.example`) }, 'allowedOrigins'],
    [{ disclosurePolicy: 'lax' }, 'disclosurePolicy'],
    [{ color: 'gold' }, 'color'],
  ])('refuses %j with invalid_field naming %s', async (overrides, field) => {
    const t = buildTestApp(database());
    const reply = await t.call('POST', '/api/sites', siteBody(overrides));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field });
    expect(reply.body.error.message).toContain(field);
  });

  it('refuses to switch to the strict policy while an experiment breaks it', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t, { disclosurePolicy: 'research' });
    const experiment = await createExperiment(t, site.id, {
      variants: [
        { key: 'photo', name: 'Photo', origin: 'traditional', control: true, media: { type: 'image', url: 'https://a.example/p.jpg', alt: 'Ring' } },
        { key: 'ai-plain', name: 'AI, unlabelled', origin: 'ai', media: { type: 'image', url: 'https://a.example/ai.jpg', alt: 'Ring' } },
      ],
    });
    expect((await setStatus(t, experiment.id, 'running')).status).toBe(200);
    const reply = await t.call('PATCH', `/api/sites/${site.id}`, { disclosurePolicy: 'strict' });
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({ code: 'disclosure_policy', field: 'disclosurePolicy' });
    expect(reply.body.error.message).toContain(experiment.key);
    expect((await setStatus(t, experiment.id, 'stopped')).status).toBe(200);
    expect((await t.call('PATCH', `/api/sites/${site.id}`, { disclosurePolicy: 'strict' })).status).toBe(200);
  });
});

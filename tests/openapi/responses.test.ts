// Real answers of real routes, on a real database, checked against the SERVED document's schema
// for that route and status, with @cfworker/json-schema (draft 2020-12, no dependencies).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { expectMatches, type Doc } from './match-document.js';

const VARIANT = (key: string, control: boolean) => ({
  key,
  name: key,
  origin: control ? 'traditional' : 'ai',
  disclosure: control ? { style: 'none' } : { style: 'label' },
  media: { type: 'image', url: `https://shop.example/${key}.jpg`, alt: key, width: 600, height: 400 },
  control,
});

describe.each(TEST_DIALECTS)('real answers match the served document (%s)', (dialect) => {
  let database: TestDatabase;
  let t: TestApp;
  let document: Doc;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    t = buildTestApp(database);
    document = (await t.call('GET', '/api/openapi.json', undefined, { token: null })).body;
  });
  afterAll(() => database.cleanup());

  it('serves the document without the admin token, and the page under the strict CSP', async () => {
    const json = await t.call('GET', '/api/openapi.json', undefined, { token: null });
    expect(json.status).toBe(200);
    expect(json.body.openapi).toBe('3.1.0');
    const page = await t.call('GET', '/api/docs', undefined, { token: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('POST /v1/events');
  });

  it('describes the whole journey: site, experiment, events, results, and their errors', async () => {
    const check = async (method: string, path: string, docPath: string, body?: unknown, options?: Parameters<TestApp['call']>[3]) => {
      const reply = await t.call(method, path, body, options);
      expectMatches(document, method.toLowerCase(), docPath, reply);
      return reply;
    };
    /** A call that must succeed: an error answer would match the error schema and prove nothing. */
    const ok: typeof check = async (...args) => {
      const reply = await check(...args);
      expect(reply.status, `${args[0]} ${args[1]}: ${JSON.stringify(reply.body)}`).toBeLessThan(300);
      return reply;
    };
    await ok('GET', '/healthz', '/healthz');
    const site = (await ok('POST', '/api/sites', '/api/sites', { name: 'Shop', allowedOrigins: ['https://shop.example'] })).body;
    expect(site.id).toBeTypeOf('string');
    await ok('GET', '/api/sites', '/api/sites');
    await ok('GET', `/api/sites/${site.id}`, '/api/sites/{id}');
    await ok('PATCH', `/api/sites/${site.id}`, '/api/sites/{id}', { name: 'Shop 2' });
    const experiment = (
      await ok('POST', `/api/sites/${site.id}/experiments`, '/api/sites/{siteId}/experiments', { key: 'hero', name: 'Hero', slot: 'hero', primaryMetric: 'clicked', variants: [VARIANT('a', true), VARIANT('b', false)] })
    ).body;
    await ok('GET', `/api/sites/${site.id}/experiments?status=draft,running`, '/api/sites/{siteId}/experiments');
    await ok('GET', `/api/experiments/${experiment.id}`, '/api/experiments/{id}');
    await ok('PATCH', `/api/experiments/${experiment.id}`, '/api/experiments/{id}', { name: 'Hero banner' });
    const started = await ok('POST', `/api/experiments/${experiment.id}/status`, '/api/experiments/{id}/status', { status: 'running' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await ok('GET', `/v1/config?site=${site.publicKey}`, '/v1/config');
    await ok('GET', `/v1/assign?site=${site.publicKey}&experiment=hero&visitor=v1`, '/v1/assign');
    const events = await ok('POST', '/v1/events', '/v1/events', {
      site: site.publicKey,
      visitor: 'v1',
      events: [
        { id: 'e1', type: 'impression', experiment: 'hero', variant: 'a', ts: t.clock.now },
        { id: 'e2', type: 'impression', experiment: 'nope', variant: 'a', ts: t.clock.now },
      ],
    }, { token: null });
    expect(events.status).toBe(202);
    expect(events.body.accepted + events.body.duplicates + events.body.rejected.length).toBe(2);
    expect(events.body.rejected.length).toBeGreaterThan(0);
    await ok('GET', `/api/experiments/${experiment.id}/results`, '/api/experiments/{id}/results');
    await ok('GET', `/api/sites/${site.id}/drops`, '/api/sites/{id}/drops');
    await ok('GET', `/api/sites/${site.id}/installation`, '/api/sites/{id}/installation');
    await ok('GET', '/api/creatives', '/api/creatives');
    await ok('GET', '/api/session', '/api/session', undefined, { token: null });
    await ok('DELETE', '/api/visitors/v1', '/api/visitors/{id}');

    // The common errors, each against the document's error schema.
    expect((await check('GET', '/api/sites', '/api/sites', undefined, { token: null })).status).toBe(401);
    expect((await check('GET', '/api/sites/nope', '/api/sites/{id}')).status).toBe(404);
    expect((await check('POST', '/api/sites', '/api/sites', { name: '' })).status).toBe(400);
    expect((await check('POST', '/api/sites', '/api/sites', undefined, { raw: '{', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await check('POST', '/api/sites', '/api/sites', undefined, { raw: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await check('POST', `/api/sites/${site.id}/experiments`, '/api/sites/{siteId}/experiments', { key: 'hero', name: 'Again', slot: 'other', primaryMetric: 'clicked', variants: [VARIANT('a', true), VARIANT('b', false)] })).status).toBe(409);
    expect((await check('GET', '/v1/config?site=pk_unknown', '/v1/config')).status).toBe(404);
    expect((await check('DELETE', `/api/experiments/${experiment.id}`, '/api/experiments/{id}')).status).toBe(409);
  });
});

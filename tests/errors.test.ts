// Bad input of every kind gets a 4xx in the one error shape, never a 500.
import { expect, it } from 'vitest';
import { ERROR_STATUS } from '../server/errors.js';
import { buildTestApp, type Reply } from './helpers/app.js';
import { describeEachDialect } from './helpers/databases.js';
import { createSite, siteBody } from './helpers/fixtures.js';

function expectErrorShape(reply: Reply, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(Object.keys(reply.body)).toEqual(['error']);
  expect(reply.body.error.code).toBe(code);
  expect(typeof reply.body.error.message).toBe('string');
  expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS]).toBe(status);
}

describeEachDialect('error handling', (database) => {
  it('answers 404 not_found for unknown routes and methods, public or admin', async () => {
    const t = buildTestApp(database());
    expectErrorShape(await t.call('GET', '/nope', undefined, { token: null }), 404, 'not_found');
    expectErrorShape(await t.call('GET', '/api/nope'), 404, 'not_found');
    expectErrorShape(await t.call('DELETE', '/api/sites'), 404, 'not_found');
    expectErrorShape(await t.call('PUT', '/v1/config', undefined, { token: null }), 404, 'not_found');
  });

  it.each([
    ['broken JSON', '{"name": "Aurum",'],
    ['an empty body', ''],
    ['a bare word', 'hello'],
  ])('answers 400 invalid_json to %s', async (_, raw) => {
    const t = buildTestApp(database());
    expectErrorShape(await t.call('POST', '/api/sites', undefined, { raw }), 400, 'invalid_json');
  });

  it.each([
    ['null', null],
    ['an array', [siteBody()]],
    ['a string', 'Aurum'],
    ['a number', 42],
  ])('answers 400 invalid_field to a body that is %s instead of an object', async (_, body) => {
    const t = buildTestApp(database());
    expectErrorShape(await t.call('POST', '/api/sites', body), 400, 'invalid_field');
  });

  it('answers 415 unsupported_media_type to a body that is not sent as JSON', async () => {
    const t = buildTestApp(database());
    const reply = await t.call('POST', '/api/sites', undefined, { raw: JSON.stringify(siteBody()), headers: { 'content-type': 'text/plain' } });
    expectErrorShape(reply, 415, 'unsupported_media_type');
  });

  it('answers 413 payload_too_large to a body over 256 KB, and stores nothing', async () => {
    const t = buildTestApp(database());
    const raw = JSON.stringify(siteBody({ name: 'x'.repeat(300 * 1024) }));
    expectErrorShape(await t.call('POST', '/api/sites', undefined, { raw }), 413, 'payload_too_large');
    expect((await t.call('GET', '/api/sites')).body.sites).toEqual([]);
  });

  it('keeps working after bad requests: a good request right after one succeeds', async () => {
    const t = buildTestApp(database());
    await t.call('POST', '/api/sites', undefined, { raw: '{' });
    await t.call('POST', '/api/sites', { name: 7 });
    const site = await createSite(t);
    expect((await t.call('GET', `/api/sites/${site.id}`)).status).toBe(200);
  });

  it('answers unusual but harmless inputs without a 500: odd ids, unicode, huge numbers', async () => {
    const t = buildTestApp(database());
    const odd = ['%00', "'; DROP TABLE sites; --", 'ü'.repeat(300), '..%2F..%2Fetc'];
    for (const id of odd) {
      const reply = await t.call('GET', `/api/experiments/${encodeURIComponent(id)}`);
      expect(reply.status, id).toBe(404);
    }
    const unicode = await t.call('POST', '/api/sites', siteBody({ name: 'Bijoux Élégance 💍 東京' }));
    expect(unicode.status).toBe(201);
    expect(unicode.body.name).toBe('Bijoux Élégance 💍 東京');
    const site = unicode.body;
    const huge = await t.call('POST', `/api/sites/${site.id}/experiments`, { key: 'k', name: 'n', slot: 's', primaryMetric: 'clicked', coverage: 1e308 * 10, variants: [] });
    expect(huge.status).toBe(400);
  });
});

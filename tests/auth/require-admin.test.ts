// Every admin route needs the admin token; the public routes do not.
import { expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, experimentBody, siteBody } from '../helpers/fixtures.js';

describeEachDialect('admin authentication', (database) => {
  async function adminRoutes() {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    const routes: Array<[string, string, unknown]> = [
      ['GET', '/api/sites', undefined],
      ['POST', '/api/sites', siteBody()],
      ['GET', `/api/sites/${site.id}`, undefined],
      ['PATCH', `/api/sites/${site.id}`, { name: 'x' }],
      ['GET', `/api/sites/${site.id}/experiments`, undefined],
      ['POST', `/api/sites/${site.id}/experiments`, experimentBody({ key: 'other' })],
      ['GET', `/api/experiments/${experiment.id}`, undefined],
      ['PATCH', `/api/experiments/${experiment.id}`, { name: 'x' }],
      ['DELETE', `/api/experiments/${experiment.id}`, undefined],
      ['POST', `/api/experiments/${experiment.id}/status`, { status: 'running' }],
      ['GET', '/api/no-such-route', undefined],
    ];
    return { t, routes };
  }

  it.each([
    ['no Authorization header', null, undefined],
    ['a wrong token', 'wrong-token-0123456789abcdef0000', undefined],
    ['a token one character short', ADMIN_TOKEN.slice(0, -1), undefined],
    ['the right token in the Basic scheme', null, `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`],
    ['the right token with no scheme', null, ADMIN_TOKEN],
  ])('answers 401 unauthorized to every admin route with %s', async (_, token, header) => {
    const { t, routes } = await adminRoutes();
    for (const [method, path, body] of routes) {
      const reply = await t.call(method, path, body, { token, ...(header && { headers: { authorization: header } }) });
      expect(reply.status, `${method} ${path}`).toBe(401);
      expect(reply.body.error.code).toBe('unauthorized');
      expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="candor"');
    }
    const list = await t.call('GET', '/api/sites');
    expect(list.body.sites).toHaveLength(1);
  });

  it('accepts the token whatever the case of the scheme name', async () => {
    const { t } = await adminRoutes();
    const reply = await t.call('GET', '/api/sites', undefined, { token: null, headers: { authorization: `bearer ${ADMIN_TOKEN}` } });
    expect(reply.status).toBe(200);
  });
});

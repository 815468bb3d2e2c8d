// Which browsers may read the public API: the site's own origins, and pages Candor serves itself
// (the demo shop), whose Origin names the host the request came to.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite } from '../helpers/fixtures.js';

describeEachDialect('public API origins', (database) => {
  async function siteConfig(headers: Record<string, string>, env: Record<string, string> = {}) {
    const t = buildTestApp(database(), { env });
    const site = await createSite(t, { allowedOrigins: ['https://aurum.example'] });
    return t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null, headers });
  }

  it('lets a page served by Candor itself read the config: its Origin names the request\'s own host', async () => {
    const reply = await siteConfig({ origin: 'http://candor.example:8787', host: 'candor.example:8787' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://candor.example:8787');
  });

  it('counts the host, not the scheme, as Candor\'s own (a TLS proxy in front forwards plain http)', async () => {
    const reply = await siteConfig({ origin: 'https://candor.example', host: 'candor.example' });
    expect(reply.status).toBe(200);
  });

  it('still refuses another origin, a look-alike host, and the opaque "null" origin', async () => {
    for (const origin of ['https://evil.example', 'http://candor.example.evil.com:8787', 'null']) {
      const reply = await siteConfig({ origin, host: 'candor.example:8787' });
      expect(reply.status, origin).toBe(403);
      expect(reply.body.error.code).toBe('origin_not_allowed');
    }
  });

  it('takes the host a trusted proxy was asked for from X-Forwarded-Host, and ignores it from anyone else', async () => {
    const headers = { origin: 'https://candor.example', host: 'candor-internal:8787', 'x-forwarded-host': 'candor.example' };
    expect((await siteConfig(headers, { CANDOR_TRUST_PROXY: 'true' })).status).toBe(200);
    expect((await siteConfig(headers)).status).toBe(403);
  });
});

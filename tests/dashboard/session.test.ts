// Dashboard sessions: logging in trades the admin token for an HttpOnly, SameSite=Strict cookie
// that is not the token; the admin API accepts it; writes made with it must come from our origin.
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite, siteBody } from '../helpers/fixtures.js';
import { createApp } from '../../server/app.js';
import { hashToken } from '../../server/auth/admin-token.js';
import { SESSION_TTL_MS } from '../../server/auth/session.js';
import { createLastSeen } from '../../server/collect/last-seen.js';
import { loadConfig } from '../../server/config.js';

const ORIGIN = 'http://localhost';

async function logIn(t: TestApp, token = ADMIN_TOKEN, headers: Record<string, string> = { origin: ORIGIN }) {
  return t.call('POST', '/api/session', { token }, { token: null, headers });
}

function cookieOf(reply: { headers: Headers }): string {
  const header = reply.headers.get('set-cookie') ?? '';
  return header.split(';')[0]!;
}

describeEachDialect('dashboard session', (database) => {
  describe('happy path', () => {
    it('logs in with the admin token and sets an HttpOnly, SameSite=Strict session cookie on /', async () => {
      const t = buildTestApp(database());
      const reply = await logIn(t);
      expect(reply.status).toBe(200);
      expect(reply.body.authenticated).toBe(true);
      const cookie = reply.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^candor_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Strict/i);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).toMatch(new RegExp(`; Max-Age=${SESSION_TTL_MS / 1000}`));
      expect(cookie).not.toMatch(/; Secure/i);
      expect(cookie).not.toContain(ADMIN_TOKEN);
    });

    it('marks the cookie Secure when the request came over https', async () => {
      const t = buildTestApp(database());
      const response = await t.app.request('https://candor.example/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://candor.example' },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('set-cookie')).toMatch(/; Secure/i);
    });

    it('marks the cookie Secure whenever the public URL is https, even when the request reaching Candor is plain http', async () => {
      const t = buildTestApp(database(), { env: { CANDOR_PUBLIC_URL: 'https://candor.example' } });
      const reply = await logIn(t, ADMIN_TOKEN, { origin: 'https://candor.example' });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('set-cookie')).toMatch(/; Secure/i);
      const out = await t.call('DELETE', '/api/session', undefined, { token: null, headers: { cookie: cookieOf(reply), origin: 'https://candor.example' } });
      expect(out.headers.get('set-cookie')).toMatch(/; Secure/i);
    });

    it('ignores X-Forwarded-Proto with trust off: a client cannot ask for a Secure cookie, nor pass the origin check with it', async () => {
      const t = buildTestApp(database());
      const reply = await logIn(t, ADMIN_TOKEN, { origin: ORIGIN, 'x-forwarded-proto': 'https' });
      expect(reply.headers.get('set-cookie')).not.toMatch(/; Secure/i);
      const forged = await logIn(t, ADMIN_TOKEN, { origin: 'https://evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
      expect(forged.status).toBe(403);
    });

    it('lets the session cookie stand in for the bearer token on the admin API', async () => {
      const t = buildTestApp(database());
      await createSite(t);
      const cookie = cookieOf(await logIn(t));
      const list = await t.call('GET', '/api/sites', undefined, { token: null, headers: { cookie } });
      expect(list.status).toBe(200);
      expect(list.body.sites).toHaveLength(1);
      const created = await t.call('POST', '/api/sites', siteBody({ name: 'Second shop' }), { token: null, headers: { cookie, origin: ORIGIN } });
      expect(created.status).toBe(201);
    });

    it('says whether there is a session', async () => {
      const t = buildTestApp(database());
      expect((await t.call('GET', '/api/session', undefined, { token: null })).body).toEqual({ authenticated: false });
      const cookie = cookieOf(await logIn(t));
      const answer = await t.call('GET', '/api/session', undefined, { token: null, headers: { cookie } });
      expect(answer.body).toEqual({ authenticated: true });
      expect(answer.headers.get('cache-control')).toBe('no-store');
    });

    it('logs out: the cookie is cleared and the session no longer opens the admin API', async () => {
      const t = buildTestApp(database());
      const cookie = cookieOf(await logIn(t));
      const out = await t.call('DELETE', '/api/session', undefined, { token: null, headers: { cookie, origin: ORIGIN } });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/^candor_session=;.*Max-Age=0/);
      const after = await t.call('GET', '/api/sites', undefined, { token: null, headers: { cookie } });
      expect(after.status).toBe(401);
    });

    it('keeps sessions in the database, so they survive a restart of the app', async () => {
      const first = buildTestApp(database());
      const cookie = cookieOf(await logIn(first));
      const second = buildTestApp(database());
      expect((await second.call('GET', '/api/sites', undefined, { token: null, headers: { cookie } })).status).toBe(200);
    });
  });

  describe('errors', () => {
    it('answers a wrong token with 401 in the standard error shape and sets no cookie', async () => {
      const t = buildTestApp(database());
      const reply = await logIn(t, 'not-the-admin-token-at-all');
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String), field: 'token' } });
      expect(reply.headers.get('set-cookie')).toBeNull();
    });

    it('refuses a login body that is not {token}', async () => {
      const t = buildTestApp(database());
      expect((await t.call('POST', '/api/session', { password: 'x' }, { token: null })).status).toBe(400);
      expect((await t.call('POST', '/api/session', undefined, { token: null, raw: 'token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    });

    it('expires a session after its time', async () => {
      const t = buildTestApp(database());
      const cookie = cookieOf(await logIn(t));
      t.clock.now += SESSION_TTL_MS + 1;
      expect((await t.call('GET', '/api/sites', undefined, { token: null, headers: { cookie } })).status).toBe(401);
    });

    it('does not accept a made-up or altered cookie', async () => {
      const t = buildTestApp(database());
      const cookie = cookieOf(await logIn(t));
      const altered = cookie.slice(0, -1) + (cookie.endsWith('A') ? 'B' : 'A');
      for (const value of [altered, 'candor_session=' + ADMIN_TOKEN, 'candor_session=', "candor_session=' OR 1=1 --"]) {
        const reply = await t.call('GET', '/api/sites', undefined, { token: null, headers: { cookie: value } });
        expect(reply.status, value).toBe(401);
        expect(reply.body.error.code).toBe('unauthorized');
      }
    });

    it('ends every session when the admin token changes', async () => {
      const t = buildTestApp(database());
      const cookie = cookieOf(await logIn(t));
      const { db, dialect } = database();
      const rotated = createApp({
        db,
        dialect,
        config: loadConfig({ CANDOR_DATABASE_URL: 'sqlite::memory:' }),
        adminTokenHash: hashToken('a-brand-new-admin-token-0000'),
        now: () => t.clock.now,
        catalog: t.catalog,
        writer: t.writer,
        lastSeen: createLastSeen(db),
      });
      expect((await rotated.request('/api/sites', { headers: { cookie } })).status).toBe(401);
      expect((await t.call('GET', '/api/sites', undefined, { token: null, headers: { cookie } })).status).toBe(200);
    });
  });

  describe('security', () => {
    it('refuses a cookie-authenticated write from another origin (CSRF), and lets reads through', async () => {
      const t = buildTestApp(database());
      const cookie = cookieOf(await logIn(t));
      const write = await t.call('POST', '/api/sites', siteBody(), { token: null, headers: { cookie, origin: 'https://evil.example' } });
      expect(write.status).toBe(403);
      expect(write.body.error.code).toBe('origin_not_allowed');
      const patch = await t.call('DELETE', '/api/session', undefined, { token: null, headers: { cookie, origin: 'https://evil.example' } });
      expect(patch.status).toBe(403);
      expect((await t.call('GET', '/api/sites', undefined, { token: null, headers: { cookie, origin: 'https://evil.example' } })).status).toBe(200);
      expect((await t.call('GET', '/api/sites')).body.sites).toHaveLength(0);
    });

    it('refuses a cross-site write that carries no Origin but says Sec-Fetch-Site: cross-site', async () => {
      const t = buildTestApp(database());
      const cookie = cookieOf(await logIn(t));
      const reply = await t.call('POST', '/api/sites', siteBody(), { token: null, headers: { cookie, 'sec-fetch-site': 'cross-site' } });
      expect(reply.status).toBe(403);
    });

    it('accepts the configured public URL as the origin behind a proxy', async () => {
      const t = buildTestApp(database(), { env: { CANDOR_PUBLIC_URL: 'https://ab.shop.example' } });
      const cookie = cookieOf(await logIn(t, ADMIN_TOKEN, { origin: 'https://ab.shop.example' }));
      const reply = await t.call('POST', '/api/sites', siteBody(), { token: null, headers: { cookie, origin: 'https://ab.shop.example' } });
      expect(reply.status).toBe(201);
    });

    it('refuses a login posted from another site', async () => {
      const t = buildTestApp(database());
      const reply = await logIn(t, ADMIN_TOKEN, { origin: 'https://evil.example' });
      expect(reply.status).toBe(403);
      expect(reply.headers.get('set-cookie')).toBeNull();
    });

    it('stores no session id in the clear', async () => {
      const t = buildTestApp(database());
      const id = cookieOf(await logIn(t)).split('=')[1]!;
      const rows = await database().db.selectFrom('settings').select(['key', 'value']).execute();
      expect(JSON.stringify(rows)).not.toContain(id);
      expect(rows.filter((row) => row.key.startsWith('session:'))).toHaveLength(1);
    });

    it('still takes a bearer token over a cookie, and a wrong bearer token is not rescued by a good cookie', async () => {
      const t = buildTestApp(database());
      const cookie = cookieOf(await logIn(t));
      const reply = await t.call('GET', '/api/sites', undefined, { token: 'wrong-token-0123456789abcdef0000', headers: { cookie } });
      expect(reply.status).toBe(401);
    });
  });
});

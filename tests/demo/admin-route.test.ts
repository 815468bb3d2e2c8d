// POST /api/demo, the dashboard's "Load the demo": behind the admin token, creates the demo and
// sends its visitors once, answers 409 demo_loaded after that, and refuses what it cannot do.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';

describeEachDialect('POST /api/demo', (database) => {
  it('requires the admin token and creates nothing without it', async () => {
    const t = buildTestApp(database());
    for (const token of [null, 'not-the-admin-token-at-all']) {
      const reply = await t.call('POST', '/api/demo', { visitors: 10 }, { token });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('unauthorized');
    }
    expect(await database().db.selectFrom('sites').select('id').execute()).toEqual([]);
  });

  it('loads the demo: its site, its running experiment, and the visitors and events sent', async () => {
    const t = buildTestApp(database());
    const reply = await t.call('POST', '/api/demo', { visitors: 200 });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['site', 'experiment', 'visitors', 'events']);
    expect(reply.body.site.name).toBe('Aurelia Atelier (demo)');
    expect(reply.body.experiment).toMatchObject({ key: 'hero-campaign', status: 'running' });
    expect(reply.body.visitors).toBe(200);
    const stored = await database().db.selectFrom('events').select('id').execute();
    expect(reply.body.events).toBe(stored.length);
    expect(stored.length).toBeGreaterThan(200);
    // The shop page now carries the new site's key.
    expect(await (await t.app.request('/demo')).text()).toContain(`data-site="${reply.body.site.publicKey}"`);
  });

  it("sends its visitors through the same app: the installation check has seen them, as this process's own", async () => {
    const t = buildTestApp(database());
    const reply = await t.call('POST', '/api/demo', { visitors: 200 });
    const check = await t.call('GET', `/api/sites/${reply.body.site.id}/installation`);
    expect(check.status).toBe(200);
    // From the memory of this app, not the stored events' stand-in; server-sent, so no origin.
    expect(check.body.lastSeen).toMatchObject({ at: t.clock.now, origin: null, source: 'memory', secondsAgo: 0 });
    expect(check.body.conversions.purchase).toEqual({ at: t.clock.now, secondsAgo: 0 });
  });

  it('is not held back by the rate limit, which still holds for requests from outside', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '1' } });
    const reply = await t.call('POST', '/api/demo', { visitors: 100 });
    expect(reply.status).toBe(200);
    expect(reply.body.events).toBeGreaterThan(100);
    const batch = JSON.stringify({ site: reply.body.site.publicKey, visitor: 'v-outside-0001', events: [] });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await t.call('POST', '/v1/events', undefined, { token: null, raw: batch })).status);
    expect(answers).toContain(429);
  });

  it('takes an empty body, as the dashboard sends it', async () => {
    const t = buildTestApp(database());
    const reply = await t.app.request('/api/demo', { method: 'POST', headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' } });
    expect(reply.status).toBe(200);
    expect((await reply.json()).visitors).toBe(4000);
  }, 60_000);

  it('answers a second load with 409 demo_loaded and sends nothing more', async () => {
    const t = buildTestApp(database());
    const first = await t.call('POST', '/api/demo', { visitors: 50 });
    const second = await t.call('POST', '/api/demo', { visitors: 50, seed: 'other' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('demo_loaded');
    expect(await database().db.selectFrom('events').select('id').execute()).toHaveLength(first.body.events);
    expect(await database().db.selectFrom('sites').select('id').execute()).toHaveLength(1);
  });

  it('refuses bad options with invalid_field', async () => {
    const t = buildTestApp(database());
    for (const body of [{ visitors: 0 }, { visitors: 1e9 }, { visitors: 1.5 }, { seed: '' }, { other: 1 }]) {
      const reply = await t.call('POST', '/api/demo', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toBe('invalid_field');
    }
  });

  it('says so when the demo experiment was stopped', async () => {
    const t = buildTestApp(database());
    const { experiment } = (await t.call('POST', '/api/demo', { visitors: 10 })).body;
    await database().db.deleteFrom('settings').where('key', '=', 'demo_traffic_loaded_at').execute();
    await t.call('POST', `/api/experiments/${experiment.id}/status`, { status: 'stopped' });
    const reply = await t.call('POST', '/api/demo', { visitors: 10 });
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('stopped') });
  });
});

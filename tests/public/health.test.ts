// GET /healthz: up when the database answers, 503 in the one error shape when it does not.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';

describeEachDialect('GET /healthz', (database) => {
  it('answers ok without a token when the database answers', async () => {
    const t = buildTestApp(database());
    const reply = await t.call('GET', '/healthz', undefined, { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok', time: t.clock.now });
  });

  it('answers 503 unavailable when the database is gone', async () => {
    const t = buildTestApp(database());
    await database().close();
    const reply = await t.call('GET', '/healthz', undefined, { token: null });
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe('unavailable');
  });
});

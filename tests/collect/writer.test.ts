// The group-commit writer: many requests share one transaction, each is answered only after
// its events committed, the queue is bounded, and a failed commit acknowledges nothing.
import { expect, it } from 'vitest';
import { createWriter } from '../../server/collect/writer.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, runningSetup, send } from './helpers.js';

describeEachDialect('group commit', (database) => {
  it('commits concurrent requests together and answers each after its commit', async () => {
    const t = buildTestApp(database(), { writer: { flushEveryMs: 20 } });
    const { site, experiment } = await runningSetup(t);
    const visitors = Array.from({ length: 40 }, (_, i) => `visitor-${i}`);
    const replies = await Promise.all(visitors.map((visitor) => send(t, site, visitor, [armEvent(experiment, visitor, 'exposure', t.clock.now)])));
    expect(replies.every((reply) => reply.status === 202 && reply.body.accepted === 1)).toBe(true);
    const received = await database().db.selectFrom('events').select('receivedAt').distinct().execute();
    // All forty arrived within one 20 ms window, so they went in one or two transactions, not forty.
    expect(received.length).toBeLessThanOrEqual(2);
    expect(await database().db.selectFrom('visitorFacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 40 });
  });

  it('answers 503 with Retry-After when the queue is full, and stores that batch nowhere', async () => {
    const t = buildTestApp(database(), { writer: { maxQueuedEvents: 3, flushEveryMs: 50 } });
    const { site, experiment } = await runningSetup(t);
    const batch = (visitor: string) => [0, 1].map((i) => armEvent(experiment, visitor, 'exposure', t.clock.now - i));
    const first = send(t, site, 'a', batch('a'));
    const second = send(t, site, 'b', batch('b'));
    const [one, two] = await Promise.all([first, second]);
    expect(one.status).toBe(202);
    expect(two.status).toBe(503);
    expect(two.body.error.code).toBe('unavailable');
    expect(two.headers.get('retry-after')).toBe('1');
    const visitors = await database().db.selectFrom('events').select('visitorId').distinct().execute();
    expect(visitors).toEqual([{ visitorId: 'a' }]);
  });

  it('acknowledges nothing when the commit fails, and keeps working afterwards', async () => {
    const t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const db = database().db;
    const writer = createWriter(db, database().dialect, { flushEveryMs: 1 });
    // type is NOT NULL: the whole transaction fails, and with it this job.
    const broken = writer.submit({ siteId: site.id, events: [{ ...goodEvent(site.id), type: null as unknown as string }], drops: new Map() });
    await expect(broken).rejects.toThrow();
    const good = await writer.submit({ siteId: site.id, events: [goodEvent(site.id)], drops: new Map() });
    expect(good).toEqual({ inserted: 1, duplicates: 0 });
    await writer.close();
    await expect(writer.submit({ siteId: site.id, events: [goodEvent(site.id)], drops: new Map() })).rejects.toThrow(/shutting down/);
  });

  it('rate-limits a client address with 429 and Retry-After', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '1' } });
    const { site, experiment } = await runningSetup(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(t, site, `v${i}`, [armEvent(experiment, `v${i}`, 'exposure', t.clock.now)])).status);
    // A burst of four, then the bucket is empty (the test clock stands still).
    expect(statuses).toEqual([202, 202, 202, 202, 429, 429]);
    const limited = await send(t, site, 'v9', [armEvent(experiment, 'v9', 'exposure', t.clock.now)]);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toBe('1');
    t.clock.now += 2000;
    expect((await send(t, site, 'v10', [armEvent(experiment, 'v10', 'exposure', t.clock.now)])).status).toBe(202);
  });
});

let counter = 0;
function goodEvent(siteId: string) {
  counter++;
  return {
    siteId,
    id: `writer-test-${counter}-${Math.random().toString(36).slice(2)}`,
    experimentId: null,
    variantId: null,
    visitorId: 'writer-visitor',
    type: 'custom',
    name: 'ping',
    ts: Date.now(),
    value: null,
    orderId: null,
    props: null,
  };
}

// What POST /v1/events tells its sender, on every dialect: every event sent is accepted, a
// duplicate, rejected with its field named, or dropped with its reason counted; and events about
// an experiment stamped before it started are refused or taken as stamped at the start.
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { DAY_MS, INGEST_LIMITS as L, dayOf } from '../../server/collect/vocabulary.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus } from '../helpers/fixtures.js';
import { armEvent, event, runningSetup, send } from './helpers.js';

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/** Every event of a batch is accounted for, once. */
function accountedFor(body: { accepted: number; duplicates: number; rejected: unknown[]; dropped: Record<string, number> }): number {
  return body.accepted + body.duplicates + body.rejected.length + Object.values(body.dropped).reduce((a, b) => a + b, 0);
}

describeEachDialect('the answer to POST /v1/events', (database) => {
  it('says a bot\'s beacon was dropped, and how many of its events, instead of a bare 202', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const events = [armEvent(experiment, 'v1', 'exposure', t.clock.now), armEvent(experiment, 'v1', 'click', t.clock.now)];
    const reply = await send(t, site, 'v1', events, { 'user-agent': GOOGLEBOT });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ accepted: 0, duplicates: 0, rejected: [], dropped: { bot: 2 } });
    expect(accountedFor(reply.body)).toBe(events.length);
  });

  it('accounts for every event of a mixed batch: accepted, duplicate, or rejected with the field at fault', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const now = t.clock.now;
    const exposure = armEvent(experiment, 'v1', 'exposure', now);
    const events = [
      exposure,
      exposure,
      event('purchase', now, { value: 129 }),
      armEvent(experiment, 'v1', 'click', now + L.maxFutureMs + 1),
      event('exposure', now, { experiment: experiment.key, variant: 'no-such-arm' }),
    ];
    const reply = await send(t, site, 'v1', events);
    expect(reply.body).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: [
        { index: 2, code: 'invalid_event', field: 'order' },
        { index: 3, code: 'invalid_timestamp', field: 'ts' },
        { index: 4, code: 'unknown_variant', field: 'variant' },
      ],
      dropped: {},
    });
    expect(accountedFor(reply.body)).toBe(events.length);
  });

  it('refuses a purchase without an order id, naming the order, and stores none of it', async () => {
    const t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const reply = await t.call('POST', '/v1/events', { site: site.publicKey, visitor: 'v1', events: [event('purchase', t.clock.now, { value: 258 })] }, { token: null });
    expect(reply.body).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, code: 'invalid_event', field: 'order' }], dropped: {} });
    expect(await database().db.selectFrom('events').selectAll().execute()).toEqual([]);
  });

  // The clock starts two minutes after midnight UTC, so an event stamped a few minutes before
  // the start would fall on the day before it.
  const START = Date.UTC(2026, 10, 24) + 2 * 60_000;

  async function startedAt(start: number) {
    const t = buildTestApp(database(), { clock: { now: start } });
    const site = await createSite(t, { allowedOrigins: ['https://aurum.example'] });
    const draft = await createExperiment(t, site.id, { key: 'hero' });
    const experiment = (await setStatus(t, draft.id, 'running')).body;
    expect(experiment.startedAt).toBe(start);
    return { t, site, experiment };
  }

  it('refuses an experiment event stamped more than the clock-skew allowance before the experiment started, as before_start', async () => {
    const { t, site, experiment } = await startedAt(START);
    t.clock.now = START + DAY_MS;
    const early = START - L.maxFutureMs - 1;
    const types = ['exposure', 'viewable', 'video_start', 'click'] as const;
    const reply = await send(t, site, 'v1', [
      ...types.map((type) => armEvent(experiment, 'v1', type, early)),
      armEvent(experiment, 'v1', 'survey', early, { name: 'trust', value: 4 }),
      armEvent(experiment, 'v1', 'video_progress', early, { value: 50 }),
    ]);
    expect(reply.body).toEqual({ accepted: 0, duplicates: 0, rejected: [0, 1, 2, 3, 4, 5].map((index) => ({ index, code: 'before_start', field: 'ts' })), dropped: {} });
    const drops = await database().db.selectFrom('dropCounts').select(['reason', 'count']).execute();
    expect(drops.map((row) => [row.reason, Number(row.count)])).toEqual([['before_start', 6]]);
  });

  it('takes an experiment event stamped within the allowance before the start as stamped at the start, so no cohort day precedes it', async () => {
    const { t, site, experiment } = await startedAt(START);
    const exposure = armEvent(experiment, 'v1', 'exposure', START - L.maxFutureMs);
    const click = armEvent(experiment, 'v1', 'click', START - 60_000);
    const reply = await send(t, site, 'v1', [exposure, click]);
    expect(reply.body).toMatchObject({ accepted: 2, rejected: [] });
    const stored = await database().db.selectFrom('events').select(['id', 'ts']).orderBy('id').execute();
    expect(stored).toEqual([{ id: exposure.id, ts: START }, { id: click.id, ts: START }].sort((a, b) => a.id.localeCompare(b.id)));
    const fact = await database().db.selectFrom('visitorFacts').selectAll().executeTakeFirstOrThrow();
    expect(fact).toMatchObject({ firstExposureAt: START, exposureDay: dayOf(START), exposures: 1, clicks: 1 });
    const days = await database().db.selectFrom('variantDailySums').select('day').distinct().execute();
    expect(days.map((row) => row.day)).toEqual([dayOf(START)]);
    const report = await verifyConsistency(database().db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  });

  it('keeps a conversion stamped before the start, at its own time and without the experiment: it counts only after an exposure anyway', async () => {
    const { t, site, experiment } = await startedAt(START);
    const cart = event('add_to_cart', START - L.maxFutureMs - 60_000, { value: 30, experiment: experiment.key, variant: 'studio' });
    const reply = await send(t, site, 'v1', [cart]);
    expect(reply.body).toMatchObject({ accepted: 1, rejected: [] });
    expect(await database().db.selectFrom('events').select(['ts', 'experimentId']).execute()).toEqual([{ ts: cart.ts, experimentId: null }]);
  });

  it('keeps the first start through a pause: an event stamped before the resume but after the first start is taken', async () => {
    const { t, site, experiment } = await startedAt(START);
    t.clock.now = START + 3600_000;
    await setStatus(t, experiment.id, 'paused');
    t.clock.now = START + 2 * 3600_000;
    const resumed = await setStatus(t, experiment.id, 'running');
    expect(resumed.body.startedAt).toBe(START);
    // A beacon from a phone that was offline: shown during the first hour, sent after the resume.
    const late = armEvent(experiment, 'v1', 'exposure', START + 1800_000);
    expect((await send(t, site, 'v1', [late])).body).toMatchObject({ accepted: 1, rejected: [] });
    expect(await database().db.selectFrom('events').select('ts').execute()).toEqual([{ ts: START + 1800_000 }]);
  });

  it('still takes any past event for an experiment started a week ago (the usual case)', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const reply = await send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', t.clock.now - L.maxAgeMs)]);
    expect(reply.body).toEqual({ accepted: 1, duplicates: 0, rejected: [], dropped: {} });
  });
});

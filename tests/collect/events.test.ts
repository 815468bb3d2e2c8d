// POST /v1/events through the real app: what is stored, what each event does to the visitor's
// facts and the daily sums, duplicates, conversions across experiments, CORS.
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { dayOf } from '../../server/collect/vocabulary.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, setStatus } from '../helpers/fixtures.js';
import { armEvent, armOf, event, runningSetup, send, setStatusAWeekAgo } from './helpers.js';

describeEachDialect('POST /v1/events', (database) => {
  it('stores a batch and answers 202 with what it accepted, after the commit', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const now = t.clock.now;
    const events = [armEvent(experiment, 'v1', 'exposure', now - 3000), armEvent(experiment, 'v1', 'viewable', now - 1000)];
    const reply = await send(t, site, 'v1', events);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ accepted: 2, duplicates: 0, rejected: [], dropped: {} });
    const stored = await database().db.selectFrom('events').selectAll().orderBy('ts').execute();
    expect(stored.map((row) => [row.id, row.type, row.visitorId, row.experimentId, row.variantId, row.ts, row.receivedAt])).toEqual([
      [events[0]!.id, 'exposure', 'v1', experiment.id, armOf(experiment, 'v1').id, now - 3000, now],
      [events[1]!.id, 'viewable', 'v1', experiment.id, armOf(experiment, 'v1').id, now - 1000, now],
    ]);
  });

  it('builds the visitor\'s fact from what happened after the first exposure', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const now = t.clock.now;
    const at = (seconds: number) => now - 60_000 + seconds * 1000;
    await send(t, site, 'v1', [
      armEvent(experiment, 'v1', 'click', at(0)), // before the exposure: does not count
      armEvent(experiment, 'v1', 'exposure', at(1)),
      armEvent(experiment, 'v1', 'exposure', at(2)),
      armEvent(experiment, 'v1', 'viewable', at(3)),
      armEvent(experiment, 'v1', 'video_start', at(4)),
      armEvent(experiment, 'v1', 'video_progress', at(5), { value: 50 }),
      armEvent(experiment, 'v1', 'video_progress', at(6), { value: 25 }),
      armEvent(experiment, 'v1', 'click', at(7)),
      armEvent(experiment, 'v1', 'click', at(8)),
      armEvent(experiment, 'v1', 'survey', at(9), { name: 'trust', value: 4 }),
      armEvent(experiment, 'v1', 'survey', at(10), { name: 'trust', value: 2 }),
      armEvent(experiment, 'v1', 'survey', at(11), { name: 'noticed', value: 0 }),
      event('add_to_cart', at(12), { value: 89 }),
      event('purchase', at(13), { value: 89, order: 'A-100' }),
      event('purchase', at(14), { value: 40.5, order: 'A-101' }),
      event('custom', at(15), { name: 'newsletter_signup' }),
    ]);
    const fact = await database().db.selectFrom('visitorFacts').selectAll().executeTakeFirstOrThrow();
    expect(fact).toMatchObject({
      experimentId: experiment.id,
      visitorId: 'v1',
      siteId: site.id,
      variantId: armOf(experiment, 'v1').id,
      firstExposureAt: at(1),
      exposureDay: dayOf(at(1)),
      exposures: 2,
      viewable: 1,
      videoStarted: 1,
      watchPct: 50,
      videoCompleted: 0,
      clicks: 2,
      addedToCart: 1,
      purchased: 1,
      revenue: 129.5,
      trustSum: 6,
      trustAnswers: 2,
      noticedDisclosure: 0,
      answeredSurvey: 1,
    });
  });

  it('keeps the daily sums equal to the facts: n, Σx, Σx² per variant, metric and cohort day', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const now = t.clock.now;
    const visitors = Array.from({ length: 12 }, (_, i) => `visitor-${i}`);
    for (const [i, visitor] of visitors.entries()) {
      const events = [armEvent(experiment, visitor, 'exposure', now - 5000)];
      if (i % 2 === 0) events.push(event('purchase', now - 1000, { value: 10 * (i + 1), order: `order-${i}` }));
      if (i % 3 === 0) events.push(armEvent(experiment, visitor, 'survey', now - 500, { name: 'trust', value: 1 + (i % 5) }));
      expect((await send(t, site, visitor, events)).body.rejected).toEqual([]);
    }
    const sums = await database().db.selectFrom('variantDailySums').selectAll().execute();
    for (const variant of experiment.variants) {
      const mine = visitors.map((visitor, i) => ({ visitor, i })).filter(({ visitor }) => armOf(experiment, visitor).key === variant.key);
      const row = (metric: string) => sums.find((sum) => sum.variantId === variant.id && sum.metric === metric);
      const revenue = mine.map(({ i }) => (i % 2 === 0 ? 10 * (i + 1) : 0));
      expect(row('revenue')).toMatchObject({
        day: dayOf(now - 5000),
        n: mine.length,
        sumX: revenue.reduce((a, b) => a + b, 0),
        sumX2: revenue.reduce((a, b) => a + b * b, 0),
      });
      const trusting = mine.filter(({ i }) => i % 3 === 0);
      if (trusting.length > 0) expect(row('trust')).toMatchObject({ n: trusting.length, sumX: trusting.reduce((a, { i }) => a + 1 + (i % 5), 0) });
      else expect(row('trust')).toBeUndefined();
      expect(row('purchased')).toMatchObject({ n: mine.length, sumX: mine.filter(({ i }) => i % 2 === 0).length });
    }
    const report = await verifyConsistency(database().db);
    expect(report.factDifferences).toEqual([]);
    expect(report.sumDifferences).toEqual([]);
  });

  it('counts an event once, however often it is sent, and a purchase once per order', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const now = t.clock.now;
    const exposure = armEvent(experiment, 'v1', 'exposure', now - 2000);
    const purchase = event('purchase', now - 1000, { value: 50, order: 'A-1' });
    expect((await send(t, site, 'v1', [exposure, purchase, exposure])).body).toEqual({ accepted: 2, duplicates: 1, rejected: [], dropped: {} });
    expect((await send(t, site, 'v1', [exposure, purchase])).body).toEqual({ accepted: 0, duplicates: 2, rejected: [], dropped: {} });
    const reload = event('purchase', now - 500, { value: 50, order: 'A-1' });
    expect((await send(t, site, 'v1', [reload])).body).toEqual({ accepted: 0, duplicates: 1, rejected: [], dropped: {} });
    const fact = await database().db.selectFrom('visitorFacts').selectAll().executeTakeFirstOrThrow();
    expect(fact).toMatchObject({ exposures: 1, purchased: 1, revenue: 50 });
    const drops = await database().db.selectFrom('dropCounts').selectAll().execute();
    expect(drops).toEqual([{ siteId: site.id, day: dayOf(now), reason: 'duplicate', count: 4 }]);
  });

  it('counts a conversion for every experiment the visitor was exposed to, until it stops', async () => {
    const t = buildTestApp(database());
    const { site, experiment: hero } = await runningSetup(t);
    const footerDraft = await createExperiment(t, site.id, { key: 'footer', slot: 'footer' });
    const footer = (await setStatusAWeekAgo(t, footerDraft.id, 'running')).body;
    const now = t.clock.now;
    await send(t, site, 'v1', [armEvent(hero, 'v1', 'exposure', now - 9000), armEvent(footer, 'v1', 'exposure', now - 8000)]);
    await send(t, site, 'v1', [event('add_to_cart', now - 7000, { value: 30 })]);
    t.clock.now += 1000;
    await setStatus(t, footer.id, 'stopped');
    t.clock.now += 1000;
    await send(t, site, 'v1', [event('purchase', now - 1000, { value: 30, order: 'B-1' })]);
    const facts = await database().db.selectFrom('visitorFacts').selectAll().execute();
    const of = (id: string) => facts.find((fact) => fact.experimentId === id);
    expect(of(hero.id)).toMatchObject({ addedToCart: 1, purchased: 1, revenue: 30 });
    expect(of(footer.id)).toMatchObject({ addedToCart: 1, purchased: 0, revenue: 0 });
    const report = await verifyConsistency(database().db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  });

  it('counts events that arrived before their exposure once the exposure arrives', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const now = t.clock.now;
    // The beacon with the click overtook the request with the exposure.
    await send(t, site, 'v1', [armEvent(experiment, 'v1', 'click', now - 1000), event('add_to_cart', now - 900, { value: 5 })]);
    expect(await database().db.selectFrom('visitorFacts').selectAll().execute()).toEqual([]);
    await send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', now - 2000)]);
    expect(await database().db.selectFrom('visitorFacts').selectAll().executeTakeFirstOrThrow()).toMatchObject({ clicks: 1, addedToCart: 1, exposures: 1 });
    // An exposure earlier still moves the cohort day and keeps everything counted once.
    await send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', now - 3 * 86_400_000)]);
    expect(await database().db.selectFrom('visitorFacts').selectAll().executeTakeFirstOrThrow()).toMatchObject({
      clicks: 1,
      exposures: 2,
      exposureDay: dayOf(now - 3 * 86_400_000),
    });
    const report = await verifyConsistency(database().db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  });

  it('answers CORS for the site\'s origin, and a preflight for JSON posts', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const reply = await send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', t.clock.now)], { origin: 'https://aurum.example' });
    expect(reply.status).toBe(202);
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://aurum.example');
    const preflight = await t.app.request('/v1/events', {
      method: 'OPTIONS',
      headers: { origin: 'https://aurum.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://aurum.example');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type');
  });

  it('refuses a body over 64 KB by its Content-Length before reading it, and by counting when chunked', async () => {
    const t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const raw = JSON.stringify({ site: site.publicKey, visitor: 'v1', events: [event('custom', t.clock.now, { name: 'x', props: { pad: 'x'.repeat(200) } })], pad: 'y'.repeat(70_000) });
    const withLength = await t.call('POST', '/v1/events', undefined, { token: null, raw, headers: { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(raw)) } });
    expect(withLength.status).toBe(413);
    expect(withLength.body.error.code).toBe('payload_too_large');
    const chunked = await t.call('POST', '/v1/events', undefined, { token: null, raw, headers: { 'content-type': 'text/plain' } });
    expect(chunked.status).toBe(413);
    const nonsense = await t.call('POST', '/v1/events', undefined, { token: null, raw: '{}', headers: { 'content-type': 'text/plain', 'content-length': 'lots' } });
    expect(nonsense.status).toBe(400);
    expect(await database().db.selectFrom('events').selectAll().execute()).toEqual([]);
  });

  it('accepts application/json from a shop\'s server, with no Origin header', async () => {
    const t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const body = { site: site.publicKey, visitor: 'v1', events: [event('purchase', t.clock.now, { value: 12, order: 'S-1' })] };
    // "node" and "curl" are on bot lists; a server's JSON is not a crawler's beacon.
    const reply = await t.call('POST', '/v1/events', body, { token: null, headers: { 'user-agent': 'node' } });
    expect(reply.status).toBe(202);
    expect(reply.body.accepted).toBe(1);
    const beacon = await send(t, site, 'v2', [event('purchase', t.clock.now, { value: 12, order: 'S-2' })], { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    expect(beacon.body).toEqual({ accepted: 0, duplicates: 0, rejected: [], dropped: { bot: 1 } });
  });

  it('sees a newly started experiment at once (admin changes refresh the cache)', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    await setStatus(t, experiment.id, 'paused');
    const paused = await send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', t.clock.now)]);
    expect(paused.body.rejected).toEqual([{ index: 0, code: 'experiment_not_running', field: 'experiment' }]);
    await setStatus(t, experiment.id, 'running');
    const resumed = await send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', t.clock.now)]);
    expect(resumed.body).toMatchObject({ accepted: 1, rejected: [] });
  });
});

// The results document's distributions (GET /api/experiments/:id/results) through the real app: events in, each arm's trust
// answers 1–5 (a visitor's mean, rounded half up), noticed yes/no and video marks counted exactly;
// an imported test's facts alike; kept in the daily sums as facts change, move day or are erased,
// always equal to a count over the facts.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { findExperiment } from '../../server/experiments/experiment-queries.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';
import { createSite } from '../helpers/fixtures.js';
import { postImport } from '../imports/helpers.js';
import { armEvent, armOf, runningSetup, send } from '../collect/helpers.js';
import { distributionsFromFacts } from './distribution-reference.js';

/** `count` visitor ids that the hash puts in the arm `key`. */
function visitorsIn(experiment: any, key: string, count: number): string[] {
  const found: string[] = [];
  for (let i = 0; found.length < count; i++) if (armOf(experiment, `${key}-visitor-${i}`)?.key === key) found.push(`${key}-visitor-${i}`);
  return found;
}

/** Sends one visitor's exposure and then their other events (type, value), a second apart. */
async function visit(t: TestApp, site: any, experiment: any, visitor: string, steps: Array<[string, number?]>) {
  const start = t.clock.now - 600_000;
  const events = [armEvent(experiment, visitor, 'exposure', start)];
  steps.forEach(([step, value], index) => {
    const ts = start + (index + 1) * 1000;
    if (step === 'trust' || step === 'noticed') events.push(armEvent(experiment, visitor, 'survey', ts, { name: step, value }));
    else events.push(armEvent(experiment, visitor, step, ts, value === undefined ? {} : { value }));
  });
  const reply = await send(t, site, visitor, events);
  expect(reply.status, JSON.stringify(reply.body)).toBe(202);
}

const appFor = (database: Parameters<typeof buildTestApp>[0]) => buildTestApp(database, { env: { CANDOR_RATE_LIMIT: '0' } });

/** The endpoint's answer, checked against a count over the experiment's facts. */
async function expectSameAsFacts(t: TestApp, database: TestDatabase, experimentId: string) {
  const { trust, noticed, video } = (await t.call('GET', `/api/experiments/${experimentId}/results`)).body.distributions;
  expect({ trust, noticed, video }).toEqual(await distributionsFromFacts(database.db, (await findExperiment(database.db, experimentId))!));
  return { trust, noticed, video };
}

/** The experiment's distribution rows with anything in them, summed over days. */
async function countRows(database: TestDatabase, experimentId: string) {
  const rows = await database.db.selectFrom('variantDailySums').select(['variantId', 'metric', 'n']).where('experimentId', '=', experimentId).where('metric', 'like', 'dist:%').execute();
  const totals: Record<string, number> = {};
  for (const row of rows) totals[`${row.variantId} ${row.metric}`] = (totals[`${row.variantId} ${row.metric}`] ?? 0) + Number(row.n);
  return { rows: rows.length, totals: Object.fromEntries(Object.entries(totals).filter(([, n]) => n !== 0)) };
}

describeEachDialect('the results document\'s distributions', (database) => {
  it('counts each visitor\'s mean trust rounded half up, noticed yes and no, and only the visitors who answered', async () => {
    const t = appFor(database());
    const { site, experiment } = await runningSetup(t);
    const [s1, s2, s3, s4, s5, s6] = visitorsIn(experiment, 'studio', 6);
    const [a1, a2, a3, a4, a5] = visitorsIn(experiment, 'ai-labelled', 5);
    await visit(t, site, experiment, s1!, [['trust', 1]]);
    await visit(t, site, experiment, s2!, [['trust', 5], ['noticed', 0]]);
    await visit(t, site, experiment, s3!, [['trust', 3]]);
    await visit(t, site, experiment, s4!, [['trust', 2], ['trust', 2]]);
    await visit(t, site, experiment, s5!, [['viewable']]); // never answered: in no count
    await visit(t, site, experiment, s6!, [['noticed', 1]]); // noticed only: no trust
    await visit(t, site, experiment, a1!, [['trust', 4]]);
    await visit(t, site, experiment, a2!, [['trust', 1], ['trust', 2], ['noticed', 0]]); // mean 1.5 → 2
    await visit(t, site, experiment, a3!, [['trust', 2], ['trust', 3], ['trust', 3]]); // mean 2.67 → 3
    await visit(t, site, experiment, a4!, [['noticed', 1], ['noticed', 0]]); // yes once: yes
    // Two answers in two batches, folded into the stored fact: 3 and 4, mean 3.5 → 4.
    await visit(t, site, experiment, a5!, [['trust', 3]]);
    const reply = await send(t, site, a5!, [armEvent(experiment, a5!, 'survey', t.clock.now - 1000, { name: 'trust', value: 4 })]);
    expect(reply.status).toBe(202);

    const answer = await t.call('GET', `/api/experiments/${experiment.id}/results`);
    expect(answer.status).toBe(200);
    // Kept privately but revalidated on every use (ETag, 304): never a stale document without asking.
    expect(answer.headers.get('cache-control')).toBe('private, no-cache');
    expect(answer.body).toMatchObject({ experiment: { id: experiment.id }, generatedAt: t.clock.now });
    const distributions = answer.body.distributions;
    expect(distributions.trust).toEqual([
      { variant: 'studio', counts: [1, 1, 1, 0, 1], answered: 4, outOfScale: 0 },
      { variant: 'ai-labelled', counts: [0, 1, 1, 2, 0], answered: 4, outOfScale: 0 },
    ]);
    expect(distributions.noticed).toEqual([
      { variant: 'studio', yes: 1, no: 1 },
      { variant: 'ai-labelled', yes: 1, no: 1 },
    ]);
    // The same visitors as the results document's trust and noticed metrics count.
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    const n = (metric: string) => doc.metrics.find((entry: any) => entry.metric === metric).arms.map((arm: any) => arm.n);
    expect(distributions.trust.map((arm: any) => arm.answered)).toEqual(n('trust'));
    expect(distributions.noticed.map((arm: any) => arm.yes + arm.no)).toEqual(n('noticed_disclosure'));
  });

  it('counts who started the video and how many of the exposed reached each mark', async () => {
    const t = appFor(database());
    const { site, experiment } = await runningSetup(t);
    const [v1, v2, v3, v4, v5, v6, v7] = visitorsIn(experiment, 'ai-labelled', 7);
    await visit(t, site, experiment, v1!, [['viewable']]);
    await visit(t, site, experiment, v2!, [['video_start']]);
    await visit(t, site, experiment, v3!, [['video_start'], ['video_progress', 25]]);
    await visit(t, site, experiment, v4!, [['video_start'], ['video_progress', 25], ['video_progress', 50]]);
    await visit(t, site, experiment, v5!, [['video_progress', 75]]); // a mark without its start still counts as started
    await visit(t, site, experiment, v6!, [['video_start'], ['video_progress', 25], ['video_progress', 50], ['video_progress', 75], ['video_progress', 100]]);
    await visit(t, site, experiment, v7!, [['video_progress', 100], ['video_progress', 50]]); // the highest mark counts, in any order
    const [image] = visitorsIn(experiment, 'studio', 1);
    await visit(t, site, experiment, image!, [['viewable']]);

    const { video } = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body.distributions;
    expect(video).toEqual([
      { variant: 'studio', exposed: 1, started: 0, reached: { 25: 0, 50: 0, 75: 0, 100: 0 } },
      { variant: 'ai-labelled', exposed: 7, started: 6, reached: { 25: 5, 50: 4, 75: 3, 100: 2 } },
    ]);
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    const sum = (metric: string) => doc.metrics.find((entry: any) => entry.metric === metric).arms.map((arm: any) => Math.round(arm.estimate * arm.n));
    expect(video.map((arm: any) => arm.started)).toEqual(sum('video_started'));
    expect(video.map((arm: any) => arm.reached[100])).toEqual(sum('video_completed'));
    expect(video.map((arm: any) => arm.exposed)).toEqual(doc.variants.map((variant: any) => variant.visitors));
  });

  it('reads an imported test\'s facts alike, leaving a mean off the 1–5 scale out of the bars', async () => {
    const t = appFor(database());
    const site = await createSite(t);
    const csv = [
      'id,arm,trust,noticed,watched,completed',
      '1,a,1,yes,0,0',
      '2,a,3.5,no,25,0',
      '3,a,4.49,,60,0',
      '4,a,,,0,1', // completed with no share recorded: started, and every mark reached
      '5,b,7,yes,100,1',
      '6,b,2.5,yes,,',
      '7,b,,,,',
    ].join('\n');
    const metric = ['trust=trust', 'noticed=noticed_disclosure', 'watched=watch_pct', 'completed=video_completed'];
    const imported = await postImport(t, { site: site.id, key: 'past', visitor: 'id', arm: 'arm', control: 'a', metric }, csv);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);

    const answer = await expectSameAsFacts(t, database(), imported.body.experiment.id);
    expect(answer.trust).toEqual([
      { variant: 'a', counts: [1, 0, 0, 2, 0], answered: 3, outOfScale: 0 },
      { variant: 'b', counts: [0, 0, 1, 0, 0], answered: 2, outOfScale: 1 },
    ]);
    expect(answer.noticed).toEqual([
      { variant: 'a', yes: 1, no: 1 },
      { variant: 'b', yes: 2, no: 0 },
    ]);
    expect(answer.video).toEqual([
      { variant: 'a', exposed: 4, started: 3, reached: { 25: 3, 50: 2, 75: 1, 100: 1 } },
      { variant: 'b', exposed: 3, started: 1, reached: { 25: 1, 50: 1, 75: 1, 100: 1 } },
    ]);
  });

  it('gives every arm zeros before any visitor, and 404 for an unknown experiment', async () => {
    const t = appFor(database());
    const { experiment } = await runningSetup(t);
    const empty = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body.distributions;
    expect(empty.trust).toEqual([
      { variant: 'studio', counts: [0, 0, 0, 0, 0], answered: 0, outOfScale: 0 },
      { variant: 'ai-labelled', counts: [0, 0, 0, 0, 0], answered: 0, outOfScale: 0 },
    ]);
    expect(empty.video[1]).toEqual({ variant: 'ai-labelled', exposed: 0, started: 0, reached: { 25: 0, 50: 0, 75: 0, 100: 0 } });
    expect((await t.call('GET', '/api/experiments/nope/results')).status).toBe(404);
    expect((await t.call('GET', `/api/experiments/${experiment.id}/results`, undefined, { token: null })).status).toBe(401);
  });

  it('moves a visitor whose mean trust goes from 3 to 4 from bar 3 to bar 4, in the sums too', async () => {
    const t = appFor(database());
    const { site, experiment } = await runningSetup(t);
    const [visitor] = visitorsIn(experiment, 'studio', 1);
    const bar = async () => (await expectSameAsFacts(t, database(), experiment.id)).trust[0].counts;
    await visit(t, site, experiment, visitor!, [['trust', 3]]);
    expect(await bar()).toEqual([0, 0, 1, 0, 0]);
    const reply = await send(t, site, visitor!, [armEvent(experiment, visitor!, 'survey', t.clock.now - 1000, { name: 'trust', value: 5 })]);
    expect(reply.status).toBe(202);
    expect(await bar()).toEqual([0, 0, 0, 1, 0]);
    const variantId = armOf(experiment, visitor!).id;
    expect((await countRows(database(), experiment.id)).totals).toEqual({ [`${variantId} dist:trust_4`]: 1 });
  });

  it('takes an erased visitor\'s counts out of the sums, leaving no row of theirs behind', async () => {
    const t = appFor(database());
    const { site, experiment } = await runningSetup(t);
    const [erased, kept] = visitorsIn(experiment, 'ai-labelled', 2);
    const [alone] = visitorsIn(experiment, 'studio', 1);
    await visit(t, site, experiment, erased!, [['trust', 5], ['noticed', 1], ['video_progress', 100]]);
    await visit(t, site, experiment, kept!, [['trust', 2], ['video_progress', 25]]);
    await visit(t, site, experiment, alone!, [['trust', 1], ['video_progress', 50]]);
    for (const visitor of [erased, alone]) expect((await t.call('DELETE', `/api/visitors/${visitor}`)).status).toBe(200);

    const ai = armOf(experiment, kept!).id;
    // The rows of the erased visitors' day were rewritten from the facts left: none of theirs, even empty.
    expect(await countRows(database(), experiment.id)).toEqual({ rows: 2, totals: { [`${ai} dist:trust_2`]: 1, [`${ai} dist:furthest_25`]: 1 } });
    const answer = await expectSameAsFacts(t, database(), experiment.id);
    expect(answer.trust.map((arm: any) => arm.counts)).toEqual([[0, 0, 0, 0, 0], [0, 1, 0, 0, 0]]);
    const report = await verifyConsistency(database().db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  });

  it('keeps the counts equal to a count over the facts through any traffic, cohort-day moves included', async () => {
    const t = appFor(database());
    const { site, experiment } = await runningSetup(t);
    const stepArb = fc.oneof(
      fc.tuple(fc.constant('trust'), fc.integer({ min: 1, max: 5 })),
      fc.tuple(fc.constant('noticed'), fc.integer({ min: 0, max: 1 })),
      fc.tuple(fc.constantFrom('viewable', 'video_start'), fc.constant(undefined)),
      fc.tuple(fc.constant('video_progress'), fc.constantFrom(25, 50, 75, 100)),
      // An exposure days before the first one moves the visitor's fact to that cohort day.
      fc.tuple(fc.constant('earlier'), fc.integer({ min: 1, max: 3 })),
    );
    const visitorsArb = fc.array(fc.array(fc.array(stepArb, { maxLength: 4 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(visitorsArb, async (visitors) => {
        run++;
        for (const [index, batches] of visitors.entries()) {
          const visitor = `run-${run}-visitor-${index}`;
          let ts = t.clock.now - 600_000;
          for (const [b, batch] of batches.entries()) {
            const events = b === 0 ? [armEvent(experiment, visitor, 'exposure', ts)] : [];
            for (const [step, value] of batch) {
              ts += 1000;
              if (step === 'earlier') events.push(armEvent(experiment, visitor, 'exposure', t.clock.now - value! * 86_400_000));
              else if (step === 'trust' || step === 'noticed') events.push(armEvent(experiment, visitor, 'survey', ts, { name: step, value }));
              else events.push(armEvent(experiment, visitor, step, ts, value === undefined ? {} : { value }));
            }
            if (events.length > 0) expect((await send(t, site, visitor, events)).status).toBe(202);
          }
        }
        await expectSameAsFacts(t, database(), experiment.id);
      }),
      { numRuns: 12 },
    );
    // And the sums, distribution rows included, equal a rebuild from the raw events.
    const report = await verifyConsistency(database().db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  });
});

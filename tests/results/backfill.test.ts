// The data migration that writes the distribution counts for sums kept before them: from the
// facts alone it writes the very rows the writer keeps, so the endpoint answers alike and
// `verify` finds nothing; run twice, the same. The results document never reads these rows.
import fc from 'fast-check';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { addFactChange, nonZeroRows, type SumDeltas } from '../../server/collect/sums.js';
import { addToSums } from '../../server/collect/sums-store.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { DISTRIBUTION_BACKFILL } from '../../server/db/backfill-distribution-sums.js';
import { findExperiment } from '../../server/experiments/experiment-queries.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';
import { createSite } from '../helpers/fixtures.js';
import { factsArb } from '../collect/fact-arbitraries.js';
import { armEvent, runningSetup, send } from '../collect/helpers.js';
import { postImport } from '../imports/helpers.js';
import { distributionsFromFacts } from './distribution-reference.js';

const DAY = 86_400_000;

/** Collected traffic (answers, views, a visitor moved a day back) and an import with extra stored facts of every kind. */
async function world(t: TestApp, database: TestDatabase): Promise<string[]> {
  const { site, experiment } = await runningSetup(t);
  const now = t.clock.now;
  const steps: Array<Array<[string, Record<string, unknown>?]>> = [
    [['survey', { name: 'trust', value: 3 }], ['survey', { name: 'trust', value: 4 }]],
    [['survey', { name: 'trust', value: 1 }], ['survey', { name: 'noticed', value: 1 }], ['video_progress', { value: 100 }]],
    [['video_start'], ['video_progress', { value: 25 }], ['video_progress', { value: 50 }]],
    [['viewable'], ['survey', { name: 'noticed', value: 0 }]],
    [['video_progress', { value: 75 }], ['survey', { name: 'trust', value: 5 }]],
  ];
  for (let i = 0; i < 20; i++) {
    const visitor = `visitor-${i}`;
    const events = [armEvent(experiment, visitor, 'exposure', now - 600_000 - (i % 3) * DAY)];
    for (const [type, fields] of steps[i % steps.length]!) events.push(armEvent(experiment, visitor, type, now - 500_000 + events.length * 1000, fields));
    expect((await send(t, site, visitor, events)).status).toBe(202);
  }
  // A later exposure a day earlier moves one fact, and its counts, to another cohort day.
  expect((await send(t, site, 'visitor-1', [armEvent(experiment, 'visitor-1', 'exposure', now - 4 * DAY)])).status).toBe(202);

  const importSite = await createSite(t, { name: 'Archive' });
  const csv = ['id,arm,trust,noticed,watched,completed', '1,a,1,yes,0,0', '2,a,3.5,no,25,0', '3,a,,,0,1', '4,b,7,yes,100,1', '5,b,2.5,,10,'].join('\n');
  const metric = ['trust=trust', 'noticed=noticed_disclosure', 'watched=watch_pct', 'completed=video_completed'];
  const imported = await postImport(t, { site: importSite.id, key: 'past', visitor: 'id', arm: 'arm', control: 'a', metric }, csv);
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  const past = (await findExperiment(database.db, imported.body.experiment.id))!;
  // Facts on and around every boundary, stored with their sums as an import stores them.
  const [facts] = fc.sample(factsArb({ experimentId: past.id, variantIds: past.variants.map((v) => v.id), days: [20_000, 20_001] }, { minLength: 300, maxLength: 300 }), { numRuns: 1, seed: 7 });
  const deltas: SumDeltas = new Map();
  for (const fact of facts!) addFactChange(deltas, null, fact);
  await database.db.transaction().execute(async (trx) => {
    await trx.insertInto('visitorFacts').values(facts!.map((fact) => ({ ...fact, siteId: importSite.id, updatedAt: now }))).execute();
    await addToSums(trx, nonZeroRows(deltas));
  });
  return [experiment.id, past.id];
}

async function distributionRows(database: TestDatabase): Promise<string[]> {
  const rows = await database.db.selectFrom('variantDailySums').selectAll().where('metric', 'like', 'dist:%').execute();
  return rows
    .filter((row) => Number(row.n) !== 0) // the writer may leave a count emptied by a change
    .map((row) => [row.experimentId, row.variantId, row.day, row.metric, ...[row.n, row.sumX, row.sumX2, row.sumY, row.sumY2, row.sumXy].map(Number)].join(' '))
    .sort();
}

async function backfill(database: TestDatabase): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    for (const statement of DISTRIBUTION_BACKFILL) await sql.raw(statement).execute(trx);
  });
}

describeEachDialect('the distribution backfill', (database) => {
  it('writes from the facts the rows the writer kept, so the answers and verify are as before', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const ids = await world(t, database());
    const answers = async () => Promise.all(ids.map(async (id) => (await t.call('GET', `/api/experiments/${id}/results`)).body.distributions));
    // Every section but the distributions, which the counts make, and the freshness, which names the sums version.
    const documents = async () =>
      Promise.all(
        ids.map(async (id) => {
          const { distributions: _counts, freshness: _freshness, ...rest } = (await t.call('GET', `/api/experiments/${id}/results`)).body;
          return rest;
        }),
      );
    const kept = await answers();
    const keptDocuments = await documents();
    const keptRows = await distributionRows(database());
    expect(keptRows.length).toBeGreaterThan(20);
    for (const [index, id] of ids.entries()) {
      const { trust, noticed, video } = kept[index];
      expect({ trust, noticed, video }).toEqual(await distributionsFromFacts(database().db, (await findExperiment(database().db, id))!));
    }

    // Sums as a Candor before the counts left them.
    await database().db.deleteFrom('variantDailySums').where('metric', 'like', 'dist:%').execute();
    // Whatever changes sums moves the experiments' sums version (the results cache's key), as the writer does.
    await moveSumsVersions(database());
    expect((await answers())[0].trust[1].counts).toEqual([0, 0, 0, 0, 0]);
    // The statistics read the metrics only: the counts, there or not, change nothing else in the document.
    expect(await documents()).toEqual(keptDocuments);
    expect((await verifyConsistency(database().db)).sumDifferences.length).toBeGreaterThan(0);

    await backfill(database());
    await moveSumsVersions(database());
    expect(await distributionRows(database())).toEqual(keptRows);
    expect(await answers()).toEqual(kept);
    const report = await verifyConsistency(database().db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);

    await backfill(database());
    expect(await distributionRows(database())).toEqual(keptRows);
  });
});

async function moveSumsVersions({ db }: TestDatabase): Promise<void> {
  await db.updateTable('experiments').set((eb) => ({ sumsVersion: eb('sumsVersion', '+', 1) })).execute();
}

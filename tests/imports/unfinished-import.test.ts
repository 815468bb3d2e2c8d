// An import written over many transactions shows nothing until its last one: one that fails late
// leaves no facts behind, one whose process died is removed by the next import or start (not one
// still being written), and `verify` does not count an unfinished import's facts.
import { afterAll, expect, it } from 'vitest';
import { emptyFact } from '../../server/collect/facts.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { ABANDONED_AFTER_MS, removeAbandonedImports } from '../../server/db/pending-imports.js';
import { IMPORT_TRANSACTION_VISITORS } from '../../server/imports/write-import.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';
import { createExperiment, createSite } from '../helpers/fixtures.js';
import { postImport, removeTempCsvs } from './helpers.js';

afterAll(removeTempCsvs);

const VISITORS = IMPORT_TRANSACTION_VISITORS * 2 + 500;

function csvRows(from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += `u${i},${i % 2 === 0 ? 'control' : 'treatment'},${i % 3 === 0 ? 1 : 0}\n`;
  return text;
}

async function factCount(database: TestDatabase): Promise<number> {
  const row = await database.db.selectFrom('visitorFacts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function markers(database: TestDatabase): Promise<string[]> {
  const rows = await database.db.selectFrom('settings').select('key').where('key', 'like', 'import_pending:%').execute();
  return rows.map((row) => row.key);
}

/** Facts of an import that got as far as its facts, under a marker last touched at `touchedAt`. */
async function unfinishedImport(database: TestDatabase, siteId: string, experimentId: string, touchedAt: number): Promise<void> {
  await database.db.insertInto('settings').values({ key: `import_pending:${experimentId}`, value: '', updatedAt: touchedAt }).execute();
  const window = { id: experimentId, siteId, stoppedAt: null };
  const facts = Array.from({ length: 30 }, (_, i) => ({ ...emptyFact(window, `u${i}`, 'no-variant-yet', touchedAt), exposures: 1, clicks: i % 2, updatedAt: touchedAt }));
  await database.db.insertInto('visitorFacts').values(facts).execute();
}

describeEachDialect('an import written in several transactions', (database) => {
  it('leaves no facts and no experiment when its last transaction fails: the key was taken while the file was read', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        pulls++;
        if (pulls === 1) controller.enqueue(new TextEncoder().encode(`user,variant,clicked\n${csvRows(0, 100)}`));
        else {
          // After the route checked the key, before the facts are written.
          await createExperiment(t, site.id, { key: 'past' });
          controller.enqueue(new TextEncoder().encode(csvRows(100, VISITORS)));
          controller.close();
        }
      },
    });
    const reply = await postImport(t, { site: site.id, key: 'past', visitor: 'user', arm: 'variant', control: 'control', metric: 'clicked=clicked' }, body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(409);
    expect(reply.body.error.code).toBe('key_taken');
    expect(await factCount(database())).toBe(0);
    expect(await markers(database())).toEqual([]);
    const experiments = await database().db.selectFrom('experiments').select(['key', 'importedAt']).execute();
    expect(experiments).toEqual([{ key: 'past', importedAt: null }]);
    expect((await verifyConsistency(database().db)).sumDifferences).toEqual([]);
  });

  it('removes an import whose process died, and leaves one still being written', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const now = Date.now();
    await unfinishedImport(database(), site.id, 'dead-import', now - ABANDONED_AFTER_MS - 1000);
    await unfinishedImport(database(), site.id, 'live-import', now - 1000);

    expect(await removeAbandonedImports(database().db, now)).toBe(1);
    const left = await database().db.selectFrom('visitorFacts').select('experimentId').distinct().execute();
    expect(left).toEqual([{ experimentId: 'live-import' }]);
    expect(await markers(database())).toEqual(['import_pending:live-import']);
  });

  it('is not counted by verify while unfinished: its facts have no experiment and no sums yet', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    await unfinishedImport(database(), site.id, 'live-import', Date.now());
    const report = await verifyConsistency(database().db);
    expect(report.factDifferences).toEqual([]);
    expect(report.sumDifferences).toEqual([]);
    expect(report.facts).toBe(0);
  });
});

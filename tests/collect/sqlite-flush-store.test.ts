// The SQLite flush store (prepared statements) against the Kysely store it replaces on SQLite:
// the same generated flushes, committed on two copies of one database, leave the same tables and
// give the same answers. Batches go through the real pipeline, so they are what a route commits.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteEntry } from '../../server/collect/catalog.js';
import { commitJobs, type CommitJob } from '../../server/collect/commit.js';
import { kyselyFlushStore } from '../../server/collect/kysely-flush-store.js';
import { sqliteFlushStoreFor } from '../../server/collect/sqlite-flush-store.js';
import { runPipeline } from '../../server/collect/steps.js';
import { EVENT_TYPES, type DropReason } from '../../server/collect/vocabulary.js';
import { openDatabase, sqliteConnectionOf, type Db } from '../../server/db/connect.js';
import { DEVICES, SOURCES } from '../../server/segments/vocabulary.js';
import { buildTestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { validEventArb } from './arbitraries.js';
import { armOf, runningSetup } from './helpers.js';

const HOUR = 3_600_000;

let dir: string;
let template: string;
let entry: SiteEntry;
let now: number;
let visitors: string[];
let experiment: any;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'candor-store-'));
  const database: TestDatabase = await openTestDatabase('sqlite');
  const t = buildTestApp(database);
  const setup = await runningSetup(t);
  experiment = setup.experiment;
  now = t.clock.now;
  entry = (await t.catalog.get(setup.site.publicKey))!;
  // Visitors the hash puts in the experiment, so their events name an arm.
  visitors = Array.from({ length: 40 }, (_, i) => `visitor-${i}`)
    .filter((visitor) => armOf(experiment, visitor) !== null)
    .slice(0, 4);
  template = join(dir, 'template.db');
  sqliteConnectionOf(database.db)!.exec(`VACUUM INTO '${template}'`);
  await t.writer.close();
  await database.cleanup();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A visitor's batch: valid wire events in their own arm, at a few coarse times (ties, earlier exposures). */
const batchArb = fc.integer({ min: 0, max: 3 }).chain((visitorIndex) =>
  fc.record({
    visitorIndex: fc.constant(visitorIndex),
    resend: fc.boolean(),
    events: fc.array(
      fc.record({
        event: fc.constant(null).chain(() => {
          const visitor = visitors[visitorIndex]!;
          const arm = armOf(experiment, visitor);
          return validEventArb({ now, claim: fc.constant({ experiment: experiment.key, variant: arm.key }), types: EVENT_TYPES });
        }),
        hoursAgo: fc.integer({ min: 0, max: 40 }),
        segment: fc.option(fc.record({ device: fc.constantFrom(...DEVICES), source: fc.constantFrom(...SOURCES) }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  }),
);

const flushesArb = fc.array(fc.array(batchArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

type Batch = typeof batchArb extends fc.Arbitrary<infer B> ? B : never;

function jobsOf(batches: readonly Batch[], at: number): CommitJob[] {
  const jobs: CommitJob[] = [];
  for (const batch of batches) {
    const raw = batch.events.map(({ event, hoursAgo, segment }) => ({ ...event, ts: at - hoursAgo * HOUR, ...(segment && { props: segment }) }));
    const outcome = runPipeline(raw, { entry, visitor: visitors[batch.visitorIndex]!, now: at });
    const drops = new Map<DropReason, number>();
    for (const { code } of outcome.rejected) drops.set(code, (drops.get(code) ?? 0) + 1);
    const job = { siteId: entry.site.id, events: outcome.accepted, drops };
    jobs.push(job);
    if (batch.resend) jobs.push(job);
  }
  return jobs;
}

async function tablesOf(db: Db) {
  return {
    events: await db.selectFrom('events').selectAll().orderBy('siteId').orderBy('id').execute(),
    facts: await db.selectFrom('visitorFacts').selectAll().orderBy('experimentId').orderBy('visitorId').execute(),
    daily: await db.selectFrom('variantDailySums').selectAll().orderBy('experimentId').orderBy('variantId').orderBy('day').orderBy('metric').execute(),
    segments: await db.selectFrom('segmentSums').selectAll().orderBy('experimentId').orderBy('variantId').orderBy('segment').orderBy('metric').execute(),
    drops: await db.selectFrom('dropCounts').selectAll().orderBy('siteId').orderBy('day').orderBy('reason').execute(),
    versions: await db.selectFrom('experiments').select(['id', 'sumsVersion']).orderBy('id').execute(),
  };
}

describe('the SQLite flush store', () => {
  it('leaves the same tables and answers as the Kysely store for the same flushes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(flushesArb, async (flushes) => {
        run++;
        const files = ['kysely', 'sqlite'].map((name) => join(dir, `${name}-${run}.db`));
        for (const file of files) copyFileSync(template, file);
        const [reference, candidate] = files.map((file) => openDatabase({ dialect: 'sqlite', file }));
        try {
          const sqlite = sqliteFlushStoreFor(sqliteConnectionOf(candidate!.db)!);
          for (const [index, batches] of flushes.entries()) {
            const at = now + index * 1000;
            const jobs = jobsOf(batches, at);
            const expected = await commitJobs(reference!.db, (trx) => kyselyFlushStore(trx, 'sqlite'), jobs, at);
            expect(await commitJobs(candidate!.db, sqlite, jobs, at)).toEqual(expected);
          }
          expect(await tablesOf(candidate!.db)).toEqual(await tablesOf(reference!.db));
        } finally {
          await Promise.all([reference!.close(), candidate!.close()]);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

// The PostgreSQL flush store (unnest statements) against the Kysely store it replaces: the same
// generated flushes, committed through each into a database of its own, must leave identical
// tables, row for row. The generated events carry what a typed array must survive (quotes,
// backslashes, braces, commas, control and astral characters in orders and props, nulls).
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { commitJobs, type AcceptedEvent, type CommitJob } from '../../server/collect/commit.js';
import { kyselyFlushStore } from '../../server/collect/kysely-flush-store.js';
import { postgresFlushStore } from '../../server/collect/postgres-flush-store.js';
import type { FlushStoreFactory } from '../../server/collect/flush-store.js';
import type { DropReason } from '../../server/collect/vocabulary.js';
import type { Db } from '../../server/db/connect.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { validEventArb } from './arbitraries.js';

const PG_URL = process.env.CANDOR_TEST_PG_URL;
const NOW = Date.UTC(2026, 10, 24, 12);
const DAY = 86_400_000;
// Visitor ids with what an array literal must quote.
const VISITORS = ['plain', 'with "quote"', 'back\\slash', '{braces}', 'comma,space here', 'NULL'];
const VARIANT_OF = (visitor: string) => (VISITORS.indexOf(visitor) % 2 === 0 ? 'v1' : 'v2');

async function seed(db: Db): Promise<void> {
  await db
    .insertInto('sites')
    .values({ id: 's1', publicKey: 'pk_s1', name: 'Shop', allowedOrigins: '[]', disclosurePolicy: 'research', createdAt: NOW, updatedAt: NOW } as never)
    .execute();
  await db
    .insertInto('experiments')
    .values({
      id: 'e1', siteId: 's1', key: 'hero', name: 'Hero', hypothesis: '', slot: 'hero', coverage: 1, primaryMetric: 'clicked', guardrailMetrics: '[]',
      plannedSampleSize: null, seed: 'seed', status: 'running', startedAt: NOW - 8 * DAY, stoppedAt: null, importedAt: null, metricLabels: '{}', createdAt: NOW, updatedAt: NOW,
    } as never)
    .execute();
  const arm = { experimentId: 'e1', origin: 'traditional', disclosure: 'none', mediaType: 'image', altText: 'A ring', weight: 1, likeness: 'none', mediaUrl: 'https://x.example/a.jpg' } as const;
  await db.insertInto('variants').values([{ ...arm, id: 'v1', position: 0, key: 'a', name: 'A', isControl: 1 }, { ...arm, id: 'v2', position: 1, key: 'b', name: 'B', isControl: 0 }]).execute();
}

const wireEvent = validEventArb({ now: NOW, claim: fc.constant({ experiment: 'hero', variant: 'x' }) });
const jobArb: fc.Arbitrary<CommitJob> = fc
  .record({
    visitor: fc.constantFrom(...VISITORS),
    events: fc.array(wireEvent, { minLength: 1, maxLength: 8 }),
    drops: fc.array(fc.constantFrom<DropReason>('bot', 'invalid_timestamp', 'variant_mismatch'), { maxLength: 3 }),
  })
  .map(({ visitor, events, drops }) => ({
    siteId: 's1',
    events: events.map((event: any): AcceptedEvent => ({
      siteId: 's1',
      // A few ids repeat across jobs: replays, which must be duplicates in both stores.
      id: event.id.length < 3 ? `replay-${event.id}` : event.id,
      experimentId: event.experiment ? 'e1' : null,
      variantId: event.experiment ? VARIANT_OF(visitor) : null,
      visitorId: visitor,
      type: event.type,
      name: event.name ?? null,
      ts: event.ts,
      value: event.value ?? null,
      // Few orders, so purchases of one order meet.
      orderId: event.order === undefined ? null : event.type === 'purchase' ? `o-${event.order.length % 3}-${event.order}`.slice(0, 6) : event.order,
      props: event.props === undefined ? null : JSON.stringify(event.props),
    })),
    drops: new Map(drops.map((reason) => [reason, 1])),
  }));
const flushesArb = fc.array(fc.array(jobArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 });

const TABLES = [
  ['events', 'site_id, id'],
  ['visitor_facts', 'experiment_id, visitor_id'],
  ['variant_daily_sums', 'experiment_id, variant_id, day, metric'],
  ['segment_sums', 'experiment_id, variant_id, segment, metric'],
  ['drop_counts', 'site_id, day, reason'],
  ['experiments', 'id'],
] as const;

async function snapshot(db: Db) {
  const tables: Record<string, unknown[]> = {};
  for (const [table, key] of TABLES) tables[table] = (await sql.raw(`SELECT * FROM ${table} ORDER BY ${key}`).execute(db)).rows;
  return tables;
}

async function reset(db: Db): Promise<void> {
  await sql`TRUNCATE events, visitor_facts, variant_daily_sums, segment_sums, drop_counts, visitor_locks`.execute(db);
  await sql`UPDATE experiments SET sums_version = 0`.execute(db);
}

describe.skipIf(!PG_URL)('the PostgreSQL flush store [postgres]', () => {
  it('leaves the same tables as the Kysely store for the same flushes', async () => {
    const databases: TestDatabase[] = [await openTestDatabase('postgres'), await openTestDatabase('postgres')];
    const stores: FlushStoreFactory[] = [(trx) => kyselyFlushStore(trx, 'postgres'), (trx) => postgresFlushStore(trx)];
    try {
      for (const database of databases) await seed(database.db);
      await fc.assert(
        fc.asyncProperty(flushesArb, async (flushes) => {
          const results: unknown[][] = [[], []];
          for (const [i, database] of databases.entries()) {
            await reset(database.db);
            for (const [n, jobs] of flushes.entries()) results[i]!.push(await commitJobs(database.db, stores[i]!, jobs, NOW + n));
          }
          expect(results[1]).toEqual(results[0]);
          expect(await snapshot(databases[1]!.db)).toEqual(await snapshot(databases[0]!.db));
        }),
        { numRuns: 25 },
      );
    } finally {
      for (const database of databases) await database.cleanup();
    }
  }, 120_000);
});

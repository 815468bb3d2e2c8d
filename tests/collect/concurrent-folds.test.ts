// Two writers on two connection pools (two Candor processes, as PostgreSQL sees them) folding
// the same visitors of one site at once: no site-wide lock keeps them apart, so the visitor lock
// rows and the sorted writes must. The facts and sums must equal a rebuild from the raw events,
// and a flush that PostgreSQL rolls back for a deadlock is tried again whole. PostgreSQL only:
// SQLite has one writer.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AcceptedEvent, CommitJob } from '../../server/collect/commit.js';
import type { FlushStoreFactory } from '../../server/collect/flush-store.js';
import { flushStoreFor } from '../../server/collect/flush-stores.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { createWriter } from '../../server/collect/writer.js';
import { openDatabase } from '../../server/db/connect.js';
import { buildTestApp } from '../helpers/app.js';
import { openTestDatabase } from '../helpers/databases.js';
import { armOf, runningSetup } from './helpers.js';

const PG_URL = process.env.CANDOR_TEST_PG_URL;
const HOUR = 3_600_000;

/** A job of 1–8 events for one of the visitors: exposures (some earlier than before, some a day earlier), clicks, carts, purchases (some of an order another visitor sent). */
function jobFor(site: { id: string }, experiment: any, visitor: string, now: number): CommitJob {
  const arm = armOf(experiment, visitor);
  const count = 1 + Math.floor(Math.random() * 8);
  const events: AcceptedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const ts = now - Math.floor(Math.random() * 60 * HOUR);
    const base = { siteId: site.id, id: randomUUID(), visitorId: visitor, ts, name: null, value: null, orderId: null, props: null, experimentId: experiment.id, variantId: arm.id };
    const roll = Math.random();
    if (roll < 0.35) {
      const device = ['mobile', 'desktop'][Math.floor(Math.random() * 2)];
      events.push({ ...base, type: 'exposure', props: JSON.stringify({ device, source: 'search' }) });
    } else if (roll < 0.6) events.push({ ...base, type: 'click' });
    else if (roll < 0.8) events.push({ ...base, type: 'add_to_cart', experimentId: null, variantId: null, value: 10 + i });
    else events.push({ ...base, type: 'purchase', experimentId: null, variantId: null, value: 50 + i, orderId: `order-${Math.floor(Math.random() * 12)}` });
  }
  return { siteId: site.id, events, drops: new Map() };
}

describe.skipIf(!PG_URL)('concurrent folds of one site [postgres]', () => {
  it('two processes folding the same visitors at once leave facts and sums equal to a rebuild', async () => {
    const database = await openTestDatabase('postgres');
    const schema = (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(database.db)).rows[0]!.schema;
    const pools = [0, 1].map(() => openDatabase({ dialect: 'postgres', url: PG_URL! }, { searchPath: schema, maxConnections: 4 }));
    try {
      const t = buildTestApp(database);
      const { site, experiment } = await runningSetup(t);
      const visitors = Array.from({ length: 12 }, (_, i) => `visitor-${i}`);
      const writers = pools.map((pool) => createWriter(pool.db, 'postgres', { flushEveryMs: 1, flushAtEvents: 40 }));
      const sent = new Set<string>();
      await Promise.all(
        writers.map(async (writer) => {
          // Several jobs in flight per writer, so its flushes gather many visitors at once.
          const jobs = Array.from({ length: 160 }, () => jobFor(site, experiment, visitors[Math.floor(Math.random() * visitors.length)]!, t.clock.now));
          for (const job of jobs) for (const event of job.events) sent.add(event.id);
          await Promise.all(jobs.map((job) => writer.submit(job)));
        }),
      );
      await Promise.all(writers.map((writer) => writer.close()));

      const report = await verifyConsistency(database.db);
      expect(report.factDifferences).toEqual([]);
      expect(report.sumDifferences).toEqual([]);
      expect(report.segmentSumDifferences).toEqual([]);
      expect(report.facts).toBe(visitors.filter((visitor) => armOf(experiment, visitor)).length);
      // Every event stored but the purchases of an order stored before (one purchase per order).
      const stored = await database.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const orders = await database.db.selectFrom('events').select('orderId').where('type', '=', 'purchase').execute();
      expect(new Set(orders.map((row) => row.orderId)).size).toBe(orders.length);
      expect(stored.n).toBeLessThanOrEqual(sent.size);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
      await database.cleanup();
    }
  }, 60_000);

  it('tries a flush again whole when PostgreSQL rolls it back for a deadlock, and stores its events once', async () => {
    const database = await openTestDatabase('postgres');
    try {
      const t = buildTestApp(database);
      const { site, experiment } = await runningSetup(t);
      const real = flushStoreFor(database.db, 'postgres');
      let attempts = 0;
      // The first attempt fails as a deadlock's victim does: PostgreSQL raises 40P01 mid-transaction.
      const store: FlushStoreFactory = (trx) => {
        const inner = real(trx);
        return {
          ...inner,
          async insertEvents(rows) {
            const inserted = await inner.insertEvents(rows);
            if (++attempts === 1) await sql`DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = 'deadlock_detected'; END $$`.execute(trx);
            return inserted;
          },
        };
      };
      const writer = createWriter(database.db, 'postgres', { flushEveryMs: 1, store });
      const job = jobFor(site, experiment, 'visitor-1', t.clock.now);
      const result = await writer.submit(job);
      await writer.close();
      expect(attempts).toBe(2);
      const ids = new Set(job.events.map((event) => event.id));
      const stored = await database.db.selectFrom('events').select('id').execute();
      expect(result.inserted + result.duplicates).toBe(job.events.length);
      expect(stored.length).toBe(result.inserted);
      expect(stored.every((row) => ids.has(row.id))).toBe(true);
      expect((await verifyConsistency(database.db)).factDifferences).toEqual([]);
    } finally {
      await database.cleanup();
    }
  });
});

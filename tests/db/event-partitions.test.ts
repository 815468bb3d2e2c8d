// Raw events partitioned by month on PostgreSQL (server/db/event-partitions.ts): a database of
// the version before is migrated with its events moved into monthly partitions and its purchases'
// orders claimed; replays stay duplicates across the change; the server creates months ahead; old
// months detach. PostgreSQL only: SQLite keeps one events table.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { commitJobs, type AcceptedEvent } from '../../server/collect/commit.js';
import { flushStoreFor } from '../../server/collect/flush-stores.js';
import { detachEventPartitionsBefore, ensureEventPartitions, listEventPartitions, monthOf } from '../../server/db/event-partitions.js';
import { MIGRATIONS } from '../../server/db/migrations.js';
import { applySchema, parseSchema } from '../../server/db/schema.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';

const PG_URL = process.env.CANDOR_TEST_PG_URL;
const SCHEMA_V1 = parseSchema(readFileSync(new URL('./fixtures/schema-v1.sql', import.meta.url), 'utf8'));
const NOW = Date.now();
const DAY = 86_400_000;

const event = (id: string, ts: number, fields: Partial<AcceptedEvent> = {}): AcceptedEvent => ({
  siteId: 's1', id, experimentId: null, variantId: null, visitorId: 'visitor-1', type: 'click', name: null, ts, value: null, orderId: null, props: null, ...fields,
});

describe.skipIf(!PG_URL)('partitioned events [postgres]', () => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.cleanup();
  });

  /** A database at schema version 9 (before partitions), with events of three months ago and of now. */
  async function versionNine() {
    const database = await openTestDatabase('postgres', { schema: false });
    opened.push(database);
    await applySchema(database.db, 'postgres', SCHEMA_V1, [], () => 100);
    await applySchema(database.db, 'postgres', { version: 9, statements: [] }, MIGRATIONS.slice(0, 8), () => 100);
    await database.db
      .insertInto('events')
      .values([
        { ...event('old-click', NOW - 90 * DAY), receivedAt: NOW - 90 * DAY },
        { ...event('old-purchase', NOW - 90 * DAY, { type: 'purchase', orderId: 'order-1', value: 40 }), receivedAt: NOW - 90 * DAY },
        { ...event('new-click', NOW), receivedAt: NOW },
      ])
      .execute();
    return database;
  }

  it('moves an existing events table into monthly partitions, keeping every row and claiming its orders', async () => {
    const { db } = await versionNine();
    expect(await applySchema(db, 'postgres')).toEqual({ from: 9, to: 10 });
    const partitioned = await sql`SELECT 1 FROM pg_partitioned_table t JOIN pg_class c ON c.oid = t.partrelid WHERE c.relname = 'events' AND c.relnamespace = to_regnamespace(current_schema())`.execute(db);
    expect(partitioned.rows).toHaveLength(1);
    expect((await db.selectFrom('events').select('id').orderBy('id').execute()).map((row) => row.id)).toEqual(['new-click', 'old-click', 'old-purchase']);
    const partitions = await listEventPartitions(db);
    // From the oldest event's month to two months ahead, every month.
    expect(partitions[0]).toBe(monthOf(NOW - 90 * DAY).name);
    expect(partitions.at(-1)).toBe(monthOf(NOW, 2).name);
    const where = await sql<{ partition: string; id: string }>`SELECT tableoid::regclass::text AS partition, id FROM events ORDER BY id`.execute(db);
    expect(where.rows).toEqual([
      { partition: monthOf(NOW).name, id: 'new-click' },
      { partition: monthOf(NOW - 90 * DAY).name, id: 'old-click' },
      { partition: monthOf(NOW - 90 * DAY).name, id: 'old-purchase' },
    ]);
    expect(await db.selectFrom('purchaseOrders').selectAll().execute()).toEqual([{ siteId: 's1', orderId: 'order-1', eventId: 'old-purchase' }]);
  });

  it('keeps a replay a duplicate across the change, and a purchase of a counted order', async () => {
    const { db } = await versionNine();
    await applySchema(db, 'postgres');
    const store = flushStoreFor(db, 'postgres');
    const [replays, fresh] = await commitJobs(db, store, [
      { siteId: 's1', events: [event('old-click', NOW - 90 * DAY), event('new-click', NOW), event('reload', NOW, { type: 'purchase', orderId: 'order-1', value: 40 })], drops: new Map() },
      { siteId: 's1', events: [event('another', NOW), event('first-of-order-2', NOW, { type: 'purchase', orderId: 'order-2', value: 9 })], drops: new Map() },
    ], NOW);
    expect(replays).toEqual({ inserted: 0, duplicates: 3 });
    expect(fresh).toEqual({ inserted: 2, duplicates: 0 });
    expect(await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()).toEqual({ n: 5 });
  });

  it('creates the months ahead at start, and detaches whole months before a date', async () => {
    const { db } = await versionNine();
    await applySchema(db, 'postgres');
    await ensureEventPartitions(db, 'postgres', NOW + 70 * DAY);
    expect(await listEventPartitions(db)).toContain(monthOf(NOW + 70 * DAY, 2).name);
    const detached = await detachEventPartitionsBefore(db, NOW - 30 * DAY);
    expect(detached).toContain(monthOf(NOW - 90 * DAY).name);
    expect(detached).not.toContain(monthOf(NOW).name);
    expect((await db.selectFrom('events').select('id').execute()).map((row) => row.id)).toEqual(['new-click']);
    // The detached month's table stays, to archive or drop.
    const kept = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.id(monthOf(NOW - 90 * DAY).name)}`.execute(db);
    expect(kept.rows[0]!.n).toBe(2);
  });

  it('leaves a month whose rows already sit in the default partition there, rather than failing a start', async () => {
    const { db } = await versionNine();
    await applySchema(db, 'postgres');
    const far = NOW + 200 * DAY;
    await db.insertInto('events').values({ ...event('stray', far), receivedAt: NOW }).execute();
    await ensureEventPartitions(db, 'postgres', far);
    expect(await listEventPartitions(db)).not.toContain(monthOf(far).name);
    expect(await listEventPartitions(db)).toContain(monthOf(far, 1).name);
    const where = await sql<{ partition: string }>`SELECT tableoid::regclass::text AS partition FROM events WHERE id = 'stray'`.execute(db);
    expect(where.rows).toEqual([{ partition: 'events_default' }]);
  });
});

// Raw events on PostgreSQL are partitioned by month of their timestamp (ts, the visitor's clock,
// which ingestion keeps within a week before and ten minutes after the server's), so an old month
// can be detached and archived or dropped, and the table does not grow without limit.
// - Why ts and not received_at: a replay carries the same ts (the snippet stamps an event once),
//   so it lands in the same partition, where the primary key (site_id, id, ts) finds it: "a replay
//   is a duplicate" stays exact without a table of every id ever seen. A purchase's order, which
//   must be unique across partitions, is claimed in purchase_orders instead (both dialects).
// - The server creates each month's partition ahead (at start, then daily); a row outside every
//   month lands in the default partition, so no write ever fails for want of one.
// SQLite keeps one events table: these functions do nothing there.
import { sql } from 'kysely';
import type { Db, Dialect } from './connect.js';

/** Months ahead of the current one that always have their partition. */
export const MONTHS_AHEAD = 2;
/** A fresh or migrated database gets partitions back to this many months for its oldest events; older ones go to the default partition. */
const MONTHS_BACK_AT_MIGRATION = 24;

/** The events table as schema.sql has it, made partitioned; then its existing rows moved in. */
export const PARTITION_EVENTS: readonly string[] = [
  'ALTER TABLE events RENAME TO events_unpartitioned',
  'ALTER INDEX events_pkey RENAME TO events_unpartitioned_pkey',
  'ALTER INDEX events_visitor RENAME TO events_unpartitioned_visitor',
  'ALTER INDEX events_purchase_order RENAME TO events_unpartitioned_purchase_order',
  `CREATE TABLE events (
    site_id        TEXT              NOT NULL,
    id             TEXT              NOT NULL,
    experiment_id  TEXT,
    variant_id     TEXT,
    visitor_id     TEXT              NOT NULL,
    type           TEXT              NOT NULL,
    name           TEXT,
    ts             BIGINT            NOT NULL,
    received_at    BIGINT            NOT NULL,
    value          DOUBLE PRECISION,
    order_id       TEXT,
    props          TEXT,
    PRIMARY KEY (site_id, id, ts)
  ) PARTITION BY RANGE (ts)`,
  'CREATE INDEX events_visitor ON events (visitor_id)',
  "CREATE INDEX events_purchase_order ON events (site_id, order_id) WHERE type = 'purchase' AND order_id IS NOT NULL",
  'CREATE TABLE events_default PARTITION OF events DEFAULT',
  // A partition per month from the oldest event's (at most MONTHS_BACK_AT_MIGRATION back) to MONTHS_AHEAD ahead.
  `DO $$
  DECLARE
    m timestamp := date_trunc('month', greatest(
      coalesce((SELECT to_timestamp(min(ts) / 1000.0) FROM events_unpartitioned), now()),
      now() - interval '${MONTHS_BACK_AT_MIGRATION} months') AT TIME ZONE 'UTC');
    last timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') + interval '${MONTHS_AHEAD} months';
  BEGIN
    WHILE m <= last LOOP
      EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF events FOR VALUES FROM (%s) TO (%s)',
        'events_' || to_char(m, 'YYYY_MM'),
        (extract(epoch FROM m) * 1000)::bigint,
        (extract(epoch FROM m + interval '1 month') * 1000)::bigint);
      m := m + interval '1 month';
    END LOOP;
  END $$`,
  `INSERT INTO events (site_id, id, experiment_id, variant_id, visitor_id, type, name, ts, received_at, value, order_id, props)
    SELECT site_id, id, experiment_id, variant_id, visitor_id, type, name, ts, received_at, value, order_id, props FROM events_unpartitioned`,
  'DROP TABLE events_unpartitioned',
];

export interface Month {
  name: string;
  from: number;
  to: number;
}

/** The month `offset` months after the one holding `at` (UTC), as its partition. */
export function monthOf(at: number, offset = 0): Month {
  const date = new Date(at);
  const from = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1);
  const to = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset + 1, 1);
  const start = new Date(from);
  return { name: `events_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`, from, to };
}

/** Creates the partitions of the current month and MONTHS_AHEAD after it where missing. */
export async function ensureEventPartitions(db: Db, dialect: Dialect, now: number): Promise<void> {
  if (dialect !== 'postgres' || !(await eventsArePartitioned(db))) return;
  for (let offset = 0; offset <= MONTHS_AHEAD; offset++) {
    const month = monthOf(now, offset);
    // A month whose rows already sit in the default partition (a stray timestamp) cannot get one
    // without moving them: it is left there, still fully served, rather than failing a start.
    await sql
      .raw(
        `DO $$ BEGIN
          IF to_regclass('${month.name}') IS NULL AND NOT EXISTS (SELECT 1 FROM events_default WHERE ts >= ${month.from} AND ts < ${month.to}) THEN
            CREATE TABLE ${month.name} PARTITION OF events FOR VALUES FROM (${month.from}) TO (${month.to});
          END IF;
        END $$`,
      )
      .execute(db);
  }
}

async function eventsArePartitioned(db: Db): Promise<boolean> {
  const { rows } = await sql`
    SELECT 1 FROM pg_partitioned_table t JOIN pg_class c ON c.oid = t.partrelid
    WHERE c.relname = 'events' AND c.relnamespace = to_regnamespace(current_schema())`.execute(db);
  return rows.length > 0;
}

/** The monthly partitions attached now, oldest first. */
export async function listEventPartitions(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'events' AND p.relnamespace = to_regnamespace(current_schema())
      AND c.relname ~ '^events_[0-9]{4}_[0-9]{2}$'
    ORDER BY c.relname`.execute(db);
  return rows.map((row) => row.name);
}

/**
 * Detaches every monthly partition wholly before `before`'s month (each DETACH waits for the
 * flushes under way and holds new ones for a moment: not CONCURRENTLY, which PostgreSQL refuses
 * beside a default partition): its events leave Candor, while
 * the facts and sums keep what they counted. The tables stay, to archive or DROP. Returns their
 * names. Afterwards `verify`, which rebuilds facts from raw events, reports the visitors whose
 * events left: run it before detaching.
 */
export async function detachEventPartitionsBefore(db: Db, before: number): Promise<string[]> {
  const cutoff = monthOf(before).name;
  const detached: string[] = [];
  for (const name of await listEventPartitions(db)) {
    if (name >= cutoff) break;
    await sql`ALTER TABLE events DETACH PARTITION ${sql.id(name)}`.execute(db);
    detached.push(name);
  }
  return detached;
}

/** Creates next months' partitions once a day (each process; creating is idempotent). */
export function startPartitionTimer(db: Db, dialect: Dialect, now: () => number = Date.now, log: (line: string) => void = console.log): { stop(): void } {
  if (dialect !== 'postgres') return { stop() {} };
  const timer = setInterval(() => {
    ensureEventPartitions(db, dialect, now()).catch((err: unknown) => log(`Creating the next months' event partitions failed: ${err instanceof Error ? err.message : String(err)}`));
  }, 24 * 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

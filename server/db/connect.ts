// One Kysely instance per dialect: better-sqlite3 (WAL, the embedded default) or pg.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, SqliteDriver } from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from '../config.js';
import { LockWaitingDriver } from './lock-wait.js';
import { withStatementCache } from './statement-cache.js';
import type { Database } from './types.js';

export type Db = Kysely<Database>;
export type Dialect = DatabaseTarget['dialect'];

/** The better-sqlite3 connection behind each SQLite Kysely instance: Kysely's driver runs every query on it. */
const sqliteConnections = new WeakMap<Db, SQLite.Database>();

/**
 * The one better-sqlite3 connection a SQLite `db` runs its queries on, or undefined for
 * PostgreSQL. Statements run on it inside a Kysely transaction of `db` join that transaction,
 * since Kysely's SQLite driver holds this single connection for the whole transaction.
 */
export function sqliteConnectionOf(db: Db): SQLite.Database | undefined {
  return sqliteConnections.get(db);
}

export interface OpenDatabase {
  readonly db: Db;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL: extra `-c` settings for every connection, e.g. a search_path that isolates a test run. */
  searchPath?: string;
  /** PostgreSQL: the pool's size. */
  maxConnections?: number;
  /**
   * SQLite: how long a write waits, without blocking the event loop, while another process holds
   * the write lock, before it fails with DatabaseBusyError (the server answers 503 then).
   */
  lockWaitMs?: number;
}

/** Milliseconds SQLite itself sleeps, synchronously, on a taken lock before the driver's timers take over. */
export const SQLITE_BUSY_TIMEOUT_MS = 2;
export const DEFAULT_LOCK_WAIT_MS = 5000;

export function openDatabase(target: DatabaseTarget, options: DatabaseOptions = {}): OpenDatabase {
  const db = target.dialect === 'sqlite' ? openSqlite(target.file, options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS) : openPostgres(target.url, options);
  return { db, dialect: target.dialect, close: () => db.destroy() };
}

function openSqlite(file: string, lockWaitMs: number): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives power loss, not only a killed process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Multi-row upserts keep a statement journal; on disk it cost a file write and close per flush.
  sqlite.pragma('temp_store = MEMORY');
  const config = { database: withStatementCache(sqlite) };
  // The dialect as Kysely builds it, with the driver that waits for the write lock on timers.
  const dialect = new SqliteDialect(config);
  dialect.createDriver = () => new LockWaitingDriver(new SqliteDriver(config), { maxWaitMs: lockWaitMs });
  const db = new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
  sqliteConnections.set(db, sqlite);
  return db;
}

// BIGINT and COUNT(*) arrive as strings from pg by default; our integers are epoch
// milliseconds and counts, far below 2^53, so numbers are exact and simpler everywhere.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function openPostgres(url: string, options: DatabaseOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types: pgTypes,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // An idle client losing its connection must not take the process down; the next query reconnects.
  pool.on('error', (err) => console.error('postgres pool error', err.message));
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
}

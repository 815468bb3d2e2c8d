// The flush store each dialect uses (flush-store.ts): the fastest one it has. PostgreSQL writes
// each table with one unnest statement per flush; SQLite runs statements prepared once on its one
// connection; the Kysely store is the reference both are tested against (and the fallback when a
// SQLite database is not reached through our own connection).
import { sqliteConnectionOf, type Db, type Dialect } from '../db/connect.js';
import type { FlushStoreFactory } from './flush-store.js';
import { kyselyFlushStore } from './kysely-flush-store.js';
import { postgresFlushStore } from './postgres-flush-store.js';
import { sqliteFlushStoreFor } from './sqlite-flush-store.js';

export function flushStoreFor(db: Db, dialect: Dialect): FlushStoreFactory {
  if (dialect === 'postgres') return (trx) => postgresFlushStore(trx);
  const sqlite = sqliteConnectionOf(db);
  if (sqlite) return sqliteFlushStoreFor(sqlite);
  return (trx) => kyselyFlushStore(trx, dialect);
}

// The flush store each dialect uses (flush-store.ts): the fastest one it has. PostgreSQL writes
// each table with one unnest statement per flush; SQLite keeps the Kysely store, whose statements
// the statement cache prepares once.
import type { Db, Dialect } from '../db/connect.js';
import type { FlushStoreFactory } from './flush-store.js';
import { kyselyFlushStore } from './kysely-flush-store.js';
import { postgresFlushStore } from './postgres-flush-store.js';

export function flushStoreFor(_db: Db, dialect: Dialect): FlushStoreFactory {
  if (dialect === 'postgres') return (trx) => postgresFlushStore(trx);
  return (trx) => kyselyFlushStore(trx, dialect);
}

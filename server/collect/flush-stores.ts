// The flush store each dialect uses (flush-store.ts): the fastest one it has.
import { sqliteConnectionOf, type Db, type Dialect } from '../db/connect.js';
import type { FlushStoreFactory } from './flush-store.js';
import { kyselyFlushStore } from './kysely-flush-store.js';
import { sqliteFlushStoreFor } from './sqlite-flush-store.js';

export function flushStoreFor(db: Db, dialect: Dialect): FlushStoreFactory {
  const sqlite = dialect === 'sqlite' ? sqliteConnectionOf(db) : undefined;
  if (sqlite) return sqliteFlushStoreFor(sqlite);
  return (trx) => kyselyFlushStore(trx, dialect);
}

// The flush store each dialect uses (flush-store.ts): the fastest one it has.
import type { Db, Dialect } from '../db/connect.js';
import type { FlushStoreFactory } from './flush-store.js';
import { kyselyFlushStore } from './kysely-flush-store.js';

export function flushStoreFor(_db: Db, dialect: Dialect): FlushStoreFactory {
  return (trx) => kyselyFlushStore(trx, dialect);
}

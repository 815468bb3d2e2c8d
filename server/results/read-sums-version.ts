// An experiment's sums_version (collect/sums-version.ts): the results cache's test, one read by
// primary key; and a read snapshot, so that the version and the sums read with it agree.
import { sql, type Kysely } from 'kysely';
import type { Db, Dialect } from '../db/connect.js';
import type { Database } from '../db/types.js';

export async function readSumsVersion(db: Kysely<Database>, experimentId: string): Promise<number> {
  const row = await db.selectFrom('experiments').select('sumsVersion').where('id', '=', experimentId).executeTakeFirstOrThrow();
  return Number(row.sumsVersion);
}

/**
 * Runs `work` on one snapshot of the database, so that no commit lands between its reads.
 * PostgreSQL: a REPEATABLE READ transaction. SQLite: a deferred BEGIN on the one connection, held
 * for the whole work (Kysely's own transactions there begin IMMEDIATE, taking the write lock,
 * which a read must not); in WAL mode its first read fixes the snapshot.
 */
export async function inReadSnapshot<T>(db: Db, dialect: Dialect, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (dialect === 'postgres') return db.transaction().setIsolationLevel('repeatable read').execute(work);
  return db.connection().execute(async (connection) => {
    await sql`begin`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (err) {
      await sql`rollback`.execute(connection);
      throw err;
    }
  });
}

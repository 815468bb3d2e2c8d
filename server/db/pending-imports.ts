// An import being written: its facts go in over many short transactions under an experiment id
// that no experiments row has yet, so nothing shows until the last one. A `settings` row marks
// it meanwhile, touched by every chunk; an import that died is removed by the next start or import.
// It lives in db/ because two features read it: imports/ writes the markers, collect/verify skips them.
import type { Transaction } from 'kysely';
import type { Db } from './connect.js';
import type { Database } from './types.js';

const PREFIX = 'import_pending:';
/** Rows per delete while removing an import, so the write lock is held in short spells. */
const DELETE_CHUNK = 5000;
/** A marker untouched this long belongs to an import that died: a live one touches it every chunk. */
export const ABANDONED_AFTER_MS = 60_000;

// The markers' times are the wall clock, not an import's `now` (which a test may fix): another
// process compares them with its own wall clock to tell a live import from a dead one.
export async function markImportPending(db: Db, experimentId: string, clock: () => number = Date.now): Promise<void> {
  await db.insertInto('settings').values({ key: PREFIX + experimentId, value: '', updatedAt: clock() }).execute();
}

export async function touchImportPending(trx: Transaction<Database>, experimentId: string, clock: () => number = Date.now): Promise<void> {
  await trx.updateTable('settings').set({ updatedAt: clock() }).where('key', '=', PREFIX + experimentId).execute();
}

/** In the import's last transaction: from its commit on, the experiment is an ordinary one. */
export async function clearImportPending(trx: Transaction<Database>, experimentId: string): Promise<void> {
  await trx.deleteFrom('settings').where('key', '=', PREFIX + experimentId).execute();
}

/** The experiment ids of imports being written (or abandoned and not yet removed). */
export async function pendingImportIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('settings').select('key').where('key', 'like', `${PREFIX}%`).execute();
  return rows.map((row) => row.key.slice(PREFIX.length));
}

/** Deletes an unfinished import's facts a chunk at a time, then its marker. */
export async function removePendingImport(db: Db, experimentId: string): Promise<void> {
  for (;;) {
    const result = await db
      .deleteFrom('visitorFacts')
      .where('experimentId', '=', experimentId)
      .where('visitorId', 'in', (eb) =>
        eb.selectFrom('visitorFacts').select('visitorId').where('experimentId', '=', experimentId).limit(DELETE_CHUNK),
      )
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) break;
  }
  await db.deleteFrom('settings').where('key', '=', PREFIX + experimentId).execute();
}

/** Removes the imports whose marker nobody has touched for ABANDONED_AFTER_MS; returns how many. */
export async function removeAbandonedImports(db: Db, now: number = Date.now()): Promise<number> {
  const rows = await db
    .selectFrom('settings')
    .select('key')
    .where('key', 'like', `${PREFIX}%`)
    .where('updatedAt', '<', now - ABANDONED_AFTER_MS)
    .execute();
  for (const row of rows) await removePendingImport(db, row.key.slice(PREFIX.length));
  return rows.length;
}

// Who may fold a site's events at once, on PostgreSQL (SQLite has one writer anyway). Every
// flush takes its sites' advisory locks shared, so any number of processes fold one shop at
// once, each excluding the others per visitor (visitor-locks.ts). A writer that reads or rewrites
// facts beyond its own visitors (order truth, a revenue cap, erasing a visitor) takes them
// exclusive and so waits for every flush of the site. Sorted, so two cannot deadlock.
import { sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { Database } from '../db/types.js';

/** `exclusive` false: the lock many flushes hold at once; true: the one that waits for all of them. */
export async function lockSites(trx: Transaction<Database>, dialect: Dialect, siteIds: readonly string[], exclusive = true): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const siteId of [...new Set(siteIds)].sort()) {
    if (!exclusive) await sql`SELECT pg_advisory_xact_lock_shared(hashtext(${siteId}))`.execute(trx);
    else await sql`SELECT pg_advisory_xact_lock(hashtext(${siteId}))`.execute(trx);
  }
}

// Writers that read and rewrite a site's facts and sums take turns per site. SQLite has one
// writer anyway; on PostgreSQL, several Candor processes may flush at once, so each
// transaction takes an advisory lock per site, in sorted order so two cannot deadlock.
import { sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/connect.js';
import type { Database } from '../db/types.js';

export async function lockSites(trx: Transaction<Database>, dialect: Dialect, siteIds: readonly string[]): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const siteId of [...new Set(siteIds)].sort()) {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${siteId}))`.execute(trx);
  }
}

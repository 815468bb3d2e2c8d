// Per-visitor mutual exclusion between flushes on PostgreSQL: two processes folding the same
// visitor at once would each read the old fact and one update would be lost. An advisory lock per
// visitor would fill the shared lock table (a flush holds up to 2,000 visitors), so each visitor
// has a row in visitor_locks, created on first sight and row-locked until the flush commits.
// One statement, in one sorted order for every flush, so two flushes cannot deadlock here.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/types.js';
import type { VisitorRef } from './flush-store.js';

/** The visitors, once each, in the one order every flush locks them in (UTF-16 code units). */
export function sortedVisitors(visitors: readonly VisitorRef[]): { siteIds: string[]; visitorIds: string[] } {
  const unique = new Map<string, VisitorRef>();
  for (const visitor of visitors) unique.set(`${visitor.siteId}\u0000${visitor.visitorId}`, visitor);
  const keys = [...unique.keys()].sort();
  return { siteIds: keys.map((key) => unique.get(key)!.siteId), visitorIds: keys.map((key) => unique.get(key)!.visitorId) };
}

export async function lockVisitors(trx: Transaction<Database>, visitors: readonly VisitorRef[]): Promise<void> {
  if (visitors.length === 0) return;
  const { siteIds, visitorIds } = sortedVisitors(visitors);
  // DO UPDATE … WHERE false updates nothing but still locks each conflicting row (PostgreSQL
  // documents this), and an inserted row is ours until commit: one round trip, no dead tuples.
  await sql`
    INSERT INTO visitor_locks (site_id, visitor_id)
    SELECT * FROM unnest(${siteIds}::text[], ${visitorIds}::text[])
    ON CONFLICT (site_id, visitor_id) DO UPDATE SET site_id = excluded.site_id WHERE false`.execute(trx);
}

// The installation check's memory: when each site's last batch was accepted, and from which page
// origin. Events do not store their origin (no need to, and less to keep), so this lives in the
// process; after a restart, the newest stored event's time stands in, without an origin. One per
// app, in AppDeps, so that every route that records or reads it shares it.
import type { Db } from '../db/connect.js';

export interface Sighting {
  at: number;
  /** The page's Origin header; null when the batch came from a server (no Origin). */
  origin: string | null;
  /** memory: seen by this process; events: the newest stored event, from before it started. */
  source: 'memory' | 'events';
}

/** The conversions the install page checks for, each seen on its own. */
export const CHECKED_CONVERSIONS = ['add_to_cart', 'purchase'] as const;
export type CheckedConversion = (typeof CHECKED_CONVERSIONS)[number];

export interface LastSeen {
  record(siteId: string, origin: string | null, at: number): void;
  find(siteId: string): Promise<Sighting | null>;
  /** Notes the conversions just committed for a site (from a page, a pixel or a webhook). */
  recordConversions(siteId: string, types: Iterable<string>, at: number): void;
  /** When a conversion of this type last arrived: this process's memory, else the newest stored one. */
  findConversion(siteId: string, type: CheckedConversion): Promise<number | null>;
}

export function createLastSeen(db: Db): LastSeen {
  const seen = new Map<string, Sighting>();
  // Keyed "site type"; null remembers that the stored events hold none, so the page's polling
  // reads the table once, and a later conversion replaces it.
  const conversions = new Map<string, number | null>();
  return {
    recordConversions(siteId, types, at) {
      for (const type of types) if ((CHECKED_CONVERSIONS as readonly string[]).includes(type)) conversions.set(`${siteId} ${type}`, at);
    },
    async findConversion(siteId, type) {
      const key = `${siteId} ${type}`;
      if (conversions.has(key)) return conversions.get(key)!;
      const row = await db
        .selectFrom('events')
        .select((eb) => eb.fn.max('receivedAt').as('at'))
        .where('siteId', '=', siteId)
        .where('type', '=', type)
        .executeTakeFirst();
      const at = row?.at === null || row?.at === undefined ? null : Number(row.at);
      if (!conversions.has(key)) conversions.set(key, at);
      return conversions.get(key)!;
    },
    record(siteId, origin, at) {
      seen.set(siteId, { at, origin, source: 'memory' });
    },
    async find(siteId) {
      const known = seen.get(siteId);
      if (known) return known;
      // No index leads with received_at: this reads the site's events once, then the answer is
      // remembered (a later batch replaces it).
      const row = await db.selectFrom('events').select((eb) => eb.fn.max('receivedAt').as('at')).where('siteId', '=', siteId).executeTakeFirst();
      if (row?.at === null || row?.at === undefined) return null;
      const found: Sighting = { at: Number(row.at), origin: null, source: 'events' };
      if (!seen.has(siteId)) seen.set(siteId, found);
      return seen.get(siteId)!;
    },
  };
}

// The installation check's memory: when each site's last batch was accepted, from which page
// origin, and when its last add-to-cart and purchase arrived. Events do not store their origin
// (no need to, and less to keep), so sightings are kept apart from them: in this process's memory
// at once, and shared through `settings` rows (sighting-store.ts) so that behind a load
// balancer the process the install page polls also sees a batch another process took. Before
// any sighting was shared (a database from before this), the newest stored event's time stands
// in, without an origin. One per app, in AppDeps, so every route that records or reads it shares it.
import type { Db } from '../db/connect.js';
import { createSightingStore, type SightingKind } from './sighting-store.js';

export interface Sighting {
  at: number;
  /** The page's Origin header; null when the batch came from a server (no Origin). */
  origin: string | null;
  /** memory: seen by a Candor process (this one or another); events: the newest stored event, from before sightings were kept. */
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
  /** When a conversion of this type last arrived: any process's sighting, else the newest stored one. */
  findConversion(siteId: string, type: CheckedConversion): Promise<number | null>;
  /** Writes the sightings not yet shared (at a stop). */
  flush(): Promise<void>;
}

export interface LastSeenOptions {
  /** How often a site's sightings are shared at most; memory has them at once. */
  shareEveryMs?: number;
}

export function createLastSeen(db: Db, options: LastSeenOptions = {}): LastSeen {
  const shared = createSightingStore(db, options.shareEveryMs ?? 1000);
  // What the stored events say, read once per site (and type): no index leads with received_at,
  // so this scans the site's events; it is only the fallback for sites no process has seen since.
  const fromEvents = new Map<string, Promise<number | null>>();
  const newestEvent = (siteId: string, type: CheckedConversion | null): Promise<number | null> => {
    const key = `${siteId} ${type ?? ''}`;
    let found = fromEvents.get(key);
    if (!found) {
      let query = db.selectFrom('events').select((eb) => eb.fn.max('receivedAt').as('at')).where('siteId', '=', siteId);
      if (type) query = query.where('type', '=', type);
      found = query.executeTakeFirst().then((row) => (row?.at === null || row?.at === undefined ? null : Number(row.at)));
      fromEvents.set(key, found);
    }
    return found;
  };
  const latest = async (siteId: string, kind: SightingKind) => shared.latest(siteId, kind);

  return {
    record(siteId, origin, at) {
      shared.note(siteId, 'batch', at, origin);
    },
    recordConversions(siteId, types, at) {
      for (const type of types) if ((CHECKED_CONVERSIONS as readonly string[]).includes(type)) shared.note(siteId, type as CheckedConversion, at, null);
    },
    async find(siteId) {
      const seen = await latest(siteId, 'batch');
      if (seen) return { at: seen.at, origin: seen.origin, source: 'memory' };
      const at = await newestEvent(siteId, null);
      return at === null ? null : { at, origin: null, source: 'events' };
    },
    async findConversion(siteId, type) {
      const seen = await latest(siteId, type);
      return seen ? seen.at : newestEvent(siteId, type);
    },
    flush: () => shared.flush(),
  };
}

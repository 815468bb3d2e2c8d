// The installation check's memory: when each site's last batch was accepted, and from which page
// origin. Events do not store their origin (no need to, and less to keep), so this lives in the
// process; after a restart, the newest stored event's time stands in, without an origin.
import type { Db } from '../db/connect.js';

export interface Sighting {
  at: number;
  /** The page's Origin header; null when the batch came from a server (no Origin). */
  origin: string | null;
  /** memory: seen by this process; events: the newest stored event, from before it started. */
  source: 'memory' | 'events';
}

export interface LastSeen {
  record(siteId: string, origin: string | null, at: number): void;
  find(siteId: string): Promise<Sighting | null>;
}

export function createLastSeen(db: Db): LastSeen {
  const seen = new Map<string, Sighting>();
  return {
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

// One record per app: both the ingestion route and the installation check are handed the same
// deps object by createApp, so it keys the record without a new field every caller must fill.
const perApp = new WeakMap<object, LastSeen>();

export function lastSeenOf(deps: { db: Db }): LastSeen {
  let found = perApp.get(deps);
  if (!found) perApp.set(deps, (found = createLastSeen(deps.db)));
  return found;
}

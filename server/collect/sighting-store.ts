// Sightings shared between Candor processes: one `settings` row per site and kind
// ("sighting:<kind>:<site id>", the origin as its value, the time as updated_at). A process
// notes each sighting in memory at once and writes a site's newest at most once per interval,
// off the request path, so ingestion pays nothing per batch; a reader takes the newer of its
// memory and the row. Never moved backwards: a row only takes a later time.
import type { Db } from '../db/connect.js';

export type SightingKind = 'batch' | 'add_to_cart' | 'purchase';

export interface SharedSighting {
  at: number;
  origin: string | null;
}

export interface SightingStore {
  note(siteId: string, kind: SightingKind, at: number, origin: string | null): void;
  latest(siteId: string, kind: SightingKind): Promise<SharedSighting | null>;
  flush(): Promise<void>;
}

const rowKey = (siteId: string, kind: SightingKind) => `sighting:${kind}:${siteId}`;
/** A server's batch has no Origin: stored as the empty string, which no origin is. */
const NO_ORIGIN = '';

export function createSightingStore(db: Db, shareEveryMs: number): SightingStore {
  const memory = new Map<string, SharedSighting>();
  const unshared = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function write(): Promise<void> {
    const keys = [...unshared].sort();
    unshared.clear();
    for (const key of keys) {
      const sighting = memory.get(key)!;
      const value = sighting.origin ?? NO_ORIGIN;
      await db
        .insertInto('settings')
        .values({ key, value, updatedAt: sighting.at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: sighting.at }).where('settings.updatedAt', '<', sighting.at))
        .execute();
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // One write at a time, in order; a failure is reported and the next sighting tries again.
    writing = writing.then(write).catch((error: unknown) => console.error('sharing the install sightings failed', error));
    return writing;
  }

  return {
    note(siteId, kind, at, origin) {
      const key = rowKey(siteId, kind);
      const known = memory.get(key);
      if (known && known.at > at) return;
      memory.set(key, { at, origin });
      unshared.add(key);
      if (!timer) {
        timer = setTimeout(() => void flush(), shareEveryMs);
        timer.unref?.();
      }
    },
    async latest(siteId, kind) {
      const key = rowKey(siteId, kind);
      const row = await db.selectFrom('settings').select(['value', 'updatedAt']).where('key', '=', key).executeTakeFirst();
      const stored = row ? { at: Number(row.updatedAt), origin: row.value === NO_ORIGIN ? null : row.value } : null;
      const known = memory.get(key) ?? null;
      if (!stored) return known;
      if (!known) return stored;
      return known.at >= stored.at ? known : stored;
    },
    flush,
  };
}

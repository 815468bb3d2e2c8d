// What ingestion needs to know about a site, cached briefly in memory so the hot path does not
// ask the database on every request. Admin changes in this process invalidate it at once;
// other processes on the same PostgreSQL see them within the TTL.
import type { Db } from '../db/connect.js';
import type { ExperimentStatus } from '../db/types.js';
import { listExperiments } from '../experiments/experiment-queries.js';
import type { Experiment, Site } from '../experiments/model.js';
import { findSiteByPublicKey } from '../experiments/site-queries.js';

export interface SiteEntry {
  site: Site;
  /** Running experiments by key, with their variants. */
  running: ReadonlyMap<string, Experiment>;
  /** Every experiment key of the site with its status, to tell "not running" from "unknown". */
  statuses: ReadonlyMap<string, ExperimentStatus>;
}

export interface Catalog {
  get(publicKey: string): Promise<SiteEntry | null>;
  invalidate(): void;
}

export interface CatalogOptions {
  ttlMs?: number;
  /** Unknown keys are cached too (so random keys cannot hammer the database); this bounds them. */
  maxEntries?: number;
  now?: () => number;
}

export function createCatalog(db: Db, options: CatalogOptions = {}): Catalog {
  const ttlMs = options.ttlMs ?? 2000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { expires: number; entry: Promise<SiteEntry | null> }>();

  async function load(publicKey: string): Promise<SiteEntry | null> {
    const site = await findSiteByPublicKey(db, publicKey);
    if (!site) return null;
    const running = await listExperiments(db, site.id, ['running']);
    const statuses = await db.selectFrom('experiments').select(['key', 'status']).where('siteId', '=', site.id).execute();
    return {
      site,
      running: new Map(running.map((experiment) => [experiment.key, experiment])),
      statuses: new Map(statuses.map((row) => [row.key, row.status])),
    };
  }

  return {
    get(publicKey) {
      const cached = cache.get(publicKey);
      if (cached && cached.expires > now()) return cached.entry;
      if (cache.size >= maxEntries) cache.clear();
      const entry = load(publicKey);
      cache.set(publicKey, { expires: now() + ttlMs, entry });
      // A failed load is not served from the cache: the next request tries again.
      entry.catch(() => {
        if (cache.get(publicKey)?.entry === entry) cache.delete(publicKey);
      });
      return entry;
    },
    invalidate() {
      cache.clear();
    },
  };
}

// What the app is built from. Passed in by argument so that every test builds its own world.
import type { Catalog } from './collect/catalog.js';
import type { LastSeen } from './collect/last-seen.js';
import type { Writer } from './collect/writer.js';
import type { Config } from './config.js';
import type { Db, Dialect } from './db/connect.js';

export interface AppDeps {
  readonly db: Db;
  readonly dialect: Dialect;
  readonly config: Config;
  /** SHA-256 (hex) of the admin token; see auth/admin-token.ts. */
  readonly adminTokenHash: string;
  readonly now: () => number;
  /** The ingestion's cached view of sites and running experiments; admin changes invalidate it. */
  readonly catalog: Catalog;
  /** The group-commit writer that events go through. */
  readonly writer: Writer;
  /** When each site's events last arrived: written by ingestion, read by the installation check. */
  readonly lastSeen: LastSeen;
  /** The built browser code (/c.js, the dashboard); defaults to dist/public. */
  readonly assetsDir?: string;
}

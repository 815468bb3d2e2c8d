// What the app is built from. Passed in by argument so that every test builds its own world.
import type { Config } from './config.js';
import type { Db, Dialect } from './db/connect.js';

export interface AppDeps {
  readonly db: Db;
  readonly dialect: Dialect;
  readonly config: Config;
  /** SHA-256 (hex) of the admin token; see auth/admin-token.ts. */
  readonly adminTokenHash: string;
  readonly now: () => number;
}

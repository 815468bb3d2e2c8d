// A Candor child over an existing SQLite file (BENCH_SQLITE_FILE), started as server/main.ts
// starts: schema brought up to date (a no-op here), then createApp served on a free local port.
// The admin token comes from BENCH_ADMIN_TOKEN, made afresh by the bench for each run.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { hashToken } from '../../server/auth/admin-token.js';
import { createCatalog } from '../../server/collect/catalog.js';
import { createLastSeen } from '../../server/collect/last-seen.js';
import { createWriter, type Writer } from '../../server/collect/writer.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/connect.js';
import { applySchema } from '../../server/db/schema.js';
import { announceReady, exitWhenTold } from './child.js';

const file = process.env.BENCH_SQLITE_FILE;
const adminToken = process.env.BENCH_ADMIN_TOKEN;
if (!file || !adminToken) throw new Error('BENCH_SQLITE_FILE and BENCH_ADMIN_TOKEN must be set.');
const config = loadConfig({ CANDOR_DATABASE_URL: `sqlite:${file}`, CANDOR_ADMIN_TOKEN: adminToken, CANDOR_RATE_LIMIT: '0' });
const { db, dialect, close } = openDatabase(config.database);

let server: ReturnType<typeof serve> | undefined;
let writer: Writer | undefined;
async function cleanUp(): Promise<void> {
  server?.close();
  await writer?.close();
  await close();
}
exitWhenTold(cleanUp);

try {
  await applySchema(db, dialect);
  writer = createWriter(db, dialect);
  const app = createApp({ db, dialect, config, adminTokenHash: hashToken(adminToken), now: Date.now, catalog: createCatalog(db), writer, lastSeen: createLastSeen(db) });
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => announceReady({ port: info.port }));
} catch (err) {
  console.error('the Candor bench server did not start:', err);
  await cleanUp();
  process.exit(1);
}

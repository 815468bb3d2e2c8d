// The Candor child: a fresh SQLite file in a temp dir, the seeded site and experiment, then
// the app and its direct event route served by listen() as server/main.ts does, on a free local port.
// Given BENCH_SQLITE_FILE (a fresh path), it uses that file and leaves it for the bench to check.
// BENCH_SQLITE_PRAGMAS ("temp_store=MEMORY;wal_autocheckpoint=10000") tries settings the server
// does not make yet, for experiments only: the bench prints them under its figures.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { createServing } from '../../server/app.js';
import { listen } from '../../server/http/listen.js';
import { hashToken } from '../../server/auth/admin-token.js';
import { createCatalog } from '../../server/collect/catalog.js';
import { createLastSeen } from '../../server/collect/last-seen.js';
import { createWriter, type Writer } from '../../server/collect/writer.js';
import { loadConfig } from '../../server/config.js';
import { openDatabase } from '../../server/db/connect.js';
import { applySchema } from '../../server/db/schema.js';
import { announceReady, exitWhenTold } from './child.js';
import { seedRunningExperiment } from './seed.js';

const keptFile = process.env.BENCH_SQLITE_FILE;
const dir = keptFile ? undefined : mkdtempSync(join(tmpdir(), 'candor-bench-'));
const adminToken = `bench_${randomBytes(24).toString('base64url')}`;
const config = loadConfig({
  CANDOR_DATABASE_URL: `sqlite:${keptFile ?? join(dir!, 'candor.db')}`,
  CANDOR_ADMIN_TOKEN: adminToken,
  // All the bench's load comes from one address; a per-address limit would measure itself.
  CANDOR_RATE_LIMIT: '0',
});
const { db, dialect, close } = openDatabase(config.database);

function readPragmas(raw: string | undefined): Array<[string, string]> {
  if (!raw) return [];
  return raw.split(';').map((pair) => {
    const match = /^\s*([a-z_]+)\s*=\s*(-?[A-Za-z0-9_]+)\s*$/.exec(pair);
    if (!match) throw new Error(`BENCH_SQLITE_PRAGMAS: "${pair}" is not name=value`);
    return [match[1]!, match[2]!];
  });
}

let server: ReturnType<typeof listen> | undefined;
let writer: Writer | undefined;
async function cleanUp(): Promise<void> {
  server?.close();
  await writer?.close();
  await close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
exitWhenTold(cleanUp);

try {
  await applySchema(db, dialect);
  for (const [name, value] of readPragmas(process.env.BENCH_SQLITE_PRAGMAS)) await sql.raw(`PRAGMA ${name} = ${value}`).execute(db);
  writer = createWriter(db, dialect);
  const catalog = createCatalog(db);
  const { app, direct } = createServing({ db, dialect, config, adminTokenHash: hashToken(adminToken), now: Date.now, catalog, writer, lastSeen: createLastSeen(db) });
  const seeded = await seedRunningExperiment(app, adminToken);
  server = listen({ fetch: app.fetch, direct, port: 0, hostname: '127.0.0.1', limits: config.connections }, (info: AddressInfo) => {
    announceReady({ port: info.port, ...seeded });
  });
} catch (err) {
  console.error('the Candor bench server did not start:', err);
  await cleanUp();
  process.exit(1);
}

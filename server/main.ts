// The only file with side effects at start: config → database → schema → admin token → serve.
import { createServing } from './app.js';
import { resolveAdminToken } from './auth/admin-token.js';
import { createCatalog } from './collect/catalog.js';
import { createLastSeen } from './collect/last-seen.js';
import { createWriter } from './collect/writer.js';
import { startRevenueCapTimer } from './collect/revenue-cap-timer.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase, type Db } from './db/connect.js';
import { startPartitionTimer } from './db/event-partitions.js';
import { applySchema } from './db/schema.js';
import { DemoError, ensureDemo, followDemoAddress } from './demo/setup.js';
import { listen } from './http/listen.js';
import { removeAbandonedImports } from './db/pending-imports.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { db, dialect, close } = openDatabase(config.database);
  const change = await applySchema(db, dialect);
  if (change.from !== change.to) {
    console.log(change.from === 0 ? `Created the database schema (version ${change.to}).` : `Migrated the database schema from version ${change.from} to ${change.to}.`);
  }
  const abandoned = await removeAbandonedImports(db);
  if (abandoned > 0) console.log(`Removed ${abandoned} unfinished import${abandoned === 1 ? '' : 's'} left by a stopped process.`);
  const adminToken = await resolveAdminToken(db, config, Date.now());
  if (adminToken.generated) {
    console.log(
      [
        '',
        'Your admin token (shown this once; only its hash is stored):',
        '',
        `    ${adminToken.generated}`,
        '',
        'Keep it somewhere safe. Lost it? `npm run candor -- reset-admin-token` makes a new one.',
        '',
      ].join('\n'),
    );
  }

  const demo = (config.demo || process.argv.slice(2).includes('--demo')) && (await startDemo(db, config.publicUrl));
  // A demo made under another address (`npm run demo` without this PORT) moves to this one.
  if (!demo) await followDemoAddress(db, config.publicUrl, Date.now());
  const catalog = createCatalog(db);
  const writer = createWriter(db, dialect);
  const lastSeen = createLastSeen(db);
  const revenueCaps = startRevenueCapTimer(db, dialect);
  // PostgreSQL: next months' event partitions, made ahead (applySchema made them at this start).
  const partitions = startPartitionTimer(db, dialect);
  const { app, direct } = createServing({ db, dialect, config, adminTokenHash: adminToken.hash, now: Date.now, catalog, writer, lastSeen });
  const server = listen({ fetch: app.fetch, direct, port: config.port, hostname: config.host, limits: config.connections }, () => {
    const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL';
    // One write, so whoever waits for the first line (a test, a supervisor) has the second too.
    const lines = [`Candor is listening on ${config.publicUrl} (database: ${where}).`, ...(demo ? [`The demo shop: ${config.publicUrl}/demo`] : [])];
    console.log(lines.join('\n'));
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing.`);
    // No new connections; the writer commits what is queued and answers those requests
    // (events arriving from now on get 503 and are retried by their senders).
    const closed = new Promise((resolve) => server.close(resolve));
    await writer.close();
    await lastSeen.flush();
    await revenueCaps.stop();
    partitions.stop();
    // Keep-alive connections can hold close() open: give the answers a moment, not forever.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The demo site and experiment (--demo, CANDOR_DEMO); a demo that cannot run is reported, not fatal. */
async function startDemo(db: Db, publicUrl: string): Promise<boolean> {
  try {
    const { experiment } = await ensureDemo(db, { baseUrl: publicUrl, now: Date.now() });
    if (experiment.status !== 'running') console.warn(`The demo experiment is ${experiment.status}: the demo shop shows its own image.`);
    return true;
  } catch (err) {
    if (!(err instanceof DemoError)) throw err;
    console.warn(`The demo could not start: ${err.message}`);
    return false;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err);
  process.exit(1);
});

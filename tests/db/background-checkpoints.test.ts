// WAL checkpoints from a worker thread: the database file takes the committed pages without the
// writer's connection checkpointing, and stopping gives that connection SQLite's default back.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkpointInBackground } from '../../server/db/background-checkpoints.js';
import { createWriter } from '../../server/collect/writer.js';
import { openDatabase, sqliteConnectionOf } from '../../server/db/connect.js';
import { applySchema } from '../../server/db/schema.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'candor-checkpoints-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const until = async (done: () => boolean, ms = 5000) => {
  for (const start = Date.now(); !done(); ) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

it('copies committed pages into the database file while the writer never checkpoints itself', async () => {
  const file = join(dir, 'wal.db');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.exec('CREATE TABLE blobs (data BLOB)');
  const checkpoints = checkpointInBackground(sqlite, { everyMs: 5 });
  expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1000);
  const insert = sqlite.prepare('INSERT INTO blobs VALUES (randomblob(4000))');
  // About 2,500 pages: past SQLite's own threshold, below the backstop.
  for (let i = 0; i < 50; i++) sqlite.transaction(() => { for (let j = 0; j < 50; j++) insert.run(); })();
  await until(() => statSync(file).size > 2000 * 4096);
  await checkpoints.stop();
  expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  expect(sqlite.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 2500 });
  sqlite.close();
});

it('starts with a busy writer and stops when it closes', async () => {
  const opened = openDatabase({ dialect: 'sqlite', file: join(dir, 'candor.db') });
  await applySchema(opened.db, opened.dialect);
  const sqlite = sqliteConnectionOf(opened.db)!;
  const writer = createWriter(opened.db, opened.dialect, { flushEveryMs: 1, checkpointAfterFlushes: 2 });
  const job = () => ({ siteId: 'no-site', events: [], drops: new Map([['bot', 1]] as const) });
  await writer.submit(job());
  expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  await writer.submit(job());
  expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1000);
  await writer.close();
  expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  await opened.close();
});

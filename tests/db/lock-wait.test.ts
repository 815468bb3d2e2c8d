// Another process holding SQLite's write lock (here a second connection to the same file, as an
// import from the command line would be): the app goes on answering reads at once, writes wait
// on timers and are stored once the lock is free, and a lock held too long is a 503 to retry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connect.js';
import { applySchema } from '../../server/db/schema.js';
import { buildTestApp } from '../helpers/app.js';
import type { TestDatabase } from '../helpers/databases.js';
import { armEvent, runningSetup, send } from '../collect/helpers.js';

const LOCK_WAIT_MS = 400;

async function openWithLockWait(): Promise<{ database: TestDatabase; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'candor-lock-'));
  const file = join(dir, 'candor.db');
  const opened = openDatabase({ dialect: 'sqlite', file }, { lockWaitMs: LOCK_WAIT_MS });
  await applySchema(opened.db, opened.dialect);
  const database = {
    ...opened,
    async cleanup() {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return { database, file };
}

/** Takes the write lock from another connection, as another process would. */
function holdWriteLock(file: string): { release(): void } {
  const other = new SQLite(file);
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('ROLLBACK');
      other.close();
    },
  };
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

describe('a write lock held by another process [sqlite]', () => {
  let database: TestDatabase | undefined;
  let lock: { release(): void } | undefined;

  afterEach(async () => {
    lock?.release();
    lock = undefined;
    await database?.cleanup();
    database = undefined;
  });

  it('answers /healthz at once while a batch waits for the lock, and stores the batch once it is free', async () => {
    const opened = await openWithLockWait();
    database = opened.database;
    const t = buildTestApp(database);
    const { site, experiment } = await runningSetup(t);
    lock = holdWriteLock(opened.file);

    const pending = timed(send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', t.clock.now)]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await timed(t.call('GET', '/healthz', undefined, { token: null }));
    expect(health.value.status).toBe(200);
    expect(health.ms).toBeLessThan(100);

    // Released by a timer of this process: a synchronous wait for the lock would never see it.
    setTimeout(() => {
      lock?.release();
      lock = undefined;
    }, 150);
    const batch = await pending;
    expect(batch.value.status, JSON.stringify(batch.value.body)).toBe(202);
    expect(batch.value.body.accepted).toBe(1);
    expect(batch.ms).toBeGreaterThanOrEqual(150);
    const stored = await database.db.selectFrom('events').select('id').execute();
    expect(stored).toHaveLength(1);
  });

  it('answers 503 unavailable with Retry-After to a batch and to an admin write when the lock outlasts the wait', async () => {
    const opened = await openWithLockWait();
    database = opened.database;
    const t = buildTestApp(database);
    const { site, experiment } = await runningSetup(t);
    lock = holdWriteLock(opened.file);

    const batch = await timed(send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', t.clock.now)]));
    expect(batch.value.status).toBe(503);
    expect(batch.value.body.error.code).toBe('unavailable');
    expect(batch.value.headers.get('retry-after')).toBe('1');
    expect(batch.ms).toBeGreaterThanOrEqual(LOCK_WAIT_MS);
    expect(batch.ms).toBeLessThan(LOCK_WAIT_MS + 1000);

    const rename = await t.call('PATCH', `/api/sites/${site.id}`, { name: 'Renamed' });
    expect(rename.status).toBe(503);
    expect(rename.body.error.code).toBe('unavailable');
    expect(rename.headers.get('retry-after')).toBe('1');

    lock.release();
    lock = undefined;
    const stored = await database.db.selectFrom('events').select('id').execute();
    expect(stored).toEqual([]);
    const again = await send(t, site, 'v1', [armEvent(experiment, 'v1', 'exposure', t.clock.now)]);
    expect(again.status).toBe(202);
  });
});

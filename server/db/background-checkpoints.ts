// WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the COMMIT that
// crosses 1,000 WAL pages: it copies them into the database file and fsyncs it, on the writer's
// thread, which is the HTTP thread, so every request waiting then waits for it too. Here a worker
// thread with a connection of its own runs passive checkpoints on a timer, and the writer's
// connection keeps an automatic one only as a backstop should the worker fall behind or fail.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export interface CheckpointOptions {
  /** How often the worker copies the WAL into the database file. */
  everyMs?: number;
  /**
   * WAL pages past which the writer's own COMMIT checkpoints all the same (SQLite's default is
   * 1,000). Under steady writes the worker seldom catches up between two commits, and only a
   * checkpoint that leaves nothing behind lets the next write start the WAL over: this one
   * does, cheaply, as the worker has copied nearly every page already. It bounds the WAL file
   * (4,000 pages of 4 KiB) and the frames a read searches.
   */
  backstopPages?: number;
}

export interface BackgroundCheckpoints {
  /** Stops the worker (after a checkpoint in progress) and gives the writer's connection SQLite's default back. */
  stop(): Promise<void>;
}

const DEFAULT_AUTOCHECKPOINT = 1000;

// Plain CommonJS, evaluated by the worker: no file to resolve in a build, under tsx or in a test.
// A busy checkpoint (the writer holds a lock it needs) simply tries again at the next tick.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
const tick = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { if (!String(err && err.code).startsWith('SQLITE_BUSY')) throw err; } };
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** Starts checkpointing `sqlite`'s file from a worker thread; the file must be in WAL mode. */
export function checkpointInBackground(sqlite: SQLite.Database, options: CheckpointOptions = {}): BackgroundCheckpoints {
  const everyMs = options.everyMs ?? 50;
  const backstopPages = options.backstopPages ?? 4000;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file: sqlite.name, everyMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  // A checkpointer never keeps a process alive.
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${backstopPages}`);
  let stopped = false;
  const restoreDefault = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (err) => {
    // Without its worker the WAL is checkpointed as before, by the writer's COMMIT.
    if (!stopped) console.error('the WAL checkpoint worker stopped:', err.message);
    restoreDefault();
  });
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
      await exited;
      restoreDefault();
    },
  };
}

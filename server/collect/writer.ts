// Group commit: requests queue their events, one writer drains the queue every few
// milliseconds (or at once when enough have gathered) into one transaction, and each request
// is answered when the transaction holding its events has committed. The queue is bounded.
import { checkpointInBackground, type BackgroundCheckpoints } from '../db/background-checkpoints.js';
import { sqliteConnectionOf, type Db, type Dialect } from '../db/connect.js';
import { isRetryableConflict } from '../db/errors.js';
import { commitJobs, type CommitJob, type CommitResult } from './commit.js';
import type { FlushStoreFactory } from './flush-store.js';
import { flushStoreFor } from './flush-stores.js';

export interface WriterOptions {
  flushEveryMs?: number;
  flushAtEvents?: number;
  maxQueuedEvents?: number;
  now?: () => number;
  /** How a flush reads and writes; the dialect's fastest store by default (flush-stores.ts). */
  store?: FlushStoreFactory;
  /**
   * SQLite file: after this many flushes, WAL checkpoints move to a worker thread
   * (background-checkpoints.ts). Later than the first, so a short-lived writer (a test, a CLI
   * command) starts no thread.
   */
  checkpointAfterFlushes?: number;
  /** Tries of a flush that PostgreSQL rolled back for a deadlock or a serialization failure. */
  maxAttempts?: number;
}

export class QueueFullError extends Error {
  constructor() {
    super('The event queue is full.');
    this.name = 'QueueFullError';
  }
}

export class WriterClosedError extends Error {
  constructor() {
    super('The event writer is shutting down.');
    this.name = 'WriterClosedError';
  }
}

interface Pending {
  job: CommitJob;
  resolve: (result: CommitResult) => void;
  reject: (error: unknown) => void;
}

export interface Writer {
  submit(job: CommitJob): Promise<CommitResult>;
  /** Commits everything queued so far. */
  flush(): Promise<void>;
  /** Refuses new jobs, commits the queued ones. */
  close(): Promise<void>;
  queuedEvents(): number;
}

export function createWriter(db: Db, dialect: Dialect, options: WriterOptions = {}): Writer {
  const flushEveryMs = options.flushEveryMs ?? 4;
  const flushAtEvents = options.flushAtEvents ?? 2000;
  const maxQueuedEvents = options.maxQueuedEvents ?? 50_000;
  const now = options.now ?? Date.now;
  const storeFor = options.store ?? flushStoreFor(db, dialect);
  const sqlite = dialect === 'sqlite' ? sqliteConnectionOf(db) : undefined;
  let flushesBeforeCheckpoints = sqlite && !sqlite.memory ? (options.checkpointAfterFlushes ?? 100) : Infinity;
  let checkpoints: BackgroundCheckpoints | undefined;
  const maxAttempts = options.maxAttempts ?? 5;

  let queue: Pending[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  function schedule(): void {
    if (running || timer) return;
    if (queued >= flushAtEvents) setImmediate(() => void drain());
    else timer = setTimeout(() => void drain(), flushEveryMs);
    // Nothing is lost by not waiting: a timer left behind must not keep a process alive.
    timer?.unref?.();
  }

  async function drain(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (running) return running;
    running = (async () => {
      while (queue.length > 0) {
        // better-sqlite3 is synchronous behind Kysely's promises: without a turn of the event
        // loop between transactions, back-to-back flushes starve new connections and requests.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = takeBatch();
        try {
          const results = await commitWithRetry(batch.map((pending) => pending.job));
          batch.forEach((pending, index) => pending.resolve(results[index]!));
          if (--flushesBeforeCheckpoints === 0 && !closed) checkpoints = checkpointInBackground(sqlite!);
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    })().finally(() => {
      running = undefined;
      if (queue.length > 0) schedule();
    });
    return running;
  }

  /**
   * Concurrent flushes of other processes lock rows in one order, but a rare path (a fact leaving
   * its sum row, two purchases of one order) can still meet one in a cycle: PostgreSQL then rolls
   * one transaction back whole, and the whole flush is tried again. Nothing was acknowledged.
   */
  async function commitWithRetry(jobs: CommitJob[]): Promise<CommitResult[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await commitJobs(db, storeFor, jobs, now());
      } catch (error) {
        if (attempt >= maxAttempts || !isRetryableConflict(error)) throw error;
        // A little jitter, so the two victims of one cycle do not meet again at once.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  function takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let events = 0;
    while (queue.length > 0 && (batch.length === 0 || events + queue[0]!.job.events.length <= flushAtEvents)) {
      const pending = queue.shift()!;
      events += pending.job.events.length;
      batch.push(pending);
    }
    queued -= events;
    return batch;
  }

  return {
    submit(job) {
      if (closed) return Promise.reject(new WriterClosedError());
      if (queued + job.events.length > maxQueuedEvents) return Promise.reject(new QueueFullError());
      return new Promise<CommitResult>((resolve, reject) => {
        queue.push({ job, resolve, reject });
        queued += job.events.length;
        schedule();
      });
    },
    async flush() {
      await drain();
    },
    async close() {
      closed = true;
      await drain();
      await checkpoints?.stop();
    },
    queuedEvents: () => queued,
  };
}

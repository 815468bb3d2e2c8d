// Waiting for SQLite's write lock without stopping the event loop. better-sqlite3 is synchronous:
// its busy_timeout sleeps the whole process while another process (an import, say) writes. So
// the busy timeout is a few milliseconds, and a Kysely driver wrapper waits the rest out with
// timers, giving the one connection back to other queries meanwhile, up to a bounded time.
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';

/** The write lock stayed taken past the wait allowed: a caller answers 503 and asks for a retry. */
export class DatabaseBusyError extends Error {
  constructor(waitedMs: number) {
    super(`The database stayed locked by another writer for ${waitedMs} ms.`);
    this.name = 'DatabaseBusyError';
  }
}

/** SQLITE_BUSY and its extended codes (_SNAPSHOT, _RECOVERY, _TIMEOUT): the statement did nothing. */
export function isBusy(err: unknown): boolean {
  if (err instanceof DatabaseBusyError) return true;
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

export interface LockWaitOptions {
  /** How long in all to keep trying before DatabaseBusyError. */
  maxWaitMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** 1, 2, 4, 8 ms, then every 10: an import yields the lock for longer than that between its chunks. */
const delayAfter = (attempt: number) => Math.min(10, 2 ** attempt);

/**
 * Kysely's SQLite driver, with transactions begun IMMEDIATE (the write lock taken at BEGIN, so no
 * statement inside one can meet SQLITE_BUSY, and nothing is ever rolled back and redone) and a
 * busy BEGIN or a busy statement outside a transaction tried again after a timer.
 */
export class LockWaitingDriver implements Driver {
  readonly #inner: Driver;
  readonly #options: LockWaitOptions;
  #inTransaction = false;
  #wrapped: (DatabaseConnection & { inner: DatabaseConnection }) | undefined;

  constructor(inner: Driver, options: LockWaitOptions) {
    this.#inner = inner;
    this.#options = options;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.#inner.acquireConnection();
    if (this.#wrapped?.inner !== connection) {
      this.#wrapped = {
        executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
          this.#inTransaction ? connection.executeQuery<R>(query) : this.#patiently(connection, () => connection.executeQuery<R>(query)),
        streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
        // Kysely hands this object back to the driver's own methods; they need the real one.
        inner: connection,
      };
    }
    return this.#wrapped;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const inner = innerOf(connection);
    await this.#patiently(inner, () => inner.executeQuery(CompiledQuery.raw('begin immediate')));
    this.#inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#inner.commitTransaction(innerOf(connection));
    this.#inTransaction = false;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction = false;
    await this.#inner.rollbackTransaction(innerOf(connection));
  }

  savepoint: Driver['savepoint'] = (connection, name, compile) => this.#inner.savepoint!(innerOf(connection), name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) => this.#inner.rollbackToSavepoint!(innerOf(connection), name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) => this.#inner.releaseSavepoint!(innerOf(connection), name, compile);

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A commit or rollback that threw leaves no transaction open in SQLite's autocommit sense here.
    this.#inTransaction = false;
    return this.#inner.releaseConnection(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }

  /**
   * Runs `attempt` until it is not busy. Between tries the connection goes back to Kysely's
   * queue, so reads (WAL lets them run beside another process's writer) are not held up.
   */
  async #patiently<T>(connection: DatabaseConnection, attempt: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (err) {
        if (!isBusy(err)) throw err;
        const waited = Date.now() - started;
        if (waited >= this.#options.maxWaitMs) throw new DatabaseBusyError(waited);
        await this.#inner.releaseConnection(connection);
        await sleep(Math.min(delayAfter(tries), this.#options.maxWaitMs - waited));
        const again = await this.#inner.acquireConnection();
        // better-sqlite3 behind Kysely is one connection: the same object comes back.
        if (again !== connection) throw new Error('The SQLite driver returned another connection.');
      }
    }
  }
}

function innerOf(connection: DatabaseConnection): DatabaseConnection {
  return (connection as DatabaseConnection & { inner?: DatabaseConnection }).inner ?? connection;
}

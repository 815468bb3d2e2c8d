// The PostgreSQL the ingest bench writes to: BENCH_PG_URL when given, else a database of its own
// made on a local PostgreSQL (127.0.0.1:5432) and dropped after, else none (the PG part is then
// skipped, loudly). Each scenario gets a fresh schema in it, so 1, 2 and 3 processes start alike.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const LOCAL_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECT_TIMEOUT_MS = 3000;

export interface BenchPostgres {
  /** Where the figures came from, for the report: never the URL itself, which may hold a password. */
  source: 'BENCH_PG_URL' | 'a database made for this run';
  /** The database's name, which pg_stat_activity and pg_stat_database are filtered on. */
  database: string;
  /** A fresh schema; the URL Candor is given has every connection start with that search_path. */
  createSchema(): Promise<{ url: string; drop(): Promise<void> }>;
  /** Drops the database if the bench made it. */
  close(): Promise<void>;
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The bench's PostgreSQL, or the reason there is none. */
export async function openBenchPostgres(given: string | undefined): Promise<BenchPostgres | { skipped: string }> {
  if (given) return usingDatabase(given, 'BENCH_PG_URL', async () => {});
  const name = `candor_bench_${Date.now()}_${process.pid}`;
  try {
    await withClient(LOCAL_ADMIN_URL, (client) => client.query(`CREATE DATABASE ${name}`));
  } catch (err) {
    return { skipped: `BENCH_PG_URL is not set and no PostgreSQL took a new database on 127.0.0.1:5432 (${(err as Error).message})` };
  }
  const url = new URL(LOCAL_ADMIN_URL);
  url.pathname = `/${name}`;
  return usingDatabase(url.href, 'a database made for this run', async () => {
    await withClient(LOCAL_ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
}

async function usingDatabase(base: string, source: BenchPostgres['source'], dropDatabase: () => Promise<void>): Promise<BenchPostgres> {
  const database = await withClient(base, async (client) => (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name);
  return {
    source,
    database,
    async createSchema() {
      const schema = `bench_${randomBytes(6).toString('hex')}`;
      await withClient(base, (client) => client.query(`CREATE SCHEMA ${schema}`));
      // libpq's `options`, which pg reads from the URL: the server needs no bench-only setting.
      const url = new URL(base);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        url: url.href,
        drop: () => withClient(base, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
      };
    },
    close: dropDatabase,
  };
}

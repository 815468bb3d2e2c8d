// Real databases for tests: a fresh SQLite file, and, when CANDOR_TEST_PG_URL is set, a fresh
// PostgreSQL schema of its own, so test files can run in parallel on one database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import { openDatabase, type Dialect, type OpenDatabase } from '../../server/db/connect.js';
import { applySchema } from '../../server/db/schema.js';

export const TEST_DIALECTS: readonly Dialect[] = process.env.CANDOR_TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase extends OpenDatabase {
  /** Closes the connection and removes the file or schema. */
  cleanup(): Promise<void>;
}

export async function openTestDatabase(dialect: Dialect, options: { schema?: boolean } = {}): Promise<TestDatabase> {
  const opened = dialect === 'sqlite' ? openSqliteFile() : await openPostgresSchema();
  if (options.schema !== false) await applySchema(opened.db, opened.dialect);
  return opened;
}

function openSqliteFile(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'candor-test-'));
  const opened = openDatabase({ dialect: 'sqlite', file: join(dir, 'candor.db') });
  return {
    ...opened,
    async cleanup() {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgresSchema(): Promise<TestDatabase> {
  const url = process.env.CANDOR_TEST_PG_URL!;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const opened = openDatabase({ dialect: 'postgres', url }, { searchPath: schema, maxConnections: 4 });
  return {
    ...opened,
    async cleanup() {
      await opened.close();
      await withClient(url, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
    },
  };
}

/** Runs `work` on a connection of its own to `url`, closed afterwards whatever happens. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs a block of tests once per dialect, each test on a fresh database with the schema applied. */
export function describeEachDialect(title: string, body: (database: () => TestDatabase, dialect: Dialect) => void): void {
  for (const dialect of TEST_DIALECTS) {
    describe(`${title} [${dialect}]`, () => {
      let current: TestDatabase | undefined;
      beforeEach(async () => {
        current = await openTestDatabase(dialect);
      });
      afterEach(async () => {
        await current?.cleanup();
        current = undefined;
      });
      body(() => current!, dialect);
    });
  }
}

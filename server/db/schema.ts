// Brings a database to the current schema at start: a fresh one gets schema.sql whole, an older
// one the migrations it lacks, a current one nothing. Safe to run from several processes at once.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db, Dialect } from './connect.js';
import { ensureEventPartitions, PARTITION_EVENTS } from './event-partitions.js';
import { MIGRATIONS, type Migration } from './migrations.js';


export interface Schema {
  readonly version: number;
  readonly statements: readonly string[];
  /** Run after `statements` on a fresh PostgreSQL database: the forms SQLite has none of. */
  readonly postgres?: readonly string[];
}

export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

/** Reads schema.sql from the project root, found by walking up from this file (src or dist). */
export function readSchema(): Schema {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'schema.sql'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new SchemaError('schema.sql not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return { ...parseSchema(readFileSync(join(dir, 'schema.sql'), 'utf8')), postgres: PARTITION_EVENTS };
}

export function parseSchema(text: string): Schema {
  const marker = /^--\s*schema-version:\s*(\d+)\s*$/m.exec(text);
  if (!marker?.[1]) throw new SchemaError('schema.sql lacks its "-- schema-version: N" line.');
  return { version: Number(marker[1]), statements: splitStatements(text) };
}

/** Splits SQL on semicolons after dropping `--` comments; our schema has no semicolons in strings. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export interface SchemaChange {
  from: number;
  to: number;
}

// Any constant works; it only has to be the same for every Candor process on the database.
const SCHEMA_LOCK_KEY = 7_301_994_211;

export async function applySchema(
  db: Db,
  dialect: Dialect,
  schema: Schema = readSchema(),
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): Promise<SchemaChange> {
  checkMigrations(schema, migrations);
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK_KEY})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`.execute(trx);
    const row = await trx.selectFrom('schemaVersion').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
    const current = Number(row?.version ?? 0);
    if (current > schema.version) {
      throw new SchemaError(`The database is at schema version ${current}, newer than this Candor's ${schema.version}: upgrade Candor.`);
    }
    const steps: Array<Pick<Migration, 'version' | 'statements' | 'postgres'>> =
      current === 0
        ? [{ version: schema.version, statements: schema.statements, ...(schema.postgres && { postgres: schema.postgres }) }]
        : migrations.filter((migration) => migration.version > current);
    for (const step of steps) {
      const statements = dialect === 'postgres' ? [...step.statements, ...(step.postgres ?? [])] : step.statements;
      for (const statement of statements) await sql.raw(statement).execute(trx);
      await trx.insertInto('schemaVersion').values({ version: step.version, appliedAt: now() }).execute();
    }
    // Every start: this month's and the next months' event partitions (event-partitions.ts).
    await ensureEventPartitions(trx, dialect, now());
    return { from: current, to: schema.version };
  });
}

function checkMigrations(schema: Schema, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 2) {
      throw new SchemaError(`Migrations must be numbered 2, 3, … in order; found ${migration.version} at place ${index + 2}.`);
    }
  });
  const latest = migrations.at(-1)?.version ?? 1;
  if (latest !== schema.version) {
    throw new SchemaError(`schema.sql says version ${schema.version} but the migrations end at ${latest}.`);
  }
}

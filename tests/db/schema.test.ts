// Applying schema.sql and migrations: a fresh database, a current one, an older and a newer one,
// concurrent starts (the round trip through every table is schema-round-trip.test.ts), and each
// released version of schema.sql (tests/db/fixtures/) brought up to date by the real migrations.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db, type Dialect } from '../../server/db/connect.js';
import type { Migration } from '../../server/db/migrations.js';
import { applySchema, parseSchema, readSchema, SchemaError, splitStatements, type Schema } from '../../server/db/schema.js';
import { findExperiment } from '../../server/experiments/experiment-queries.js';
import { findSite } from '../../server/experiments/site-queries.js';
import { buildTestApp } from '../helpers/app.js';
import { openTestDatabase, TEST_DIALECTS, type TestDatabase } from '../helpers/databases.js';

const SCHEMA_TEXT = readFileSync(new URL('../../schema.sql', import.meta.url), 'utf8');
const SCHEMA_VERSION = Number(/^-- schema-version: (\d+)$/m.exec(SCHEMA_TEXT)![1]);
const SCHEMA_TABLES = [...SCHEMA_TEXT.matchAll(/^CREATE TABLE IF NOT EXISTS (\w+)/gm)].map((match) => match[1]!).sort();
const EPOCH_MS = 1795553636652;
const FIXED_CLOCK = () => 1_767_225_600_000;
const SCHEMA_V1 = parseSchema(readFileSync(new URL('./fixtures/schema-v1.sql', import.meta.url), 'utf8'));

// A made-up history: version 1 creates widgets, 2 adds a colour, 3 fills it and adds gadgets.
// Version 3 needs the column version 2 adds, so running them out of order would fail.
const WIDGETS_V1: Schema = { version: 1, statements: ['CREATE TABLE widgets (id TEXT PRIMARY KEY)'] };
const WIDGET_MIGRATIONS: Migration[] = [
  { version: 2, description: 'widgets get a colour', statements: ['ALTER TABLE widgets ADD COLUMN colour TEXT'] },
  {
    version: 3,
    description: 'grey by default; gadgets',
    statements: ["UPDATE widgets SET colour = 'grey' WHERE colour IS NULL", 'CREATE TABLE gadgets (id TEXT PRIMARY KEY, widget_id TEXT NOT NULL)'],
  },
];
const WIDGETS_V3: Schema = {
  version: 3,
  statements: ['CREATE TABLE widgets (id TEXT PRIMARY KEY, colour TEXT)', 'CREATE TABLE gadgets (id TEXT PRIMARY KEY, widget_id TEXT NOT NULL)'],
};

async function versionRows(db: Db) {
  return db.selectFrom('schemaVersion').selectAll().orderBy('version').execute();
}

async function tableNames(db: Db, dialect: Dialect): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
      : // Tables, not the monthly partitions of events (server/db/event-partitions.ts).
        sql<{ name: string }>`SELECT relname AS name FROM pg_class
          WHERE relnamespace = to_regnamespace(current_schema()) AND relkind IN ('r', 'p') AND NOT relispartition`;
  const { rows } = await query.execute(db);
  return rows.map((row) => row.name).sort();
}

/** Each column of a table as `name type null|not null`, sorted: a migrated table and a fresh one must agree. */
async function columnsOf(db: Db, dialect: Dialect, table: string): Promise<string[]> {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string; type: string; nullable: number | string }>`SELECT name, type, "notnull" = 0 AS nullable FROM pragma_table_info(${table})`
      : sql<{ name: string; type: string; nullable: number | string }>`
          SELECT column_name AS name, data_type AS type, is_nullable AS nullable
          FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`;
  const { rows } = await query.execute(db);
  return rows.map((row) => `${row.name} ${row.type.toLowerCase()} ${row.nullable === 1 || row.nullable === 'YES' ? 'null' : 'not null'}`).sort();
}

describe('parseSchema and splitStatements', () => {
  it('reads the version from the "-- schema-version:" line of schema.sql', () => {
    expect(readSchema().version).toBe(SCHEMA_VERSION);
    expect(Number.isInteger(SCHEMA_VERSION) && SCHEMA_VERSION >= 1).toBe(true);
  });

  it('throws a SchemaError for a schema without the version line', () => {
    expect(() => parseSchema('CREATE TABLE a (x INTEGER);')).toThrow(SchemaError);
    expect(() => parseSchema('-- schema version 3\nCREATE TABLE a (x INTEGER);')).toThrow(/schema-version: N/);
  });

  it('drops comments and empty statements', () => {
    const text = [
      '-- a header; with a semicolon',
      'CREATE TABLE a (',
      '  x INTEGER, -- trailing; comment',
      '  y TEXT',
      ');;',
      '   ;',
      '-- only a comment;',
      'CREATE INDEX a_x ON a (x);',
      '',
    ].join('\n');
    expect(splitStatements(text)).toEqual(['CREATE TABLE a (\n  x INTEGER, \n  y TEXT\n)', 'CREATE INDEX a_x ON a (x)']);
  });

  it('keeps every CREATE statement of schema.sql and no comment', () => {
    const statements = readSchema().statements;
    expect(statements.filter((statement) => statement.startsWith('CREATE TABLE'))).toHaveLength(SCHEMA_TABLES.length);
    expect(statements.some((statement) => statement.includes('--'))).toBe(false);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`applySchema [${dialect}]`, () => {
    let database: TestDatabase | undefined;
    afterEach(async () => {
      await database?.cleanup();
      database = undefined;
    });

    async function fresh(): Promise<Db> {
      database = await openTestDatabase(dialect, { schema: false });
      return database.db;
    }

    it('records the version of schema.sql on a fresh database and creates every table', async () => {
      const db = await fresh();
      expect(await applySchema(db, dialect, readSchema(), undefined, FIXED_CLOCK)).toEqual({ from: 0, to: SCHEMA_VERSION });
      expect(await versionRows(db)).toEqual([{ version: SCHEMA_VERSION, appliedAt: FIXED_CLOCK() }]);
      expect(await tableNames(db, dialect)).toEqual(SCHEMA_TABLES);
    });

    it('changes nothing when applied a second time and reports {from: N, to: N}', async () => {
      const db = await fresh();
      await applySchema(db, dialect, readSchema(), undefined, FIXED_CLOCK);
      await db.insertInto('settings').values({ key: 'k', value: 'v', updatedAt: 1 }).execute();
      expect(await applySchema(db, dialect, readSchema(), undefined, () => FIXED_CLOCK() + 1000)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
      expect(await versionRows(db)).toEqual([{ version: SCHEMA_VERSION, appliedAt: FIXED_CLOCK() }]);
      expect(await db.selectFrom('settings').selectAll().execute()).toEqual([{ key: 'k', value: 'v', updatedAt: 1 }]);
      expect(await tableNames(db, dialect)).toEqual(SCHEMA_TABLES);
    });

    it('runs the migrations an older database lacks, in order, and records each version', async () => {
      const db = await fresh();
      expect(await applySchema(db, dialect, WIDGETS_V1, [], () => 100)).toEqual({ from: 0, to: 1 });
      await sql`INSERT INTO widgets (id) VALUES ('w1')`.execute(db);

      expect(await applySchema(db, dialect, WIDGETS_V3, WIDGET_MIGRATIONS, () => 200)).toEqual({ from: 1, to: 3 });
      expect(await versionRows(db)).toEqual([
        { version: 1, appliedAt: 100 },
        { version: 2, appliedAt: 200 },
        { version: 3, appliedAt: 200 },
      ]);
      const { rows } = await sql<{ id: string; colour: string }>`SELECT id, colour FROM widgets`.execute(db);
      expect(rows).toEqual([{ id: 'w1', colour: 'grey' }]);
      await sql`INSERT INTO gadgets (id, widget_id) VALUES ('g1', 'w1')`.execute(db);
    });

    it('runs only the migrations after the database version', async () => {
      const db = await fresh();
      await applySchema(db, dialect, { version: 2, statements: ['CREATE TABLE widgets (id TEXT PRIMARY KEY, colour TEXT)'] }, WIDGET_MIGRATIONS.slice(0, 1));
      // Migration 2 would fail here (the column exists): it must not run again.
      expect(await applySchema(db, dialect, WIDGETS_V3, WIDGET_MIGRATIONS)).toEqual({ from: 2, to: 3 });
      expect((await versionRows(db)).map((row) => row.version)).toEqual([2, 3]);
    });

    it('gives a fresh database the schema whole, marked with its version only, and runs no migration', async () => {
      const db = await fresh();
      expect(await applySchema(db, dialect, WIDGETS_V3, WIDGET_MIGRATIONS)).toEqual({ from: 0, to: 3 });
      expect((await versionRows(db)).map((row) => row.version)).toEqual([3]);
    });

    it('leaves an older database as it was when a migration fails', async () => {
      const db = await fresh();
      await applySchema(db, dialect, WIDGETS_V1, []);
      const broken: Migration[] = [
        WIDGET_MIGRATIONS[0]!,
        { version: 3, description: 'broken', statements: ['CREATE TABLE gadgets (id TEXT PRIMARY KEY)', 'INSERT INTO no_such_table VALUES (1)'] },
      ];
      await expect(applySchema(db, dialect, WIDGETS_V3, broken)).rejects.toThrow();
      expect((await versionRows(db)).map((row) => row.version)).toEqual([1]);
      expect((await tableNames(db, dialect)).filter((name) => name !== 'schema_version')).toEqual(['widgets']);
    });

    it('refuses a database newer than the code with a SchemaError asking for an upgrade', async () => {
      const db = await fresh();
      await applySchema(db, dialect, WIDGETS_V3, WIDGET_MIGRATIONS);
      const applying = applySchema(db, dialect, WIDGETS_V1, []);
      await expect(applying).rejects.toThrow(SchemaError);
      await expect(applying).rejects.toThrow(/schema version 3, newer than this Candor's 1: upgrade Candor/);
      expect((await versionRows(db)).map((row) => row.version)).toEqual([3]);
    });

    it.each([
      ['not starting at 2', [{ version: 3, description: '', statements: [] }], 3, /numbered 2, 3/],
      ['with a gap', [{ version: 2, description: '', statements: [] }, { version: 4, description: '', statements: [] }], 4, /numbered 2, 3/],
      ['out of order', [{ version: 3, description: '', statements: [] }, { version: 2, description: '', statements: [] }], 3, /numbered 2, 3/],
      ['ending below the schema version', [{ version: 2, description: '', statements: [] }], 3, /says version 3 but the migrations end at 2/],
      ['missing for a schema past version 1', [], 2, /says version 2 but the migrations end at 1/],
    ])('refuses a migration list %s before touching the database', async (_, migrations, version, message) => {
      const db = await fresh();
      const applying = applySchema(db, dialect, { version, statements: ['CREATE TABLE widgets (id TEXT)'] }, migrations);
      await expect(applying).rejects.toThrow(SchemaError);
      await expect(applying).rejects.toThrow(message);
      expect(await tableNames(db, dialect)).toEqual([]);
    });

    if (dialect === 'postgres') {
      it('lets two processes apply the schema at once to a fresh database, leaving one version row', async () => {
        const db = await fresh();
        const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
        const url = process.env.CANDOR_TEST_PG_URL!;
        // Two pools stand for two Candor processes starting together on one database.
        const first = openDatabase({ dialect: 'postgres', url }, { searchPath: rows[0]!.schema, maxConnections: 2 });
        const second = openDatabase({ dialect: 'postgres', url }, { searchPath: rows[0]!.schema, maxConnections: 2 });
        try {
          const changes = await Promise.all([applySchema(first.db, 'postgres'), applySchema(second.db, 'postgres')]);
          expect(changes.map((change) => change.from).sort()).toEqual([0, SCHEMA_VERSION]);
          expect(changes.every((change) => change.to === SCHEMA_VERSION)).toBe(true);
        } finally {
          await Promise.all([first.close(), second.close()]);
        }
        expect((await versionRows(db)).map((row) => row.version)).toEqual([SCHEMA_VERSION]);
        expect(await tableNames(db, dialect)).toEqual(SCHEMA_TABLES);
      });
    }
  });
}

for (const dialect of TEST_DIALECTS) {
  describe(`a database made by Candor at schema version 1 [${dialect}]`, () => {
    const opened: TestDatabase[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((database) => database.cleanup()));
    });

    /** A database as the released version 1 left it: a site, a running experiment, two arms. */
    async function versionOne(): Promise<TestDatabase> {
      const database = await openTestDatabase(dialect, { schema: false });
      opened.push(database);
      const { db } = database;
      expect(await applySchema(db, dialect, SCHEMA_V1, [], () => 100)).toEqual({ from: 0, to: 1 });
      // Only the columns version 1 has, as Candor 1 wrote them.
      await db
        .insertInto('sites')
        .values([
          { id: 's1', publicKey: 'pk_aurum', name: 'Aurum', allowedOrigins: '[]', disclosurePolicy: 'strict', createdAt: EPOCH_MS, updatedAt: EPOCH_MS },
          { id: 's2', publicKey: 'pk_lab', name: 'Lab', allowedOrigins: '[]', disclosurePolicy: 'research', createdAt: EPOCH_MS, updatedAt: EPOCH_MS },
        ] as never)
        .execute();
      await db
        .insertInto('experiments')
        .values({
          id: 'e1',
          siteId: 's1',
          key: 'hero',
          name: 'Hero',
          hypothesis: '',
          slot: 'hero',
          coverage: 1,
          primaryMetric: 'clicked',
          guardrailMetrics: '["trust"]',
          plannedSampleSize: null,
          seed: 'seed-1',
          status: 'running',
          startedAt: EPOCH_MS,
          stoppedAt: null,
          importedAt: null,
          metricLabels: '{}',
          createdAt: EPOCH_MS,
          updatedAt: EPOCH_MS,
        } as never)
        .execute();
      const arm = { experimentId: 'e1', origin: 'traditional', disclosure: 'none', mediaType: 'image', altText: 'A ring', weight: 1, likeness: 'none' } as const;
      await db
        .insertInto('variants')
        .values([
          { ...arm, id: 'v1', position: 0, key: 'photo', name: 'Photo', mediaUrl: 'https://cdn.aurum.example/photo.jpg', isControl: 1 },
          { ...arm, id: 'v2', position: 1, key: 'still', name: 'Still', mediaUrl: 'https://cdn.aurum.example/still.jpg', isControl: 0 },
        ])
        .execute();
      return database;
    }

    it('is brought up to date by the migrations (2: survey and media size columns; 3: creatives; 4: distribution sums; 5: currency and webhook secret; 6: the revenue-per-buyer sums; 7: segments, first-conversion days, revenue cap, planned effect, sums version; 8: disclosure presets from the policy, variant facts, image derivatives, the icon style and a timed video label; 9: visitor lock rows; 10: purchase orders, partitioned events on PostgreSQL) and keeps every row', async () => {
      const { db } = await versionOne();
      expect(await applySchema(db, dialect, readSchema(), undefined, () => 200)).toEqual({ from: 1, to: 10 });
      expect(await versionRows(db)).toEqual([
        { version: 1, appliedAt: 100 },
        { version: 2, appliedAt: 200 },
        { version: 3, appliedAt: 200 },
        { version: 4, appliedAt: 200 },
        { version: 5, appliedAt: 200 },
        { version: 6, appliedAt: 200 },
        { version: 7, appliedAt: 200 },
        { version: 8, appliedAt: 200 },
        { version: 9, appliedAt: 200 },
        { version: 10, appliedAt: 200 },
      ]);
      // Each site's policy became its one preset; the older clients' word reads the same.
      expect(await findSite(db, 's1')).toMatchObject({ disclosurePresets: ['strict'], disclosurePolicy: 'strict' });
      expect(await findSite(db, 's2')).toMatchObject({ disclosurePresets: ['research'], disclosurePolicy: 'research' });
      expect(await db.selectFrom('sites').select(['id', 'disclosurePresets']).orderBy('id').execute()).toEqual([
        { id: 's1', disclosurePresets: '["strict"]' },
        { id: 's2', disclosurePresets: '["research"]' },
      ]);
      // A site from before currencies is in US dollars, with no webhook secret.
      expect(await findSite(db, 's1')).toMatchObject({ currency: 'USD', shopifyWebhook: { secretSet: false, lastAt: null, lastResult: null } });
      const experiment = await findExperiment(db, 'e1');
      expect(experiment).toMatchObject({ key: 'hero', status: 'running', seed: 'seed-1', guardrailMetrics: ['trust'], metricLabels: {}, survey: null });
      expect(experiment!.variants.map((variant) => [variant.key, variant.media])).toEqual([
        ['photo', { type: 'image', url: 'https://cdn.aurum.example/photo.jpg', poster: null, alt: 'A ring', width: null, height: null }],
        ['still', { type: 'image', url: 'https://cdn.aurum.example/still.jpg', poster: null, alt: 'A ring', width: null, height: null }],
      ]);

      await db.updateTable('variants').set({ mediaWidth: 1200, mediaHeight: 1500 }).where('id', '=', 'v1').execute();
      await db.updateTable('experiments').set({ survey: '{"question":"noticed"}' }).execute();
      expect(await db.selectFrom('variants').select(['mediaWidth', 'mediaHeight']).where('id', '=', 'v1').executeTakeFirst()).toEqual({ mediaWidth: 1200, mediaHeight: 1500 });
      // The same CHECKs as schema.sql's: a size is positive or unknown.
      await expect(db.updateTable('variants').set({ mediaWidth: 0 }).execute()).rejects.toThrow();
      await expect(db.updateTable('variants').set({ mediaHeight: -1 }).execute()).rejects.toThrow();
      // The arms' facts were never said: null, and 0/1 once they are.
      expect(experiment!.variants.map((variant) => [variant.photorealistic, variant.syntheticHuman, variant.realProduct])).toEqual([
        [null, null, null],
        [null, null, null],
      ]);
      await db.updateTable('variants').set({ photorealistic: 1, syntheticHuman: 0, realProduct: 1 }).where('id', '=', 'v1').execute();
      await expect(db.updateTable('variants').set({ syntheticHuman: 2 }).execute()).rejects.toThrow();
      // Version 8: the icon style is allowed, a timed label lasts 1–30 s, and the rows came through the rebuild.
      await db.updateTable('variants').set({ disclosure: 'icon', disclosureShowSeconds: 3 }).where('id', '=', 'v1').execute();
      expect(await db.selectFrom('variants').select(['disclosure', 'disclosureShowSeconds']).where('id', '=', 'v1').executeTakeFirst()).toEqual({ disclosure: 'icon', disclosureShowSeconds: 3 });
      await expect(db.updateTable('variants').set({ disclosureShowSeconds: 31 }).execute()).rejects.toThrow();
    });

    it('ends with the same columns, types and nullability as a fresh database', async () => {
      const migrated = await versionOne();
      await applySchema(migrated.db, dialect);
      const fresh = await openTestDatabase(dialect);
      opened.push(fresh);
      expect(await tableNames(migrated.db, dialect)).toEqual(SCHEMA_TABLES);
      for (const table of SCHEMA_TABLES) {
        expect(await columnsOf(migrated.db, dialect, table), table).toEqual(await columnsOf(fresh.db, dialect, table));
      }
      expect(await columnsOf(migrated.db, dialect, 'variants')).toEqual(expect.arrayContaining(['media_width integer null', 'media_height integer null']));
      expect(await columnsOf(migrated.db, dialect, 'experiments')).toContain('survey text null');
    });

    it('serves its experiment through the admin API and the public config once migrated, with no survey and no media size', async () => {
      const database = await versionOne();
      await applySchema(database.db, dialect);
      const t = buildTestApp(database);
      const admin = await t.call('GET', '/api/experiments/e1');
      expect(admin.status).toBe(200);
      expect(admin.body).toMatchObject({ survey: null, variants: [{ media: { width: null, height: null } }, { media: { width: null, height: null } }] });
      const config = await t.call('GET', '/v1/config?site=pk_aurum', undefined, { token: null });
      expect(config.status).toBe(200);
      expect(config.body.experiments).toMatchObject([{ key: 'hero', survey: null, variants: [{ media: { width: null, height: null } }, { media: { width: null, height: null } }] }]);
    });
  });
}

describe('applySchema on one SQLite file from two connections', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the schema once and leaves one version row when both apply it in turn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-schema-'));
    dirs.push(dir);
    const file = join(dir, 'candor.db');
    const first = openDatabase({ dialect: 'sqlite', file });
    const second = openDatabase({ dialect: 'sqlite', file });
    try {
      expect(await applySchema(first.db, 'sqlite')).toEqual({ from: 0, to: SCHEMA_VERSION });
      expect(await applySchema(second.db, 'sqlite')).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
      expect((await versionRows(second.db)).map((row) => row.version)).toEqual([SCHEMA_VERSION]);
      expect(await tableNames(first.db, 'sqlite')).toEqual(SCHEMA_TABLES);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

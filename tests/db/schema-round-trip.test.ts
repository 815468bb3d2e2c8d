// A row through every table of schema.sql and back, on each dialect: each column keeps its type
// (BIGINT as a number, DOUBLE PRECISION exact). The rows are typed by server/db/types.ts, so a
// column added to schema.sql and types.ts shows up here as a type error until the row carries it.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/connect.js';
import type {
  CreativesTable,
  Database,
  DropCountsTable,
  EventsTable,
  ExperimentsTable,
  SettingsTable,
  SitesTable,
  VariantDailySumsTable, SegmentSumsTable,
  VariantsTable,
  VisitorFactsTable,
} from '../../server/db/types.js';
import { applySchema } from '../../server/db/schema.js';
import { openTestDatabase, TEST_DIALECTS, type TestDatabase } from '../helpers/databases.js';

const SCHEMA_TEXT = readFileSync(new URL('../../schema.sql', import.meta.url), 'utf8');
const SCHEMA_TABLES = [...SCHEMA_TEXT.matchAll(/^CREATE TABLE IF NOT EXISTS (\w+)/gm)].map((match) => match[1]!).sort();
/** Past 2^32 and 2^40, so a BIGINT read back as a string or cut to 32 bits shows. */
const EPOCH_MS = 1795553636652;
const SETTING: SettingsTable = { key: 'k', value: 'v', updatedAt: EPOCH_MS };
const SITE: SitesTable = {
  id: 's1',
  publicKey: 'pk_1',
  name: 'Aurum',
  allowedOrigins: '["https://aurum.example"]',
  disclosurePolicy: 'strict',
  createdAt: EPOCH_MS,
  updatedAt: EPOCH_MS + 1,
  currency: 'EUR',
  shopifyWebhookSecret: 'shpss_test',
  shopifyWebhookLastAt: EPOCH_MS + 2,
  shopifyWebhookLastResult: 'verified',
  disclosurePresets: '["eu-ai-act-50-4","strict"]',
};
const EXPERIMENT: ExperimentsTable = {
  id: 'e1',
  siteId: 's1',
  key: 'hero',
  name: 'Hero',
  hypothesis: 'h',
  slot: 'hero',
  coverage: 0.125,
  primaryMetric: 'clicks',
  guardrailMetrics: '[]',
  plannedSampleSize: 4000,
  seed: 'seed',
  status: 'running',
  startedAt: EPOCH_MS,
  stoppedAt: null,
  importedAt: null,
  metricLabels: '{"clicks":"taps"}',
  survey: '{"question":"noticed","text":"Did you notice?","low":null,"high":null,"delaySeconds":3}',
  plannedEffect: 0.125,
  revenueCap: '{"kind":"percentile","percentile":99,"days":3}',
  revenueCapValue: 250.5,
  revenueCapFixedAt: EPOCH_MS + 7,
  sumsVersion: EPOCH_MS,
  createdAt: EPOCH_MS,
  updatedAt: EPOCH_MS,
};
const VARIANT: VariantsTable = {
  id: 'v1',
  experimentId: 'e1',
  position: 0,
  key: 'control',
  name: 'Control',
  origin: 'ai',
  disclosure: 'label',
  disclosureText: 'Made with AI',
  disclosurePosition: 'top-left',
  disclosureShowSeconds: 3,
  mediaType: 'video',
  mediaUrl: 'https://cdn.aurum.example/a.mp4',
  posterUrl: null,
  altText: 'A ring',
  mediaWidth: 1920,
  mediaHeight: 1080,
  clickUrl: null,
  weight: 0.125,
  likeness: 'none',
  consentRef: null,
  generator: 'Veo 3',
  isControl: 1,
  photorealistic: 1,
  syntheticHuman: 0,
  realProduct: null,
};
const EVENT: EventsTable = {
  siteId: 's1',
  id: 'ev1',
  experimentId: 'e1',
  variantId: 'v1',
  visitorId: 'visitor',
  type: 'purchase',
  name: null,
  ts: EPOCH_MS,
  receivedAt: EPOCH_MS + 5,
  value: 0.125,
  orderId: 'o1',
  props: '{"a":1}',
};
const FACTS: VisitorFactsTable = {
  experimentId: 'e1',
  visitorId: 'visitor',
  siteId: 's1',
  variantId: 'v1',
  firstExposureAt: EPOCH_MS,
  exposureDay: 20781,
  exposures: 3,
  viewable: 1,
  videoStarted: 1,
  watchPct: 0.125,
  videoCompleted: 0,
  clicks: 2,
  addedToCart: 1,
  purchased: 1,
  revenue: 0.125,
  trustSum: 8.5,
  trustAnswers: 1,
  noticedDisclosure: null,
  answeredSurvey: 1,
  updatedAt: EPOCH_MS,
  segment: 'device=mobile&source=search&visit=new',
  revenueCap: 99.5,
  clickedDay: 0,
  cartedDay: 2,
  purchasedDay: null,
};
const SUMS: VariantDailySumsTable = { experimentId: 'e1', variantId: 'v1', day: 20781, metric: 'revenue', n: EPOCH_MS, sumX: 0.125, sumX2: 0.015625, sumY: 0, sumY2: 0, sumXy: 0 };
const SEGMENT_SUMS: SegmentSumsTable = { experimentId: 'e1', variantId: 'v1', segment: 'device=mobile', metric: 'revenue', n: EPOCH_MS, sumX: 0.125, sumX2: 0.015625, sumY: 1, sumY2: 1, sumXy: 0.125 };
const DROPS: DropCountsTable = { siteId: 's1', day: 20781, reason: 'bot', count: EPOCH_MS };
const CREATIVE: CreativesTable = {
  id: 'c1',
  sha256: 'a'.repeat(64),
  kind: 'video',
  mime: 'video/mp4',
  ext: 'mp4',
  bytes: EPOCH_MS,
  width: 1920,
  height: 1080,
  durationMs: 12_500,
  posterSha256: 'b'.repeat(64),
  derivatives: '[{"width":480,"height":270,"ext":"webp","sha256":"cccc","bytes":1200}]',
  provenance: '{"source":"none"}',
  originalName: 'clip.mp4',
  createdAt: EPOCH_MS,
};

/** Parents first: each row's foreign keys point at rows earlier in the list. */
const ROWS: Array<{ table: keyof Database; row: object }> = [
  { table: 'settings', row: SETTING },
  { table: 'sites', row: SITE },
  { table: 'experiments', row: EXPERIMENT },
  { table: 'variants', row: VARIANT },
  { table: 'events', row: EVENT },
  { table: 'visitorFacts', row: FACTS },
  { table: 'variantDailySums', row: SUMS },
  { table: 'segmentSums', row: SEGMENT_SUMS },
  { table: 'dropCounts', row: DROPS },
  { table: 'purchaseOrders', row: { siteId: 'site_1', orderId: 'order "1", \u00e9', eventId: 'event_1' } },
  { table: 'visitorLocks', row: { siteId: 'site_1', visitorId: 'visitor-\u00e9-1' } },
  { table: 'creatives', row: CREATIVE },
];

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

for (const dialect of TEST_DIALECTS) {
  describe(`a row through every table and back [${dialect}]`, () => {
    let database: TestDatabase | undefined;
    afterEach(async () => {
      await database?.cleanup();
      database = undefined;
    });

    /** A fresh database with the schema and the given rows in it. */
    async function withRows(count: number): Promise<Db> {
      database = await openTestDatabase(dialect, { schema: false });
      await applySchema(database.db, dialect);
      for (const { table, row } of ROWS.slice(0, count)) await database.db.insertInto(table).values(row as never).execute();
      return database.db;
    }

    it('has a round trip for every table of schema.sql', () => {
      const covered = ROWS.map(({ table }) => snakeCase(table)).sort();
      expect(SCHEMA_TABLES.filter((name) => name !== 'schema_version'), 'a table of schema.sql has no round trip here').toEqual(covered);
    });

    it.each(ROWS.map((entry, index) => [entry.table, index] as const))('stores and reads back a row of %s, every column as written', async (table, index) => {
      const db = await withRows(index + 1);
      expect(await db.selectFrom(table).selectAll().execute()).toEqual([ROWS[index]!.row]);
    });

    // pg hands BIGINT and COUNT(*) over as strings unless connect.ts parses them.
    it('reads BIGINT back as a number', async () => {
      const db = await withRows(ROWS.length);
      const { n } = await db.selectFrom('variantDailySums').select('n').executeTakeFirstOrThrow();
      expect(n).toBe(EPOCH_MS);
    });

    it('reads COUNT(*) back as a number', async () => {
      const db = await withRows(ROWS.length);
      const counted = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      expect(counted.count).toBe(1);
    });
  });
}

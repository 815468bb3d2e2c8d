// Changes to a database made by an older Candor, in order. Version 1 is schema.sql as first
// released, so the list starts at 2. When you change schema.sql, bump its schema-version line
// and add the matching migration here: a fresh database takes schema.sql, an old one these.
import { DISTRIBUTION_BACKFILL, DISTRIBUTION_BACKFILL_DESCRIPTION } from './backfill-distribution-sums.js';
import { FIRST_CONVERSION_DAYS_BACKFILL } from './backfill-first-conversion-days.js';
import { PARTITION_EVENTS } from './event-partitions.js';
import { REBUILD_VARIANTS_V8 } from './rebuild-variants-v8.js';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
  /** Run after `statements` on PostgreSQL only (what SQLite has no form of, such as partitions). */
  readonly postgres?: readonly string[];
}

// Each statement must run on SQLite and PostgreSQL alike, and leave the tables as schema.sql
// makes them (tests/db/schema.test.ts compares a migrated database with a fresh one).
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    description: 'an optional survey per experiment; the width and height of a variant\'s media',
    statements: [
      'ALTER TABLE experiments ADD COLUMN survey TEXT',
      'ALTER TABLE variants ADD COLUMN media_width INTEGER CHECK (media_width > 0)',
      'ALTER TABLE variants ADD COLUMN media_height INTEGER CHECK (media_height > 0)',
    ],
  },
  {
    version: 3,
    description: 'uploaded creatives: images and videos stored by content hash, with their size and provenance',
    statements: [
      `CREATE TABLE IF NOT EXISTS creatives (
        id             TEXT     PRIMARY KEY,
        sha256         TEXT     NOT NULL UNIQUE,
        kind           TEXT     NOT NULL CHECK (kind IN ('image', 'video')),
        mime           TEXT     NOT NULL,
        ext            TEXT     NOT NULL,
        bytes          BIGINT   NOT NULL CHECK (bytes > 0),
        width          INTEGER  NOT NULL CHECK (width > 0),
        height         INTEGER  NOT NULL CHECK (height > 0),
        duration_ms    INTEGER,
        poster_sha256  TEXT,
        provenance     TEXT     NOT NULL,
        original_name  TEXT,
        created_at     BIGINT   NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS creatives_created ON creatives (created_at)',
    ],
  },
  {
    version: 4,
    description: DISTRIBUTION_BACKFILL_DESCRIPTION,
    statements: DISTRIBUTION_BACKFILL,
  },
  {
    version: 5,
    description: 'a currency per site; a Shopify webhook secret per site, with the last webhook seen',
    statements: [
      "ALTER TABLE sites ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD'",
      'ALTER TABLE sites ADD COLUMN shopify_webhook_secret TEXT',
      'ALTER TABLE sites ADD COLUMN shopify_webhook_last_at BIGINT',
      'ALTER TABLE sites ADD COLUMN shopify_webhook_last_result TEXT',
    ],
  },
  {
    version: 6,
    description: 'the daily sums of revenue per buyer (Σ revenue over Σ purchased), backfilled from the visitor facts',
    // The rows the writer keeps (metrics/registry.ts): one per fact, x = revenue, y = purchased.
    statements: [
      "DELETE FROM variant_daily_sums WHERE metric = 'revenue_per_buyer'",
      `INSERT INTO variant_daily_sums (experiment_id, variant_id, day, metric, n, sum_x, sum_x2, sum_y, sum_y2, sum_xy)
        SELECT experiment_id, variant_id, exposure_day, 'revenue_per_buyer', COUNT(*), SUM(revenue), SUM(revenue * revenue),
          SUM(purchased), SUM(purchased * purchased), SUM(revenue * purchased)
        FROM visitor_facts WHERE experiment_id IN (SELECT id FROM experiments)
        GROUP BY experiment_id, variant_id, exposure_day`,
    ],
  },
  {
    version: 7,
    description: 'segments (a cell per visitor fact, sums per cell), first-conversion days, a revenue cap and a planned effect per experiment, a sums version',
    statements: [
      'ALTER TABLE experiments ADD COLUMN planned_effect DOUBLE PRECISION',
      'ALTER TABLE experiments ADD COLUMN revenue_cap TEXT',
      'ALTER TABLE experiments ADD COLUMN revenue_cap_value DOUBLE PRECISION',
      'ALTER TABLE experiments ADD COLUMN revenue_cap_fixed_at BIGINT',
      'ALTER TABLE experiments ADD COLUMN sums_version BIGINT NOT NULL DEFAULT 0',
      "ALTER TABLE visitor_facts ADD COLUMN segment TEXT NOT NULL DEFAULT ''",
      'ALTER TABLE visitor_facts ADD COLUMN revenue_cap DOUBLE PRECISION',
      'ALTER TABLE visitor_facts ADD COLUMN clicked_day INTEGER',
      'ALTER TABLE visitor_facts ADD COLUMN carted_day INTEGER',
      'ALTER TABLE visitor_facts ADD COLUMN purchased_day INTEGER',
      `CREATE TABLE IF NOT EXISTS segment_sums (
        experiment_id  TEXT              NOT NULL,
        variant_id     TEXT              NOT NULL,
        segment        TEXT              NOT NULL,
        metric         TEXT              NOT NULL,
        n              BIGINT            NOT NULL DEFAULT 0,
        sum_x          DOUBLE PRECISION  NOT NULL DEFAULT 0,
        sum_x2         DOUBLE PRECISION  NOT NULL DEFAULT 0,
        sum_y          DOUBLE PRECISION  NOT NULL DEFAULT 0,
        sum_y2         DOUBLE PRECISION  NOT NULL DEFAULT 0,
        sum_xy         DOUBLE PRECISION  NOT NULL DEFAULT 0,
        PRIMARY KEY (experiment_id, variant_id, segment, metric)
      )`,
      // The older facts' first-conversion days, from their raw events (backfill-first-conversion-days.ts).
      ...FIRST_CONVERSION_DAYS_BACKFILL,
    ],
  },
  {
    version: 8,
    description: 'disclosure presets per site (from its policy); the facts the presets ask of each variant; image derivatives for srcset, listed per creative; disclosure designs: the neutral icon style, and a video label shown for its first seconds only',
    statements: [
      // issue 15, part 1: disclosure presets and variant facts (experiments/policy-rules.ts).
      "ALTER TABLE sites ADD COLUMN disclosure_presets TEXT NOT NULL DEFAULT '[]'",
      `UPDATE sites SET disclosure_presets = '["' || disclosure_policy || '"]'`,
      'ALTER TABLE variants ADD COLUMN photorealistic INTEGER CHECK (photorealistic IN (0, 1))',
      'ALTER TABLE variants ADD COLUMN synthetic_human INTEGER CHECK (synthetic_human IN (0, 1))',
      'ALTER TABLE variants ADD COLUMN real_product INTEGER CHECK (real_product IN (0, 1))',
      // end of issue 15, part 1
      // issue 15, part 3: image derivatives (creatives/derivatives.ts).
      'ALTER TABLE creatives ADD COLUMN derivatives TEXT',
      // issue 15, part 2: the variants table rebuilt for the icon style's CHECK and the label's display time
      // (after part 1's ALTERs, whose columns it keeps).
      ...REBUILD_VARIANTS_V8,
    ],
  },
  {
    version: 9,
    description: 'a lock row per visitor, so several processes fold one site at once on PostgreSQL',
    statements: [
      `CREATE TABLE IF NOT EXISTS visitor_locks (
        site_id     TEXT  NOT NULL,
        visitor_id  TEXT  NOT NULL,
        PRIMARY KEY (site_id, visitor_id)
      )`,
    ],
  },
  {
    version: 10,
    description: 'purchase orders claimed in a table of their own; on PostgreSQL, raw events partitioned by month',
    statements: [
      `CREATE TABLE IF NOT EXISTS purchase_orders (
        site_id   TEXT  NOT NULL,
        order_id  TEXT  NOT NULL,
        event_id  TEXT  NOT NULL,
        PRIMARY KEY (site_id, order_id)
      )`,
      // The unique index made each (site, order) hold one purchase: no conflict here.
      `INSERT INTO purchase_orders (site_id, order_id, event_id)
        SELECT site_id, order_id, id FROM events WHERE type = 'purchase' AND order_id IS NOT NULL`,
      'DROP INDEX events_purchase_order',
      "CREATE INDEX IF NOT EXISTS events_purchase_order ON events (site_id, order_id) WHERE type = 'purchase' AND order_id IS NOT NULL",
    ],
    postgres: PARTITION_EVENTS,
  },
];

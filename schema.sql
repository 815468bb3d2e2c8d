-- Candor's whole schema, in the subset SQLite and PostgreSQL share: ids are text made by the
-- application, times are integer epoch milliseconds, days are whole days since 1970-01-01 UTC,
-- JSON is text, booleans are 0/1 integers. Applied at start; every statement is idempotent.
-- A fresh database gets this file and is marked with the version below; an older one is brought
-- up by the migrations in server/db/migrations.ts instead.
-- schema-version: 10

CREATE TABLE IF NOT EXISTS schema_version (
  version     INTEGER PRIMARY KEY,
  applied_at  BIGINT  NOT NULL
);

-- Instance-wide settings, such as the hash of a generated admin token.
CREATE TABLE IF NOT EXISTS settings (
  key         TEXT    PRIMARY KEY,
  value       TEXT    NOT NULL,
  updated_at  BIGINT  NOT NULL
);

CREATE TABLE IF NOT EXISTS sites (
  id                 TEXT    PRIMARY KEY,
  public_key         TEXT    NOT NULL UNIQUE,
  name               TEXT    NOT NULL,
  allowed_origins    TEXT    NOT NULL,  -- JSON array of origins, e.g. ["https://shop.example"]
  disclosure_policy  TEXT    NOT NULL CHECK (disclosure_policy IN ('strict', 'research')),
  created_at         BIGINT  NOT NULL,
  updated_at         BIGINT  NOT NULL,
  currency           TEXT    NOT NULL DEFAULT 'USD',  -- ISO 4217; revenue in another currency is refused
  shopify_webhook_secret       TEXT,    -- signs the shop's order webhooks; write-only in the API
  shopify_webhook_last_at      BIGINT,  -- the last webhook that reached us, and what became of it:
  shopify_webhook_last_result  TEXT,    -- 'verified', or the code it was refused with
  -- JSON array of the disclosure presets in force (experiments/policy-rules.ts); disclosure_policy
  -- above is kept in step (strict when strict is on, else research) for an older Candor.
  disclosure_presets           TEXT    NOT NULL DEFAULT '[]'
);

CREATE TABLE IF NOT EXISTS experiments (
  id                   TEXT              PRIMARY KEY,
  site_id              TEXT              NOT NULL REFERENCES sites (id),
  key                  TEXT              NOT NULL,
  name                 TEXT              NOT NULL,
  hypothesis           TEXT              NOT NULL,
  slot                 TEXT              NOT NULL,
  coverage             DOUBLE PRECISION  NOT NULL CHECK (coverage > 0 AND coverage <= 1),
  primary_metric       TEXT              NOT NULL,
  guardrail_metrics    TEXT              NOT NULL,  -- JSON array of metric names
  planned_sample_size  INTEGER,                     -- visitors in all arms together
  seed                 TEXT              NOT NULL,
  status               TEXT              NOT NULL
    CHECK (status IN ('draft', 'running', 'paused', 'stopped', 'archived')),
  started_at           BIGINT,                      -- first start; from then on the arms are frozen
  stopped_at           BIGINT,
  imported_at          BIGINT,                      -- set for a past test imported from a file; it never ran here
  metric_labels        TEXT              NOT NULL DEFAULT '{}',  -- JSON object metric -> display label
  survey               TEXT,                        -- JSON {question, text, low, high, delaySeconds}; empty for none
  planned_effect       DOUBLE PRECISION,            -- the relative lift the test is planned to detect (0.1 = 10%); empty: 10%
  revenue_cap          TEXT,                        -- JSON {kind: 'value', value} or {kind: 'percentile', percentile, days}; empty: no cap
  revenue_cap_value    DOUBLE PRECISION,            -- the cap in force, once fixed (at the start, or after a percentile's first days)
  revenue_cap_fixed_at BIGINT,
  sums_version         BIGINT            NOT NULL DEFAULT 0,  -- moved by every commit that changes the sums: a results cache key
  created_at           BIGINT            NOT NULL,
  updated_at           BIGINT            NOT NULL,
  UNIQUE (site_id, key)
);
CREATE INDEX IF NOT EXISTS experiments_site_status ON experiments (site_id, status);

CREATE TABLE IF NOT EXISTS variants (
  id                   TEXT              PRIMARY KEY,
  experiment_id        TEXT              NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  position             INTEGER           NOT NULL,  -- order of the bucket ranges: never reordered
  key                  TEXT              NOT NULL,
  name                 TEXT              NOT NULL,
  origin               TEXT              NOT NULL CHECK (origin IN ('ai', 'traditional', 'hybrid')),
  disclosure           TEXT              NOT NULL
    CHECK (disclosure IN ('none', 'label', 'caption', 'badge', 'icon', 'credentials')),
  disclosure_text      TEXT,
  disclosure_position  TEXT,
  disclosure_show_seconds INTEGER CHECK (disclosure_show_seconds BETWEEN 1 AND 30),  -- video: the label's first N s; empty: throughout
  media_type           TEXT              NOT NULL CHECK (media_type IN ('image', 'video')),
  media_url            TEXT              NOT NULL,
  poster_url           TEXT,
  alt_text             TEXT              NOT NULL,
  media_width          INTEGER           CHECK (media_width > 0),   -- pixels, so the snippet can reserve
  media_height         INTEGER           CHECK (media_height > 0),  -- the slot's shape; empty if unknown
  click_url            TEXT,
  weight               DOUBLE PRECISION  NOT NULL CHECK (weight > 0),
  likeness             TEXT              NOT NULL CHECK (likeness IN ('none', 'consented')),
  consent_ref          TEXT,
  generator            TEXT,
  is_control           INTEGER           NOT NULL CHECK (is_control IN (0, 1)),
  -- What the disclosure presets ask about an arm, as the shop declares it; empty: not said.
  photorealistic       INTEGER           CHECK (photorealistic IN (0, 1)),
  synthetic_human      INTEGER           CHECK (synthetic_human IN (0, 1)),  -- an AI-generated human (a synthetic performer)
  real_product         INTEGER           CHECK (real_product IN (0, 1)),     -- depicts the real product
  UNIQUE (experiment_id, key),
  UNIQUE (experiment_id, position)
);

-- Uploaded images and videos. The file is <sha256>.<ext> in the media folder (CANDOR_MEDIA_DIR),
-- so the same bytes are stored and listed once; provenance is a JSON summary of the file's C2PA
-- Content Credentials or XMP source type (server/creatives/source-type.ts).
CREATE TABLE IF NOT EXISTS creatives (
  id             TEXT     PRIMARY KEY,
  sha256         TEXT     NOT NULL UNIQUE,
  kind           TEXT     NOT NULL CHECK (kind IN ('image', 'video')),
  mime           TEXT     NOT NULL,
  ext            TEXT     NOT NULL,
  bytes          BIGINT   NOT NULL CHECK (bytes > 0),
  width          INTEGER  NOT NULL CHECK (width > 0),
  height         INTEGER  NOT NULL CHECK (height > 0),
  duration_ms    INTEGER,           -- a video's length; empty for an image or when the file does not say
  poster_sha256  TEXT,              -- a video's first frame made by ffmpeg, stored as <sha256>.jpg
  derivatives    TEXT,              -- JSON: smaller copies for srcset (widths × AVIF/WebP/own format); empty until made
  provenance     TEXT     NOT NULL,
  original_name  TEXT,              -- the uploaded file's name, for people; never used as a path
  created_at     BIGINT   NOT NULL
);
CREATE INDEX IF NOT EXISTS creatives_created ON creatives (created_at);

-- Raw events, append-only. The snippet makes each event's id, so a retried batch is harmless.
CREATE TABLE IF NOT EXISTS events (
  site_id        TEXT              NOT NULL,
  id             TEXT              NOT NULL,
  experiment_id  TEXT,                        -- empty for conversions, which count for every exposure
  variant_id     TEXT,
  visitor_id     TEXT              NOT NULL,
  type           TEXT              NOT NULL,
  name           TEXT,                        -- custom events' own name
  ts             BIGINT            NOT NULL,  -- when it happened, by the visitor's clock
  received_at    BIGINT            NOT NULL,  -- when the server committed it
  value          DOUBLE PRECISION,
  order_id       TEXT,
  props          TEXT,                        -- JSON object
  PRIMARY KEY (site_id, id)
);
-- Visitor ids are random, so they alone find a visitor's events (for facts and for deletion).
CREATE INDEX IF NOT EXISTS events_visitor ON events (visitor_id);
-- A purchase's order, to find it (order truth); purchase_orders keeps it unique.
CREATE INDEX IF NOT EXISTS events_purchase_order ON events (site_id, order_id)
  WHERE type = 'purchase' AND order_id IS NOT NULL;
-- On PostgreSQL the events table is then made partitioned by month of ts, with (site_id, id, ts)
-- as its key (server/db/event-partitions.ts): a replay has the same ts, so it is still a duplicate.

-- A purchase is counted once per order, however often the thank-you page is reloaded: the first
-- purchase event of an order claims it here, and a later one is a duplicate. A table, not a unique
-- index on events, because PostgreSQL's partitioned events cannot have one across partitions.
CREATE TABLE IF NOT EXISTS purchase_orders (
  site_id   TEXT  NOT NULL,
  order_id  TEXT  NOT NULL,
  event_id  TEXT  NOT NULL,  -- the purchase event that claimed the order
  PRIMARY KEY (site_id, order_id)
);

-- One row per experiment and exposed visitor: what they did after their first exposure.
CREATE TABLE IF NOT EXISTS visitor_facts (
  experiment_id       TEXT              NOT NULL,
  visitor_id          TEXT              NOT NULL,
  site_id             TEXT              NOT NULL,
  variant_id          TEXT              NOT NULL,
  first_exposure_at   BIGINT            NOT NULL,
  exposure_day        INTEGER           NOT NULL,
  exposures           INTEGER           NOT NULL DEFAULT 0,
  viewable            INTEGER           NOT NULL DEFAULT 0,
  video_started       INTEGER           NOT NULL DEFAULT 0,
  watch_pct           DOUBLE PRECISION  NOT NULL DEFAULT 0,  -- highest percentage reached
  video_completed     INTEGER           NOT NULL DEFAULT 0,
  clicks              INTEGER           NOT NULL DEFAULT 0,
  added_to_cart       INTEGER           NOT NULL DEFAULT 0,
  purchased           INTEGER           NOT NULL DEFAULT 0,
  revenue             DOUBLE PRECISION  NOT NULL DEFAULT 0,
  trust_sum           DOUBLE PRECISION  NOT NULL DEFAULT 0,  -- answers 1 to 5, summed; the
  trust_answers       INTEGER           NOT NULL DEFAULT 0,  -- visitor's trust is their mean
  noticed_disclosure  INTEGER,                               -- 1 if ever yes, 0 if only no, empty if not asked
  answered_survey     INTEGER           NOT NULL DEFAULT 0,
  updated_at          BIGINT            NOT NULL,
  segment             TEXT              NOT NULL DEFAULT '',  -- the visitor's segment cell at first exposure ('' unknown): device=mobile&source=search&visit=new
  revenue_cap         DOUBLE PRECISION,                       -- the experiment's revenue cap in force when folded; empty: none yet
  clicked_day         INTEGER,                                -- whole days from the first exposure to the first click; empty: none
  carted_day          INTEGER,                                -- … to the first add-to-cart
  purchased_day       INTEGER,                                -- … to the first purchase
  PRIMARY KEY (experiment_id, visitor_id)
);
CREATE INDEX IF NOT EXISTS visitor_facts_visitor ON visitor_facts (visitor_id);

-- Sufficient statistics per variant, metric and cohort day (the day of first exposure), so a
-- cumulative series is a running total and results cost O(variants × days), not O(events).
-- y is a second per-visitor quantity for ratio metrics and covariates.
CREATE TABLE IF NOT EXISTS variant_daily_sums (
  experiment_id  TEXT              NOT NULL,
  variant_id     TEXT              NOT NULL,
  day            INTEGER           NOT NULL,
  metric         TEXT              NOT NULL,
  n              BIGINT            NOT NULL DEFAULT 0,
  sum_x          DOUBLE PRECISION  NOT NULL DEFAULT 0,
  sum_x2         DOUBLE PRECISION  NOT NULL DEFAULT 0,
  sum_y          DOUBLE PRECISION  NOT NULL DEFAULT 0,
  sum_y2         DOUBLE PRECISION  NOT NULL DEFAULT 0,
  sum_xy         DOUBLE PRECISION  NOT NULL DEFAULT 0,
  PRIMARY KEY (experiment_id, variant_id, day, metric)
);

-- Sufficient statistics per variant, segment cell and metric (no day: segment results are read
-- cumulatively), so results by segment cost O(variants × cells × metrics), not O(visitors). Only
-- facts with a known segment have rows; the arm's own totals stay in variant_daily_sums.
CREATE TABLE IF NOT EXISTS segment_sums (
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
);

-- Events the ingestion pipeline dropped, by site, day and reason (a closed set in server/collect/).
CREATE TABLE IF NOT EXISTS drop_counts (
  site_id  TEXT     NOT NULL,
  day      INTEGER  NOT NULL,
  reason   TEXT     NOT NULL,
  count    BIGINT   NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, reason)
);

-- One row per visitor a flush has folded, row-locked by each flush for its visitors, so several
-- Candor processes fold one site at once without losing an update (server/collect/visitor-locks.ts).
-- Unused on SQLite, which has one writer.
CREATE TABLE IF NOT EXISTS visitor_locks (
  site_id     TEXT  NOT NULL,
  visitor_id  TEXT  NOT NULL,
  PRIMARY KEY (site_id, visitor_id)
);

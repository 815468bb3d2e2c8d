// Migration 8's variants table: the disclosure style's CHECK gains 'icon', and a label may show
// for a video's first seconds only. SQLite cannot alter a CHECK in place, so the table is built
// anew and the rows copied; no table references variants, so dropping the old one deletes nothing
// else. The same statements run on PostgreSQL, and leave the table as schema.sql makes it.
// It runs after migration 8's ALTERs that give variants the presets' facts, so it keeps them.
const COLUMNS =
  'id, experiment_id, position, key, name, origin, disclosure, disclosure_text, disclosure_position, media_type, media_url, ' +
  'poster_url, alt_text, media_width, media_height, click_url, weight, likeness, consent_ref, generator, is_control, ' +
  'photorealistic, synthetic_human, real_product';

export const REBUILD_VARIANTS_V8: readonly string[] = [
  `CREATE TABLE variants_v8 (
    id                   TEXT              PRIMARY KEY,
    experiment_id        TEXT              NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    position             INTEGER           NOT NULL,
    key                  TEXT              NOT NULL,
    name                 TEXT              NOT NULL,
    origin               TEXT              NOT NULL CHECK (origin IN ('ai', 'traditional', 'hybrid')),
    disclosure           TEXT              NOT NULL
      CHECK (disclosure IN ('none', 'label', 'caption', 'badge', 'icon', 'credentials')),
    disclosure_text      TEXT,
    disclosure_position  TEXT,
    disclosure_show_seconds INTEGER CHECK (disclosure_show_seconds BETWEEN 1 AND 30),
    media_type           TEXT              NOT NULL CHECK (media_type IN ('image', 'video')),
    media_url            TEXT              NOT NULL,
    poster_url           TEXT,
    alt_text             TEXT              NOT NULL,
    media_width          INTEGER           CHECK (media_width > 0),
    media_height         INTEGER           CHECK (media_height > 0),
    click_url            TEXT,
    weight               DOUBLE PRECISION  NOT NULL CHECK (weight > 0),
    likeness             TEXT              NOT NULL CHECK (likeness IN ('none', 'consented')),
    consent_ref          TEXT,
    generator            TEXT,
    is_control           INTEGER           NOT NULL CHECK (is_control IN (0, 1)),
    photorealistic       INTEGER           CHECK (photorealistic IN (0, 1)),
    synthetic_human      INTEGER           CHECK (synthetic_human IN (0, 1)),
    real_product         INTEGER           CHECK (real_product IN (0, 1)),
    UNIQUE (experiment_id, key),
    UNIQUE (experiment_id, position)
  )`,
  `INSERT INTO variants_v8 (${COLUMNS}) SELECT ${COLUMNS} FROM variants`,
  'DROP TABLE variants',
  'ALTER TABLE variants_v8 RENAME TO variants',
];

// Changes to a database made by an older Candor, in order. Version 1 is schema.sql as first
// released, so the list starts at 2. When you change schema.sql, bump its schema-version line
// and add the matching migration here: a fresh database takes schema.sql, an old one these.

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
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
];

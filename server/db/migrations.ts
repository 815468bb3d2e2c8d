// Changes to a database made by an older Candor, in order. Version 1 is schema.sql as first
// released, so the list starts at 2. When you change schema.sql, bump its schema-version line
// and add the matching migration here: a fresh database takes schema.sql, an old one these.

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [];

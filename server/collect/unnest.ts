// Multi-row writes on PostgreSQL as one statement with one parameter per column: each column's
// values go as a typed array and `unnest` turns them back into rows, in order. However many rows,
// the statement text is the same, and the driver sends a dozen arrays instead of thousands of
// placeholders (which Kysely would also build one node each for).
import { sql, type RawBuilder } from 'kysely';

export interface Column<T> {
  /** The column's name in the table. */
  name: string;
  /** Its PostgreSQL type, for the array cast (text, bigint, integer, double precision). */
  type: string;
  value: (row: T) => string | number | null;
}

export function column<T>(name: string, type: string, value: (row: T) => string | number | null): Column<T> {
  return { name, type, value };
}

const NEEDS_ESCAPE = /["\\]/;

/**
 * One column's values as a PostgreSQL array literal, built here rather than by the driver: every
 * text is quoted (so NULL, "", commas and braces read back as themselves) and escaped only when
 * it holds a quote or a backslash, which ids and keys never do.
 */
export function arrayLiteral(values: ReadonlyArray<string | number | null>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const value = values[i];
    if (value === null || value === undefined) out += 'NULL';
    else if (typeof value === 'number') out += String(value);
    else out += NEEDS_ESCAPE.test(value) ? `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${value}"`;
  }
  return out + '}';
}

/** `unnest($1::type[], …)`: the rows as one typed array per column. */
export function unnestOf<T>(columns: readonly Column<T>[], rows: readonly T[]): RawBuilder<unknown> {
  const arrays = columns.map((col) => {
    const values = new Array<string | number | null>(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = col.value(rows[i]!);
    return sql`${arrayLiteral(values)}::${sql.raw(col.type)}[]`;
  });
  return sql`unnest(${sql.join(arrays)})`;
}

export const columnNames = <T>(columns: readonly Column<T>[]) => sql.raw(columns.map((col) => col.name).join(', '));

/**
 * `INSERT INTO table (columns) SELECT * FROM unnest($1::type[], …) AS incoming (columns) <tail>`;
 * rows go in in the given order. The tail says what a conflict does.
 */
export function unnestInsert<T>(table: string, columns: readonly Column<T>[], rows: readonly T[], tail: RawBuilder<unknown> = sql``): RawBuilder<Record<string, unknown>> {
  const names = columnNames(columns);
  return sql`INSERT INTO ${sql.raw(table)} (${names}) SELECT * FROM ${unnestOf(columns, rows)} AS incoming (${names}) ${tail}`;
}

/** `SET a = excluded.a, …`: an upsert that replaces these columns with the incoming row's. */
export function replacing(columns: readonly string[]): RawBuilder<unknown> {
  return sql.raw(columns.map((name) => `${name} = excluded.${name}`).join(', '));
}

/** `SET a = table.a + excluded.a, …`: an upsert that adds the incoming row into the stored one. */
export function adding(table: string, columns: readonly string[]): RawBuilder<unknown> {
  return sql.raw(columns.map((name) => `${name} = ${table}.${name} + excluded.${name}`).join(', '));
}

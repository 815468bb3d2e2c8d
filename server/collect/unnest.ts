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

/**
 * `INSERT INTO table (columns) SELECT * FROM unnest($1::type[], …) AS alias (columns) <tail>`;
 * rows go in in the given order. The tail may filter them (WHERE, naming the alias) and say what
 * a conflict does.
 */
export function unnestInsert<T>(
  table: string,
  columns: readonly Column<T>[],
  rows: readonly T[],
  tail: RawBuilder<unknown> = sql``,
  alias = 'incoming',
): RawBuilder<Record<string, unknown>> {
  const arrays = columns.map((col) => {
    const values = new Array<string | number | null>(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = col.value(rows[i]!);
    return sql`${values}::${sql.raw(col.type)}[]`;
  });
  const names = sql.raw(columns.map((col) => col.name).join(', '));
  return sql`INSERT INTO ${sql.raw(table)} (${names}) SELECT * FROM unnest(${sql.join(arrays)}) AS ${sql.raw(alias)} (${names}) ${tail}`;
}

/** `SET a = excluded.a, …`: an upsert that replaces these columns with the incoming row's. */
export function replacing(columns: readonly string[]): RawBuilder<unknown> {
  return sql.raw(columns.map((name) => `${name} = excluded.${name}`).join(', '));
}

/** `SET a = table.a + excluded.a, …`: an upsert that adds the incoming row into the stored one. */
export function adding(table: string, columns: readonly string[]): RawBuilder<unknown> {
  return sql.raw(columns.map((name) => `${name} = ${table}.${name} + excluded.${name}`).join(', '));
}

// The one order every writer writes shared rows in (sums, facts, lock rows): on PostgreSQL,
// concurrent flushes then wait for each other's row locks but never in a cycle.

/** The rows sorted by a text key, compared by UTF-16 code units (the same in every process). */
export function byKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return rows
    .map((row) => ({ row, key: key(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.row);
}

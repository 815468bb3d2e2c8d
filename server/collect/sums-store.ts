// Writing the daily sums: moved by deltas (an upsert that adds), or rewritten from the facts.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/types.js';
import { withoutUpdatedAt, type Fact } from './facts.js';
import { addFactChange, sumRows, type SumDeltas, type SumRow } from './sums.js';
import { byKey } from './key-order.js';
import { chunks } from './update-facts.js';

const SUM_FIELDS = ['n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'] as const;

/**
 * The upsert's update for a table of running sums: each stored field plus the incoming one. One
 * definition for the daily and the segment sums, which differ only in their key.
 */
export function addedSums(table: 'variantDailySums' | 'segmentSums'): Record<(typeof SUM_FIELDS)[number], RawBuilder<number>> {
  return Object.fromEntries(SUM_FIELDS.map((field) => [field, sql<number>`${sql.ref(`${table}.${field}`)} + ${sql.ref(`excluded.${field}`)}`])) as Record<
    (typeof SUM_FIELDS)[number],
    RawBuilder<number>
  >;
}

/** A daily sum row's key, in the order its rows are written. */
export const sumRowKey = (row: SumRow) => `${row.experimentId}\u0000${row.variantId}\u0000${String(row.day).padStart(10, '0')}\u0000${row.metric}`;

export async function addToSums(trx: Transaction<Database>, rows: readonly SumRow[]): Promise<void> {
  for (const part of chunks(byKey(rows, sumRowKey))) {
    await trx
      .insertInto('variantDailySums')
      .values(part)
      .onConflict((oc) => oc.columns(['experimentId', 'variantId', 'day', 'metric']).doUpdateSet(addedSums('variantDailySums')))
      .execute();
  }
}

export interface SumRowKey {
  experimentId: string;
  variantId: string;
  day: number;
}

/**
 * Rewrites whole rows from the facts that now belong to them. Used when a fact leaves a row
 * (its cohort day moved, or the visitor was erased): adding a huge value to a row of doubles
 * absorbs the small ones, and subtracting it again would leave the row wrong, not merely rounded.
 */
export async function recomputeSumRows(trx: Transaction<Database>, keys: readonly SumRowKey[]): Promise<void> {
  const unique = new Map(keys.map((key) => [`${key.experimentId}\u0000${key.variantId}\u0000${key.day}`, key]));
  for (const key of unique.values()) {
    // Delete first, then read: on PostgreSQL the delete waits for any flush that moved these rows
    // to commit, so the facts read next include its fact; a flush that has not moved them yet
    // adds its change onto the rows written here (hence an adding upsert, not a plain insert).
    await trx
      .deleteFrom('variantDailySums')
      .where('experimentId', '=', key.experimentId)
      .where('variantId', '=', key.variantId)
      .where('day', '=', key.day)
      .execute();
    const facts = await trx
      .selectFrom('visitorFacts')
      .selectAll()
      .where('experimentId', '=', key.experimentId)
      .where('variantId', '=', key.variantId)
      .where('exposureDay', '=', key.day)
      .execute();
    const exact: SumDeltas = new Map();
    for (const row of facts) addFactChange(exact, null, withoutUpdatedAt(row));
    await addToSums(trx, sumRows(exact));
  }
}

/** The rows a change takes a fact out of. */
export function rowsLeft(before: Fact | null, after: Fact | null): SumRowKey[] {
  if (!before) return [];
  if (after && after.variantId === before.variantId && after.exposureDay === before.exposureDay) return [];
  return [{ experimentId: before.experimentId, variantId: before.variantId, day: before.exposureDay }];
}

// Writing the daily sums: moved by deltas (an upsert that adds), or rewritten from the facts.
import type { Transaction } from 'kysely';
import type { Database } from '../db/types.js';
import { withoutUpdatedAt, type Fact } from './facts.js';
import { addFactChange, sumRows, type SumDeltas, type SumRow } from './sums.js';
import { chunks } from './update-facts.js';

export async function addToSums(trx: Transaction<Database>, rows: readonly SumRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await trx
      .insertInto('variantDailySums')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['experimentId', 'variantId', 'day', 'metric']).doUpdateSet((eb) => ({
          n: eb('variantDailySums.n', '+', eb.ref('excluded.n')),
          sumX: eb('variantDailySums.sumX', '+', eb.ref('excluded.sumX')),
          sumX2: eb('variantDailySums.sumX2', '+', eb.ref('excluded.sumX2')),
          sumY: eb('variantDailySums.sumY', '+', eb.ref('excluded.sumY')),
          sumY2: eb('variantDailySums.sumY2', '+', eb.ref('excluded.sumY2')),
          sumXy: eb('variantDailySums.sumXy', '+', eb.ref('excluded.sumXy')),
        })),
      )
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
    const facts = await trx
      .selectFrom('visitorFacts')
      .selectAll()
      .where('experimentId', '=', key.experimentId)
      .where('variantId', '=', key.variantId)
      .where('exposureDay', '=', key.day)
      .execute();
    const exact: SumDeltas = new Map();
    for (const row of facts) addFactChange(exact, null, withoutUpdatedAt(row));
    await trx
      .deleteFrom('variantDailySums')
      .where('experimentId', '=', key.experimentId)
      .where('variantId', '=', key.variantId)
      .where('day', '=', key.day)
      .execute();
    const rows = sumRows(exact);
    for (const part of chunks(rows)) await trx.insertInto('variantDailySums').values(part).execute();
  }
}

/** The rows a change takes a fact out of. */
export function rowsLeft(before: Fact | null, after: Fact | null): SumRowKey[] {
  if (!before) return [];
  if (after && after.variantId === before.variantId && after.exposureDay === before.exposureDay) return [];
  return [{ experimentId: before.experimentId, variantId: before.variantId, day: before.exposureDay }];
}

// Moving the stored daily sums by a set of deltas (an upsert that adds).
import type { Transaction } from 'kysely';
import type { Database } from '../db/types.js';
import type { SumRow } from './sums.js';
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

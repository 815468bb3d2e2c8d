// experiments.sums_version moves with every commit that changes an experiment's sums (daily or by
// segment), in that commit's transaction: a results cache keyed on it can never serve stale sums.
import type { Transaction } from 'kysely';
import type { Database } from '../db/types.js';

export async function bumpSumsVersions(trx: Transaction<Database>, experimentIds: Iterable<string>): Promise<void> {
  // Sorted, so two transactions bumping the same experiments take their row locks in one order.
  const ids = [...new Set(experimentIds)].sort();
  if (ids.length === 0) return;
  await trx
    .updateTable('experiments')
    .set((eb) => ({ sumsVersion: eb('sumsVersion', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

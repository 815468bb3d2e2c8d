// Writing segment_sums inside the writer's transaction: moved by deltas (an upsert that adds), or
// a cell's rows rewritten from its facts when a fact leaves it (for the reason sums-store.ts gives).
import type { Transaction } from 'kysely';
import type { Database } from '../db/types.js';
import { withoutUpdatedAt } from './facts.js';
import { chunks } from './update-facts.js';
import { byKey } from './key-order.js';
import { addedSums } from './sums-store.js';
import { addSegmentChange, segmentRows, type SegmentDeltas, type SegmentRowKey, type SegmentSumRow } from '../segments/segment-sums.js';

export const segmentRowKey = (row: SegmentSumRow) => `${row.experimentId}\u0000${row.variantId}\u0000${row.segment}\u0000${row.metric}`;

export async function addToSegmentSums(trx: Transaction<Database>, rows: readonly SegmentSumRow[]): Promise<void> {
  for (const part of chunks(byKey(rows, segmentRowKey))) {
    await trx
      .insertInto('segmentSums')
      .values(part)
      .onConflict((oc) => oc.columns(['experimentId', 'variantId', 'segment', 'metric']).doUpdateSet(addedSums('segmentSums')))
      .execute();
  }
}

export async function recomputeSegmentCells(trx: Transaction<Database>, keys: readonly SegmentRowKey[]): Promise<void> {
  const unique = new Map(keys.map((key) => [`${key.experimentId}\u0000${key.variantId}\u0000${key.segment}`, key]));
  for (const key of unique.values()) {
    // Rare (an earlier exposure with other props, an erasure): reads the experiment's facts by its key prefix, as recomputeSumRows does.
    // Delete, then read, then add: concurrent flushes are handled as recomputeSumRows says.
    await trx
      .deleteFrom('segmentSums')
      .where('experimentId', '=', key.experimentId)
      .where('variantId', '=', key.variantId)
      .where('segment', '=', key.segment)
      .execute();
    const facts = await trx
      .selectFrom('visitorFacts')
      .selectAll()
      .where('experimentId', '=', key.experimentId)
      .where('variantId', '=', key.variantId)
      .where('segment', '=', key.segment)
      .execute();
    const exact: SegmentDeltas = new Map();
    for (const row of facts) addSegmentChange(exact, null, withoutUpdatedAt(row));
    await addToSegmentSums(trx, segmentRows(exact));
  }
}

// Reads an experiment's sums per segment cell: variant → cell → metric → totals. One row per
// (variant, cell, metric), whatever the number of visitors; cells decode with segments/cell.ts.
import type { Db } from '../db/connect.js';
import { METRIC_NAMES, type MetricName } from '../experiments/vocabulary.js';
import type { Sums } from '../stats/index.js';

export interface SegmentSums {
  cells: Map<string /* variantId */, Map<string /* cell */, Map<MetricName, Sums>>>;
}

export async function readSegmentSums(db: Db, experimentId: string): Promise<SegmentSums> {
  const rows = await db
    .selectFrom('segmentSums')
    .select(['variantId', 'segment', 'metric', 'n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'])
    .where('experimentId', '=', experimentId)
    .where('metric', 'in', METRIC_NAMES)
    .execute();
  const cells: SegmentSums['cells'] = new Map();
  for (const { variantId, segment, metric, ...sums } of rows) {
    // A cell every one of whose visitors left keeps zero rows until rewritten: not a cell.
    if (Number(sums.n) === 0) continue;
    let byCell = cells.get(variantId);
    if (!byCell) cells.set(variantId, (byCell = new Map()));
    let byMetric = byCell.get(segment);
    if (!byMetric) byCell.set(segment, (byMetric = new Map()));
    byMetric.set(metric as MetricName, { ...sums, n: Number(sums.n) });
  }
  return { cells };
}

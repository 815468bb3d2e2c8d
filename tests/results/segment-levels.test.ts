// Sums per segment cell to sums per level and per stratum: a level is every cell with it, a
// visitor without the dimension is "unknown", and visitors with no cell at all are the arm's total
// minus its cells, so strata always add back up to the arm.
import { describe, expect, it } from 'vitest';
import { addSums, type Sums } from '../../server/stats/index.js';
import { dimensionsOf, strataSums, UNKNOWN_LEVEL } from '../../server/results/segment-levels.js';
import { encodeCell } from '../../server/segments/cell.js';
import type { MetricName } from '../../server/metrics/registry.js';

const sums = (n: number, sumX: number): Sums => ({ n, sumX, sumX2: sumX, sumY: 0, sumY2: 0, sumXy: 0 });
const cell = (levels: Record<string, string>, n: number, x: number) => [encodeCell(levels), new Map<MetricName, Sums>([['purchased', sums(n, x)]])] as const;

const ARM = new Map([
  cell({ device: 'mobile', source: 'search' }, 10, 2),
  cell({ device: 'mobile', source: 'direct' }, 5, 1),
  cell({ device: 'desktop', source: 'search' }, 8, 0),
  cell({ device: 'tablet' }, 3, 1),
]);

describe('segment levels', () => {
  it('lists each dimension once with its levels in the vocabulary order, then others alphabetically', () => {
    const cells = new Map([['arm-1', ARM], ['arm-2', new Map([cell({ zip_code: 'Urban', device: 'desktop' }, 1, 0)])]]);
    const dimensions = dimensionsOf(cells, { device: ['mobile', 'tablet', 'desktop'], visit: ['new', 'returning'], source: ['direct', 'search'] });
    expect(dimensions).toEqual([
      { name: 'device', levels: ['mobile', 'tablet', 'desktop'] },
      { name: 'source', levels: ['direct', 'search'] },
      { name: 'zip_code', levels: ['Urban'] },
    ]);
  });

  it('sums a level over every cell that has it, and keeps a cell without the dimension as unknown', () => {
    const total = addSums([...ARM.values()].map((metrics) => metrics.get('purchased')!));
    const bySource = strataSums(ARM, ['source'], 'purchased', total);
    expect(bySource.get('search')).toMatchObject({ n: 18, sumX: 2 });
    expect(bySource.get('direct')).toMatchObject({ n: 5, sumX: 1 });
    expect(bySource.get(UNKNOWN_LEVEL)).toMatchObject({ n: 3, sumX: 1 });
  });

  it('crosses dimensions into strata and puts visitors with no cell at all in the all-unknown stratum', () => {
    const total = sums(40, 9); // 26 visitors have cells; 14 sent no segment
    const strata = strataSums(ARM, ['device', 'source'], 'purchased', total);
    expect(strata.get('mobile × search')).toMatchObject({ n: 10, sumX: 2 });
    expect(strata.get('tablet × unknown')).toMatchObject({ n: 3, sumX: 1 });
    expect(strata.get('unknown × unknown')).toMatchObject({ n: 14, sumX: 5 });
    const back = addSums([...strata.values()]);
    expect(back.n).toBe(40);
    expect(back.sumX).toBeCloseTo(9, 12);
  });

  it('gives an arm with no cells one stratum: all its visitors, unknown', () => {
    expect([...strataSums(undefined, ['device'], 'purchased', sums(7, 2))]).toEqual([[UNKNOWN_LEVEL, sums(7, 2)]]);
  });
});

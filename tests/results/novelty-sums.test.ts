// readNoveltySums: for each day since first exposure, the visitors whose whole day it has been
// (the cohorts it is over for) and their first conversions on it; the results' own sums reader
// leaves the since rows alone.
import { expect, it } from 'vitest';
import { isDayOver, readNoveltySums } from '../../server/results/read-novelty-sums.js';
import { readExperimentSums } from '../../server/results/read-sums.js';
import { describeEachDialect } from '../helpers/databases.js';

const row = (variantId: string, day: number, metric: string, n: number, sumX = n) => ({ experimentId: 'e1', variantId, day, metric, n, sumX, sumX2: sumX, sumY: 0, sumY2: 0, sumXy: 0 });

describeEachDialect('readNoveltySums', (database) => {
  it('counts a cohort for day d once its day d is over for every visitor in it: c + d + 1 < throughDay', async () => {
    const db = database().db;
    await db
      .insertInto('variantDailySums')
      .values([
        // Arm a: cohorts of 10, 20 and 5 visitors on days 100–102.
        row('a', 100, 'viewable', 10, 9),
        row('a', 101, 'viewable', 20, 18),
        row('a', 102, 'viewable', 5, 5),
        row('a', 100, 'since:clicked:0', 3),
        row('a', 101, 'since:clicked:0', 4),
        row('a', 102, 'since:clicked:0', 1),
        row('a', 100, 'since:clicked:1', 2),
        row('a', 101, 'since:clicked:1', 1),
        row('a', 101, 'since:purchased:0', 2),
        row('a', 100, 'since:purchased:13', 1),
        row('a', 100, 'revenue', 10, 250),
        row('a', 100, 'dist:trust_4', 2),
        // Arm b: one cohort, on the last day, whose day 0 is not over yet.
        row('b', 102, 'viewable', 8, 8),
        row('b', 102, 'since:clicked:0', 3),
        // Another experiment's rows stay out.
        { ...row('a', 100, 'since:clicked:0', 50), experimentId: 'e2' },
      ])
      .execute();

    const sums = await readNoveltySums(db, 'e1', 103);
    expect([...sums.byMetric.keys()]).toEqual(['clicked', 'added_to_cart', 'purchased']);
    expect(sums.byMetric.get('clicked')!.get('a')).toEqual([
      { daysSince: 0, eligible: 30, converted: 7 },
      { daysSince: 1, eligible: 10, converted: 2 },
    ]);
    expect(sums.byMetric.get('added_to_cart')!.get('a')).toEqual([
      { daysSince: 0, eligible: 30, converted: 0 },
      { daysSince: 1, eligible: 10, converted: 0 },
    ]);
    expect(sums.byMetric.get('purchased')!.get('a')).toEqual([
      { daysSince: 0, eligible: 30, converted: 2 },
      { daysSince: 1, eligible: 10, converted: 0 },
    ]);
    expect(sums.byMetric.get('clicked')!.get('b')).toEqual([]);

    // Two weeks on, every day of every cohort is over: day 13 included, nothing beyond.
    const later = (await readNoveltySums(db, 'e1', 130)).byMetric.get('purchased')!.get('a')!;
    expect(later).toHaveLength(14);
    expect(later[0]).toEqual({ daysSince: 0, eligible: 35, converted: 2 });
    expect(later[13]).toEqual({ daysSince: 13, eligible: 35, converted: 1 });
    expect((await readNoveltySums(db, 'e1', 130)).byMetric.get('clicked')!.get('b')![0]).toEqual({ daysSince: 0, eligible: 8, converted: 3 });

    // The results' sums hold metrics only.
    const totals = (await readExperimentSums(db, 'e1')).totals.get('a')!;
    expect([...totals.keys()].sort()).toEqual(['revenue', 'viewable']);
  });

  it('gives an experiment with no visitors no arms', async () => {
    const sums = await readNoveltySums(database().db, 'nothing', 200);
    for (const byVariant of sums.byMetric.values()) expect(byVariant.size).toBe(0);
  });
});

it('calls a day over only when the latest visitor of the cohort has had all of it', () => {
  // Exposed late on day 100, a visitor's day 0 runs into day 101: over once day 102 begins.
  expect(isDayOver(100, 0, 101)).toBe(false);
  expect(isDayOver(100, 0, 102)).toBe(true);
  expect(isDayOver(100, 3, 104)).toBe(false);
  expect(isDayOver(100, 3, 105)).toBe(true);
});

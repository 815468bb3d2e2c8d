// The distributions counted the slow way, as GET …/distributions once did: one GROUP BY over the
// experiment's visitor facts. A reference for the counts now kept in the daily sums.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../server/db/connect.js';
import type { Experiment } from '../../server/experiments/model.js';
import type { Distributions } from '../../server/results/distributions.js';

const count = (condition: Expression<SqlBool>) => sql<number>`count(case when ${condition} then 1 end)`;
const trustRoundsTo = (k: number) =>
  sql<SqlBool>`trust_answers > 0 and 2 * trust_sum >= ${sql.lit(2 * k - 1)} * trust_answers and 2 * trust_sum < ${sql.lit(2 * k + 1)} * trust_answers`;
const reached = (mark: number) => sql<SqlBool>`(watch_pct >= ${sql.lit(mark)} or video_completed = 1)`;
const started = sql<SqlBool>`(video_started = 1 or watch_pct > 0 or video_completed = 1)`;

export async function distributionsFromFacts(db: Db, experiment: Pick<Experiment, 'id' | 'variants'>): Promise<Distributions> {
  const rows = await db
    .selectFrom('visitorFacts')
    .where('experimentId', '=', experiment.id)
    .groupBy('variantId')
    .select((eb) => [
      'variantId',
      eb.fn.countAll<number>().as('exposed'),
      count(trustRoundsTo(1)).as('trust1'),
      count(trustRoundsTo(2)).as('trust2'),
      count(trustRoundsTo(3)).as('trust3'),
      count(trustRoundsTo(4)).as('trust4'),
      count(trustRoundsTo(5)).as('trust5'),
      count(sql<SqlBool>`trust_answers > 0`).as('answered'),
      count(sql<SqlBool>`noticed_disclosure = 1`).as('yes'),
      count(sql<SqlBool>`noticed_disclosure = 0`).as('no'),
      count(started).as('started'),
      count(reached(25)).as('reached25'),
      count(reached(50)).as('reached50'),
      count(reached(75)).as('reached75'),
      count(reached(100)).as('reached100'),
    ])
    .execute();
  const byVariant = new Map(rows.map((row) => [row.variantId, row]));
  const arms = experiment.variants.map((variant) => {
    const row = byVariant.get(variant.id);
    const get = (field: Exclude<keyof NonNullable<typeof row>, 'variantId'>) => Number(row?.[field] ?? 0);
    return { key: variant.key, get };
  });
  return {
    trust: arms.map(({ key, get }) => {
      const counts: [number, number, number, number, number] = [get('trust1'), get('trust2'), get('trust3'), get('trust4'), get('trust5')];
      return { variant: key, counts, answered: get('answered'), outOfScale: get('answered') - counts.reduce((a, b) => a + b, 0) };
    }),
    noticed: arms.map(({ key, get }) => ({ variant: key, yes: get('yes'), no: get('no') })),
    video: arms.map(({ key, get }) => ({
      variant: key,
      exposed: get('exposed'),
      started: get('started'),
      reached: { 25: get('reached25'), 50: get('reached50'), 75: get('reached75'), 100: get('reached100') },
    })),
  };
}

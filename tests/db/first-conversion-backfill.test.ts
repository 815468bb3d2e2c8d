// Migration 7's backfill of first-conversion days: facts folded before the days existed get them
// from their raw events, exactly as the writer computes them (conversions after the stop left
// out), and their since rows; run twice, the same; verify agrees afterwards.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { DAY_MS } from '../../server/collect/vocabulary.js';
import { BACKFILL_DAY_MS, BACKFILL_SINCE_DAYS, FIRST_CONVERSION_DAYS_BACKFILL } from '../../server/db/backfill-first-conversion-days.js';
import { SINCE_DAYS } from '../../server/collect/since-sums.js';
import { MIGRATIONS } from '../../server/db/migrations.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, event, runningSetup, send, setStatusAWeekAgo } from '../collect/helpers.js';
import { setStatus } from '../helpers/fixtures.js';

const HOUR = 3_600_000;

describeEachDialect('the first-conversion days backfill', (database) => {
  it('gives older facts the days and since rows the writer gives, and verify agrees', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await runningSetup(t);
    const start: number = experiment.startedAt;
    for (let i = 0; i < 12; i++) {
      const visitor = `visitor-${i}`;
      const exposed = start + i * 7 * HOUR;
      const events = [armEvent(experiment, visitor, 'exposure', exposed)];
      if (i % 2 === 0) events.push(armEvent(experiment, visitor, 'click', exposed + i * 5 * HOUR), armEvent(experiment, visitor, 'click', exposed + (i * 5 + 30) * HOUR));
      if (i % 3 === 0) events.push(event('add_to_cart', exposed + i * 11 * HOUR, { value: 10 }));
      if (i % 4 === 1) events.push(event('purchase', exposed + 30 * HOUR, { value: 25, order: `order-${i}` }));
      // A click before the exposure does not count.
      if (i === 5) events.push(armEvent(experiment, visitor, 'click', exposed - HOUR));
      expect((await send(t, site, visitor, events)).status).toBe(202);
    }
    // A second experiment, stopped: a purchase received after the stop does not count.
    const other = await runningSetup(t, { key: 'other', slot: 'other' }, {});
    await send(t, other.site, 'late', [armEvent(other.experiment, 'late', 'exposure', t.clock.now - 3 * DAY_MS)]);
    expect((await setStatus(t, other.experiment.id, 'stopped')).status).toBe(200);
    t.clock.now += 60_000;
    await send(t, other.site, 'late', [event('purchase', t.clock.now - 1000, { value: 40, order: 'after-stop' })]);

    const db = database().db;
    const facts = () => db.selectFrom('visitorFacts').select(['experimentId', 'visitorId', 'clickedDay', 'cartedDay', 'purchasedDay']).orderBy('experimentId').orderBy('visitorId').execute();
    const since = async () =>
      (await db.selectFrom('variantDailySums').selectAll().where('metric', 'like', 'since:%').orderBy('variantId').orderBy('day').orderBy('metric').execute()).map((row) => ({ ...row, n: Number(row.n) }));
    const keptFacts = await facts();
    const keptSince = await since();
    expect(keptFacts.some((fact) => fact.clickedDay !== null && fact.clickedDay > 0)).toBe(true);
    expect(keptSince.length).toBeGreaterThan(3);

    // As a version 6 database had them: no days, no since rows.
    await db.updateTable('visitorFacts').set({ clickedDay: null, cartedDay: null, purchasedDay: null }).execute();
    await sql`DELETE FROM variant_daily_sums WHERE metric LIKE 'since:%'`.execute(db);
    for (let run = 0; run < 2; run++) {
      for (const statement of FIRST_CONVERSION_DAYS_BACKFILL) await sql.raw(statement).execute(db);
      expect(await facts()).toEqual(keptFacts);
      expect(await since()).toEqual(keptSince);
    }
    const report = await verifyConsistency(db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
    expect([BACKFILL_SINCE_DAYS, BACKFILL_DAY_MS]).toEqual([SINCE_DAYS, DAY_MS]);
    expect(MIGRATIONS.find((migration) => migration.version === 7)!.statements).toEqual(expect.arrayContaining([...FIRST_CONVERSION_DAYS_BACKFILL]));
  });
});

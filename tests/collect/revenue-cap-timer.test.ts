// The background check: one call fixes the caps that are due and says so; a failure is told and
// the check goes on; stop() ends it.
import { expect, it } from 'vitest';
import { startRevenueCapTimer } from '../../server/collect/revenue-cap-timer.js';
import { DAY_MS } from '../../server/collect/vocabulary.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, armOf, event, runningSetup, send } from './helpers.js';

describeEachDialect('the revenue cap timer', (database, dialect) => {
  it('fixes a due percentile cap at its check and tells the log', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await runningSetup(t, { revenueCap: { kind: 'percentile', percentile: 99, days: 1 } });
    let visitor = 'v-0';
    for (let i = 1; !armOf(experiment, visitor).control; i++) visitor = `v-${i}`;
    await send(t, site, visitor, [armEvent(experiment, visitor, 'exposure', experiment.startedAt + 1000), event('purchase', experiment.startedAt + 2000, { value: 64, order: 'o1' })]);
    const lines: string[] = [];
    const timer = startRevenueCapTimer(database().db, dialect, { everyMs: 3_600_000, now: () => experiment.startedAt + DAY_MS, log: (line) => lines.push(line) });
    try {
      expect(await timer.check()).toEqual([{ experimentId: experiment.id, state: 'fixed', value: 64, facts: 1 }]);
      expect(lines).toEqual([`Fixed the revenue cap of experiment ${experiment.id} at 64 (1 facts capped).`]);
      expect(await timer.check()).toEqual([]);
    } finally {
      await timer.stop();
    }
  });

  it('tells a failed check and does not throw', async () => {
    const db = database();
    // A fixed cap, so the first check reads the facts, which are gone.
    await runningSetup(buildTestApp(db), { revenueCap: { kind: 'value', value: 10 } });
    const lines: string[] = [];
    const timer = startRevenueCapTimer(db.db, dialect, { everyMs: 3_600_000, log: (line) => lines.push(line) });
    await db.db.schema.dropTable('visitor_facts').execute();
    expect(await timer.check()).toEqual([]);
    expect(lines[0]).toMatch(/^The revenue cap check failed: /);
    await timer.stop();
  });
});

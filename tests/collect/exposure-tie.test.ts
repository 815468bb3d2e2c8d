// Two exposures of one visitor stamped at the same millisecond, in separate batches: the first
// exposure is the one with the smaller id (facts.ts buildFact), whichever arrives first. Ties are
// common: an experiment event stamped up to the clock-skew allowance before the start is taken as
// stamped at the start, so a visitor's early exposures all meet there.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { armEvent, runningSetup, send } from './helpers.js';

describeEachDialect('exposures that tie on time', (database) => {
  it('keeps the smaller id\'s exposure as the first, arriving second, and verify agrees', async () => {
    const t = buildTestApp(database());
    const { site, experiment } = await runningSetup(t);
    const visitor = randomUUID();
    const ts = t.clock.now - 60_000;
    const first = armEvent(experiment, visitor, 'exposure', ts, { id: 'b-exposure', props: { device: 'mobile' } });
    const second = armEvent(experiment, visitor, 'exposure', ts, { id: 'a-exposure', props: { device: 'desktop' } });
    expect((await send(t, site, visitor, [first])).body).toMatchObject({ accepted: 1 });
    expect((await send(t, site, visitor, [second])).body).toMatchObject({ accepted: 1 });

    const fact = await database().db.selectFrom('visitorFacts').selectAll().where('visitorId', '=', visitor).executeTakeFirstOrThrow();
    expect(fact).toMatchObject({ exposures: 2, segment: expect.stringContaining('device=desktop') });
    const report = await verifyConsistency(database().db);
    expect(report.factDifferences).toEqual([]);
    expect(report).toMatchObject({ facts: 1 });
  });
});

// An import with --revenue-cap: every fact carries the cap, the results report revenue_capped
// after the mapped metrics (named after the revenue column), and verify agrees; a cap without a
// revenue column, a bad cap, or revenue_capped mapped directly are refused with the option named.
import { expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite } from '../helpers/fixtures.js';
import { postImport, type ImportValues } from './helpers.js';

const FILE = ['visitor,group,spend', 'v1,old,20', 'v2,old,0', 'v3,old,500', 'v4,new,35', 'v5,new,80', 'v6,new,0'].join('\n');
const options = (site: string, extra: ImportValues = {}): ImportValues => ({ site, key: 'capped', visitor: 'visitor', arm: 'group', control: 'old', metric: 'spend=revenue', ...extra });

describeEachDialect('importing with a revenue cap', (database) => {
  it('caps every visitor\'s revenue in revenue_capped, keeps revenue uncapped, and verify agrees', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const reply = await postImport(t, options(site.id, { 'revenue-cap': '50' }), FILE);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.experiment).toMatchObject({ revenueCap: { kind: 'value', value: 50 }, revenueCapValue: 50, metricLabels: { revenue: 'spend', revenue_capped: 'spend, capped' } });
    const doc = (await t.call('GET', `/api/experiments/${reply.body.experiment.id}/results`)).body;
    expect(doc.metrics.map((metric: { metric: string }) => metric.metric)).toEqual(['revenue', 'revenue_capped']);
    const capped = doc.metrics[1];
    expect(capped.label).toBe('spend, capped');
    expect(capped.arms.map((arm: { estimate: number }) => arm.estimate)).toEqual([(20 + 0 + 50) / 3, (35 + 50 + 0) / 3]);
    expect(doc.metrics[0].arms.map((arm: { estimate: number }) => arm.estimate)).toEqual([520 / 3, 115 / 3]);
    expect(doc.revenueCap).toMatchObject({ kind: 'value', value: 50 });
    const report = await verifyConsistency(database().db);
    expect([...report.factDifferences, ...report.sumDifferences]).toEqual([]);
  });

  for (const [what, extra, message] of [
    ['a cap of 0', { 'revenue-cap': '0' }, /revenue-cap: must be an amount above 0/],
    ['a cap that is not a number', { 'revenue-cap': 'lots' }, /revenue-cap/],
    ['a cap with no revenue column', { metric: 'spend=purchased', 'revenue-cap': '50' }, /revenue-cap: a revenue cap needs a column mapped to revenue/],
    ['revenue_capped mapped directly', { metric: 'spend=revenue_capped' }, /revenue_capped is revenue under a cap/],
  ] as const) {
    it(`refuses ${what}`, async () => {
      const t = buildTestApp(database());
      const site = await createSite(t);
      const reply = await postImport(t, options(site.id, extra as ImportValues), FILE);
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toMatch(message);
    });
  }
});

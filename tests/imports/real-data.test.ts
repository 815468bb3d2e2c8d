// The three real data sets imported as a shop would: ab_data through the `import` command,
// cookie_cats and hillstrom through the route (and hillstrom through the command too). Each
// import's results document reproduces the reference figures of scipy and statsmodels to 1e-9,
// and `verify` finds its sums equal to its facts.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { readDataset } from '../helpers/fixture-files.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite } from '../helpers/fixtures.js';
import { expectClose, reference } from '../stats/reference.js';
import { expectConsistent, postImport, removeTempCsvs, runImportCommand, tempCsv, type ImportValues } from './helpers.js';
import { byName, expectBayes, expectHolm, expectMeans, expectProportions, expectSrm, metricOf, sequentialCase } from './reference-checks.js';

// 290k rows on PostgreSQL take several seconds to write and as many to verify.
const SLOW = 60_000;

// Each data set unpacked to a CSV file of its own, as a shop would hold it.
const files = { abData: '', cookieCats: '', hillstrom: '' };
beforeAll(() => {
  files.abData = tempCsv(readDataset('ab_data.csv'), 'ab_data.csv');
  files.cookieCats = tempCsv(readDataset('cookie_cats.csv'), 'cookie_cats.csv');
  files.hillstrom = tempCsv(readDataset('hillstrom.csv'), 'hillstrom.csv');
});
afterAll(removeTempCsvs);

const abData = (site: string): ImportValues => ({
  site,
  key: 'landing-page',
  visitor: 'user_id',
  arm: 'group',
  control: 'control',
  day: 'timestamp',
  metric: 'converted=purchased',
  'arm-filter': ['landing_page:control=old_page', 'landing_page:treatment=new_page'],
});

const cookieCats = (site: string): ImportValues => ({
  site,
  key: 'cookie-cats',
  name: 'Cookie Cats: first gate at level 30 or 40',
  visitor: 'userid',
  arm: 'version',
  control: 'gate_30',
  metric: ['retention_1=clicked', 'retention_7=purchased:7-day retention', 'sum_gamerounds=revenue'],
});

const hillstrom = (site: string): ImportValues => ({
  site,
  key: 'hillstrom',
  arm: 'segment',
  control: 'No E-Mail',
  metric: ['visit=clicked', 'conversion=purchased', 'spend=revenue'],
});

function fileStream(path: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(path, { highWaterMark: 256 * 1024 })) as ReadableStream<Uint8Array>;
}

function expectHillstrom(doc: any): void {
  expect(doc.variants.map((variant: any) => variant.name)).toEqual(expect.arrayContaining(['No E-Mail', 'Womens E-Mail', 'Mens E-Mail']));
  expect(doc.variants[0]).toMatchObject({ name: 'No E-Mail', control: true });
  expectSrm(doc, 'hillstrom three arms');
  for (const arm of ['Womens E-Mail', 'Mens E-Mail']) {
    const key = arm.toLowerCase().replace(' ', '-');
    expectProportions(metricOf(doc, 'visit'), 'no-e-mail', key, `hillstrom visit ${arm}`);
    expectProportions(metricOf(doc, 'conversion'), 'no-e-mail', key, `hillstrom conversion ${arm}`);
    expectMeans(metricOf(doc, 'spend'), 'no-e-mail', key, `hillstrom spend ${arm}`);
  }
  expectHolm(doc, [['visit', 'womens-e-mail'], ['visit', 'mens-e-mail']], 'import family: hillstrom visit for two treatments');
  expectHolm(
    doc,
    [['conversion', 'womens-e-mail'], ['conversion', 'mens-e-mail'], ['spend', 'womens-e-mail'], ['spend', 'mens-e-mail']],
    'import family: hillstrom conversion and spend for two treatments',
  );
  expectWomensSpendIsHolmOverWelch(doc);
}

/**
 * Womens e-mail spend, worked by hand from the reference p-values (scipy's Welch and statsmodels'
 * pooled z): in its family of four it has the largest p, so Holm gives it max(1·p, 2·p(conversion,
 * Womens)) = its own Welch p, 0.00113, not the relative lift's delta-method p (0.011).
 */
function expectWomensSpendIsHolmOverWelch(doc: any): void {
  const welch = byName(reference.means, 'hillstrom spend Womens E-Mail').expected.difference.pValue;
  const conversionWomens = byName(reference.proportions, 'hillstrom conversion Womens E-Mail').expected.difference.pValue;
  const spend = metricOf(doc, 'spend').comparisons.find((comparison: any) => comparison.variant === 'womens-e-mail');
  expect(spend.pValueTest).toBe('welch-t');
  expectClose(spend.pValue, welch, 1e-9, 0, 'Womens spend Welch p');
  expectClose(spend.adjustedPValue, Math.max(welch, 2 * conversionWomens), 1e-9, 0, 'Womens spend Holm p');
  expect(spend.adjustedPValue).toBeCloseTo(0.00113, 5);
  expect(spend.relative.pValue).toBeCloseTo(0.011, 3);
}

describeEachDialect('importing the real data sets', (database) => {
  it('imports ab_data through the command, cleaned to 290,584 users, and reproduces its reference figures', { timeout: SLOW }, async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const { id, lines } = await runImportCommand(database(), files.abData, abData(site.id));
    expect(lines[1]).toBe('Rows read: 294,478; kept: 290,584; dropped by --arm-filter: 3,893; duplicate visitors dropped (first row kept): 1.');
    expect(lines.slice(3, 5)).toEqual(['  control (control): 145,274', '  treatment: 145,310']);

    const doc = (await t.call('GET', `/api/experiments/${id}/results`)).body;
    expect(doc.experiment).toMatchObject({ key: 'landing-page', name: 'ab_data', status: 'stopped', imported: true, primaryMetric: 'purchased' });
    expect(new Date(doc.experiment.startedAt).toISOString().slice(0, 10)).toBe('2017-01-02');
    expect(new Date(doc.experiment.stoppedAt).toISOString().slice(0, 10)).toBe('2017-01-24');
    expect(doc.metrics.map((metric: any) => [metric.metric, metric.label, metric.role])).toEqual([['purchased', 'converted', 'primary']]);
    expectSrm(doc, 'ab_data 50/50');
    const converted = metricOf(doc, 'converted');
    expectProportions(converted, 'control', 'treatment', 'ab_data converted');
    expectBayes(converted, 'treatment', 'ab_data converted', 'proportions');
    // Tuned to the sample the test reached, the always-valid figures are the fixture's "planned 290,584".
    const sequential = sequentialCase('ab_data converted, planned 290,584').expected.relativeLift;
    for (const field of ['lower', 'upper', 'pValue']) expectClose(converted.comparisons[0].alwaysValid[field], sequential[field], 1e-9, 0, field);
    // One comparison in its family: Holm leaves the pooled z-test's p-value as it is.
    expect(converted.comparisons[0]).toMatchObject({ pValueTest: 'pooled-z', pValue: converted.comparisons[0].absolute.pValue });
    expect(converted.comparisons[0].adjustedPValue).toBe(converted.comparisons[0].absolute.pValue);
    expect(doc.headlines[0].sentence).toMatch(/^“treatment” changed converted by −1\.\d% against “control” \(95% CI .+\): not conclusive\.$/);
    // One cohort a day, 2 to 24 January 2017; the last day's running totals are the whole test.
    expect(doc.series).toHaveLength(23);
    expect(doc.series.at(-1).arms.map((arm: any) => arm.n)).toEqual([145_274, 145_310]);

    const report = await expectConsistent(database());
    expect(report.importedFacts).toBe(290_584);
  });

  it('imports cookie_cats through the route and reproduces its reference figures, its sample ratio mismatch included', { timeout: SLOW }, async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const reply = await postImport(t, cookieCats(site.id), fileStream(files.cookieCats));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.report).toEqual({ rowsRead: 90_189, rowsKept: 90_189, droppedByFilter: 0, duplicateVisitors: 0, visitorsPerArm: { gate_30: 44_700, gate_40: 45_489 } });
    expect(reply.body.experiment).toMatchObject({ status: 'stopped', metricLabels: { clicked: 'retention_1', purchased: '7-day retention', revenue: 'sum_gamerounds' } });
    expect(reply.body.experiment.variants.map((variant: any) => [variant.key, variant.control, variant.media.url])).toEqual([
      ['gate_30', true, ''],
      ['gate_40', false, ''],
    ]);

    const doc = (await t.call('GET', `/api/experiments/${reply.body.experiment.id}/results`)).body;
    expect(doc.experiment).toMatchObject({ name: 'Cookie Cats: first gate at level 30 or 40', imported: true });
    expect(doc.metrics.map((metric: any) => [metric.label, metric.role])).toEqual([
      ['retention_1', 'primary'],
      ['7-day retention', 'secondary'],
      ['sum_gamerounds', 'secondary'],
    ]);
    expectSrm(doc, 'cookie_cats 50/50 (a real mismatch)');
    expect(doc.health.srm.pValue).toBeCloseTo(0.0086, 4);
    expect(doc.health.srm.mismatch).toBe(false);
    expectProportions(metricOf(doc, 'retention_1'), 'gate_30', 'gate_40', 'cookie_cats retention_1');
    expectProportions(metricOf(doc, '7-day retention'), 'gate_30', 'gate_40', 'cookie_cats retention_7');
    expectMeans(metricOf(doc, 'sum_gamerounds'), 'gate_30', 'gate_40', 'cookie_cats sum_gamerounds');
    expectBayes(metricOf(doc, 'retention_1'), 'gate_40', 'cookie_cats retention_1', 'proportions');
    expectHolm(doc, [['7-day retention', 'gate_40'], ['sum_gamerounds', 'gate_40']], 'import family: cookie_cats retention_7 and sum_gamerounds');
    expect(doc.headlines.map((headline: any) => headline.sentence)).toEqual([expect.stringMatching(/^“gate_40” changed retention_1 by −1\.\d% against “gate_30”/)]);

    await expectConsistent(database());
  });

  it('imports hillstrom, which has no visitor column, through the route and the command, with three arms and Holm within each family', { timeout: SLOW }, async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const reply = await postImport(t, hillstrom(site.id), fileStream(files.hillstrom));
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.report.visitorsPerArm).toEqual({ 'Womens E-Mail': 21_387, 'No E-Mail': 21_306, 'Mens E-Mail': 21_307 });
    expectHillstrom((await t.call('GET', `/api/experiments/${reply.body.experiment.id}/results`)).body);

    const { id } = await runImportCommand(database(), files.hillstrom, { ...hillstrom(site.id), key: 'hillstrom-again' });
    expectHillstrom((await t.call('GET', `/api/experiments/${id}/results`)).body);
    await expectConsistent(database());
  });
});

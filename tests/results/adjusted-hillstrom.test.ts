// The adjusted figures through the real import and results API, on the real hillstrom data set:
// imported with zip_code and newbie as segment columns, the results asked for strata
// zip_code × newbie, every post-stratified figure equals statsmodels' (Lin's fully interacted OLS
// with HC2 errors, tests/stats/fixtures/make_poststrat_fixtures.py) to 1e-9, for both e-mail arms
// on spend, conversion and visits; and the segments section breaks each metric down by level.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { readDataset } from '../helpers/fixture-files.js';
import { createSite } from '../helpers/fixtures.js';
import { postImport, removeTempCsvs } from '../imports/helpers.js';

interface FixtureEffect { estimate: number; standardError: number; lower?: number; upper?: number; pValue?: number }
interface FixtureCase {
  name: string;
  kind: 'binary' | 'continuous';
  expected: { adjusted: FixtureEffect; raw: FixtureEffect; relative: FixtureEffect; varianceReduction: number };
}
const FIXTURE: { poststrat: FixtureCase[] } = JSON.parse(readFileSync(new URL('../stats/fixtures/poststrat.json', import.meta.url), 'utf8'));
/** The fixture names its column; the import maps it to this metric. */
const METRIC_OF: Record<string, string> = { spend: 'revenue', conversion: 'purchased', visit: 'clicked' };
const SLOW = 60_000;

let csv = '';
beforeAll(() => {
  csv = readDataset('hillstrom.csv').toString('utf8');
});
afterAll(removeTempCsvs);

function expectClose(actual: number | null, expected: number, what: string): void {
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected) / Math.max(1e-300, Math.abs(expected)), `${what}: ${actual} against ${expected}`).toBeLessThan(1e-9);
}

describeEachDialect('adjusted figures on hillstrom', (database) => {
  it('match statsmodels\' Lin OLS with HC2 errors for strata zip_code × newbie, raw figures beside them', { timeout: SLOW }, async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const values = { site: site.id, key: 'hillstrom', arm: 'segment', control: 'No E-Mail', metric: ['spend=revenue', 'conversion=purchased', 'visit=clicked'], segment: ['zip_code', 'newbie'] };
    const imported = await postImport(t, values, csv);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const experiment = imported.body.experiment;
    const reply = await t.call('GET', `/api/experiments/${experiment.id}/results?strata=zip_code,newbie`);
    expect(reply.status).toBe(200);
    const { adjusted, variants } = reply.body;
    expect(adjusted).toMatchObject({ available: true, reason: null, strata: ['zip_code', 'newbie'], cells: 6 });

    let checked = 0;
    for (const fixture of FIXTURE.poststrat.filter((c) => c.name.includes('zip_code × newbie'))) {
      const [, column, ...rest] = fixture.name.split(' ');
      const armName = rest.join(' ').split(',')[0]!;
      const variant = variants.find((v: { name: string }) => v.name === armName);
      const metric = adjusted.metrics.find((m: { metric: string }) => m.metric === METRIC_OF[column!]);
      const comparison = metric.comparisons.find((c: { variant: string }) => c.variant === variant.key);
      const { expected } = fixture;
      for (const field of ['estimate', 'standardError', 'lower', 'upper', 'pValue'] as const) {
        expectClose(comparison.adjusted[field], expected.adjusted[field]!, `${fixture.name} adjusted ${field}`);
      }
      expectClose(comparison.raw.estimate, expected.raw.estimate, `${fixture.name} raw estimate`);
      expectClose(comparison.raw.standardError, expected.raw.standardError, `${fixture.name} raw SE`);
      expectClose(comparison.relative.estimate, expected.relative.estimate, `${fixture.name} relative`);
      expectClose(comparison.relative.standardError, expected.relative.standardError, `${fixture.name} relative SE`);
      expect(Math.abs(comparison.varianceReduction - expected.varianceReduction)).toBeLessThan(1e-9);
      checked++;
    }
    expect(checked).toBe(6);

    // Without strata asked for, the most dimensions that qualify: both, here.
    const chosen = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body.adjusted;
    expect([...chosen.strata].sort()).toEqual(['newbie', 'zip_code']);
    // A dimension no visitor has is refused in words, not with an error.
    const unknown = (await t.call('GET', `/api/experiments/${experiment.id}/results?strata=region`)).body.adjusted;
    expect(unknown).toMatchObject({ available: false, metrics: [] });
    expect(unknown.reason).toMatch(/"region"/);

    // Segments: the imported columns, each level of the primary metric (spend) for both e-mail arms, corrected.
    const { segments } = reply.body;
    expect(segments.dimensions.map((d: { name: string }) => d.name)).toEqual(['newbie', 'zip_code']);
    expect(segments.visitorsWithSegment).toBe(64_000);
    const zip = segments.dimensions.find((d: { name: string }) => d.name === 'zip_code');
    expect(zip.levels.map((l: { level: string }) => l.level)).toEqual(['Rural', 'Surburban', 'Urban']);
    expect(zip.metrics.map((m: { metric: string }) => m.metric)).toEqual(['revenue']);
    // 2 dimensions' levels (2 + 3) × 2 arms × 1 metric.
    expect(segments.tests).toBe(10);
    for (const comparison of zip.metrics[0].comparisons) {
      expect(comparison.levels).toHaveLength(3);
      for (const level of comparison.levels) expect(level.adjustedPValue).toBeGreaterThanOrEqual(level.absolute.pValue);
      expect(comparison.interaction.df).toBe(2);
    }
  });
});

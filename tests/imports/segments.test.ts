// Imports that name segment columns: hillstrom's zip_code × newbie through the route and the
// command, whose segment sums per (arm, cell) equal the counts and sums computed straight from the
// CSV; and the refusals, each a 400 naming the column or option at fault.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../server/db/connect.js';
import { readSegmentSums } from '../../server/results/read-segment-sums.js';
import { decodeCell } from '../../server/segments/cell.js';
import { buildTestApp } from '../helpers/app.js';
import { readDataset } from '../helpers/fixture-files.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite } from '../helpers/fixtures.js';
import { expectConsistent, postImport, removeTempCsvs, runImportCommand, tempCsv, type ImportValues } from './helpers.js';

const SLOW = 60_000;
let csv = '';
let file = '';
beforeAll(() => {
  csv = readDataset('hillstrom.csv').toString('utf8');
  file = tempCsv(csv, 'hillstrom.csv');
});
afterAll(removeTempCsvs);

const hillstrom = (site: string, extra: ImportValues = {}): ImportValues => ({
  site,
  key: 'hillstrom',
  arm: 'segment',
  control: 'No E-Mail',
  metric: ['visit=clicked', 'conversion=purchased', 'spend=revenue'],
  segment: ['zip_code', 'newbie'],
  ...extra,
});

interface Expected {
  n: number;
  visit: number;
  conversion: number;
  spend: number;
  spend2: number;
}

/** Per arm value, then per "zip_code|newbie": what the CSV itself says, summed here without Candor. */
function sumsFromCsv(): Map<string, Map<string, Expected>> {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const at = (name: string) => header!.split(',').indexOf(name);
  const [arm, zip, newbie, visit, conversion, spend] = ['segment', 'zip_code', 'newbie', 'visit', 'conversion', 'spend'].map(at);
  const out = new Map<string, Map<string, Expected>>();
  for (const line of lines) {
    // A few rows quote a field holding a comma ("7) $1,000 +"): split outside quotes only.
    const f = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const byCell = out.get(f[arm!]!) ?? out.set(f[arm!]!, new Map()).get(f[arm!]!)!;
    const key = `${f[zip!]}|${f[newbie!]}`;
    const cell = byCell.get(key) ?? byCell.set(key, { n: 0, visit: 0, conversion: 0, spend: 0, spend2: 0 }).get(key)!;
    cell.n++;
    cell.visit += +f[visit!]!;
    cell.conversion += +f[conversion!]!;
    cell.spend += +f[spend!]!;
    cell.spend2 += (+f[spend!]!) ** 2;
  }
  return out;
}

async function expectSumsOfCsv(db: Db, experiment: any) {
  const expected = sumsFromCsv();
  const { cells } = await readSegmentSums(db, experiment.id);
  expect(cells.size).toBe(3);
  let cellsSeen = 0;
  for (const variant of experiment.variants) {
    const want = expected.get(variant.name)!;
    const got = cells.get(variant.id)!;
    expect(got.size).toBe(want.size);
    for (const [cell, byMetric] of got) {
      const levels = decodeCell(cell);
      expect(Object.keys(levels).sort()).toEqual(['newbie', 'zip_code']);
      const w = want.get(`${levels.zip_code}|${levels.newbie}`)!;
      expect(byMetric.get('clicked')).toMatchObject({ n: w.n, sumX: w.visit, sumX2: w.visit });
      expect(byMetric.get('purchased')).toMatchObject({ n: w.n, sumX: w.conversion });
      expect(byMetric.get('revenue')!.n).toBe(w.n);
      expect(byMetric.get('revenue')!.sumX).toBeCloseTo(w.spend, 6);
      expect(byMetric.get('revenue')!.sumX2).toBeCloseTo(w.spend2, 4);
      cellsSeen++;
    }
  }
  // Three arms × (3 zip codes × 2 newbie values).
  expect(cellsSeen).toBe(18);
}

describeEachDialect('imports with segment columns', (database) => {
  it('writes hillstrom\'s zip_code × newbie cells through the route: the segment sums are the CSV\'s own counts and sums', { timeout: SLOW }, async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const reply = await postImport(t, hillstrom(site.id), csv);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    await expectSumsOfCsv(database().db, reply.body.experiment);
    const fact = await database().db.selectFrom('visitorFacts').select('segment').where('visitorId', '=', 'row-1').executeTakeFirstOrThrow();
    // Row 1 of the file: Surburban, newbie 0.
    expect(fact.segment).toBe('newbie=0&zip_code=Surburban');
    const report = await expectConsistent(database());
    const { cells } = await readSegmentSums(database().db, reply.body.experiment.id);
    const rows = [...cells.values()].flatMap((byCell) => [...byCell.values()]).reduce((sum, byMetric) => sum + byMetric.size, 0);
    expect(report.segmentSumRows).toBe(rows);
  });

  it('takes --segment on the command line too', { timeout: SLOW }, async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const { id } = await runImportCommand(database(), file, hillstrom(site.id));
    const experiment = (await t.call('GET', `/api/experiments/${id}`)).body;
    await expectSumsOfCsv(database().db, experiment);
  });

  it('refuses a fifth segment column, a column of more than 50 values, a value breaking the text rule or too long, a missing column and a column used twice', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const five = await postImport(t, hillstrom(site.id, { segment: ['zip_code', 'newbie', 'channel', 'mens', 'womens'] }), csv);
    expect(five.status).toBe(400);
    expect(five.body.error).toMatchObject({ code: 'invalid_field', field: 'segment' });
    expect(five.body.error.message).toMatch(/at most 4 segment columns/);

    const history = await postImport(t, hillstrom(site.id, { segment: ['history'] }), csv);
    expect(history.status).toBe(400);
    expect(history.body.error).toMatchObject({ code: 'invalid_csv', field: 'segment' });
    expect(history.body.error.message).toMatch(/segment column "history" has more than 50 distinct values/);

    // The CSV reader holds every field to the text rule; a segment value is also capped in length.
    const nul = await postImport(t, { site: site.id, key: 'nul', arm: 'arm', control: 'A', metric: 'clicked=clicked', segment: 'tier' }, 'arm,clicked,tier\nA,1,gold\nB,0,bad\u0000tier\n');
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/line 3: .*NUL/);
    const long = await postImport(t, { site: site.id, key: 'long', arm: 'arm', control: 'A', metric: 'clicked=clicked', segment: 'tier' }, `arm,clicked,tier\nA,1,gold\nB,0,${'x'.repeat(121)}\n`);
    expect(long.status).toBe(400);
    expect(long.body.error).toMatchObject({ code: 'invalid_csv', field: 'segment' });
    expect(long.body.error.message).toMatch(/line 3: the value in segment column "tier" must be 1–120 characters/);

    const missing = await postImport(t, hillstrom(site.id, { segment: 'region' }), csv);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'invalid_csv', field: 'segment' });
    expect(missing.body.error.message).toMatch(/no column "region"/);

    const twice = await postImport(t, hillstrom(site.id, { segment: ['segment'] }), csv);
    expect(twice.body.error).toMatchObject({ code: 'invalid_field', field: 'segment[0]' });
    // Nothing was written by any of them.
    expect(await database().db.selectFrom('segmentSums').selectAll().execute()).toEqual([]);
  });

  it('leaves a dimension unknown where its cell is empty, and a visitor with no value at all outside every cell', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const small = 'arm,clicked,tier,region\nA,1,gold,north\nB,0,,south\nA,1,,\nB,1,gold,north\n';
    const reply = await postImport(t, { site: site.id, key: 'tiers', arm: 'arm', control: 'A', metric: 'clicked=clicked', segment: ['tier', 'region'] }, small);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const facts = await database().db.selectFrom('visitorFacts').select(['visitorId', 'segment']).orderBy('visitorId').execute();
    expect(facts).toEqual([
      { visitorId: 'row-1', segment: 'region=north&tier=gold' },
      { visitorId: 'row-2', segment: 'region=south' },
      { visitorId: 'row-3', segment: '' },
      { visitorId: 'row-4', segment: 'region=north&tier=gold' },
    ]);
    const { cells } = await readSegmentSums(database().db, reply.body.experiment.id);
    const [a, b] = reply.body.experiment.variants.map((variant: any) => cells.get(variant.id));
    expect([...a.keys()]).toEqual(['region=north&tier=gold']);
    expect([...b.keys()].sort()).toEqual(['region=north&tier=gold', 'region=south']);
  });
});

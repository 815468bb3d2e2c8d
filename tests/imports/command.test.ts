// The `import` command's function on a small file, how it refuses, and `verify` on an imported
// experiment: its facts are its source, so only its sums are checked, and a tampered sum is found.
import { afterAll, expect, it } from 'vitest';
import { UsageError } from '../../server/cli/command.js';
import { COMMANDS } from '../../server/cli/commands.js';
import { verifyCommand } from '../../server/cli/verify.js';
import { verifyConsistency } from '../../server/collect/verify.js';
import { loadConfig } from '../../server/config.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';
import { createSite } from '../helpers/fixtures.js';
import { armEvent, runningSetup, send } from '../collect/helpers.js';
import { removeTempCsvs, runImportCommand, tempCsv, type ImportValues } from './helpers.js';

const CSV = 'user,variant,clicked,revenue\nu1,control,1,10\nu2,treatment,0,0\nu3,treatment,1,25.5\nu4,control,0,0\nu4,treatment,1,3\n';

afterAll(removeTempCsvs);

const values = (site: string, extra: ImportValues = {}): ImportValues => ({
  site,
  key: 'past',
  visitor: 'user',
  arm: 'variant',
  control: 'control',
  metric: ['clicked=clicked', 'revenue=revenue'],
  ...extra,
});

async function verifyLines(database: TestDatabase) {
  const lines: string[] = [];
  await verifyCommand({ db: database.db, dialect: database.dialect, config: loadConfig({}), out: (line) => lines.push(line), now: Date.now });
  return lines;
}

describeEachDialect('the import command', (database) => {
  it('imports a file, names the experiment after it and prints what it kept and dropped', async () => {
    const site = await createSite(buildTestApp(database()));
    const { lines } = await runImportCommand(database(), tempCsv(CSV, 'spring-sale.csv'), values(site.id));
    expect(lines[0]).toMatch(/^Imported spring-sale\.csv as the stopped experiment "past" \(id [0-9a-f-]{36}\)\.$/);
    expect(lines.slice(1)).toEqual([
      'Rows read: 5; kept: 4; dropped by --arm-filter: 0; duplicate visitors dropped (first row kept): 1.',
      'Visitors per arm:',
      '  control (control): 2',
      '  treatment: 2',
      expect.stringMatching(/^Its results: GET \/api\/experiments\/[0-9a-f-]{36}\/results$/),
    ]);
    const row = await database().db.selectFrom('experiments').select(['name', 'status']).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'spring-sale', status: 'stopped' });
  });

  it('refuses bad options as misuse, naming the option, and a missing file or a taken key as failures', async () => {
    const site = await createSite(buildTestApp(database()));
    const file = tempCsv(CSV);
    await expect(runImportCommand(database(), file, values(site.id, { metric: 'clicked=clicks:' }))).rejects.toThrow(UsageError);
    await expect(runImportCommand(database(), file, values(site.id, { metric: ['a=clicked', 'b=clicked'] }))).rejects.toThrow(/^--metric #2: clicked is mapped twice$/);
    await expect(runImportCommand(database(), `${file}.missing`, values(site.id))).rejects.toThrow(/^There is no file /);
    await runImportCommand(database(), file, values(site.id));
    await expect(runImportCommand(database(), file, values(site.id))).rejects.toThrow('The site already has an experiment with key "past".');
    await expect(runImportCommand(database(), tempCsv('user,variant\n'), values(site.id, { key: 'other' }))).rejects.toThrow(/no column "clicked"/);
  });

  it('declares its arguments for the command line: one file and the options', () => {
    const command = COMMANDS.import!;
    expect(command.args?.positionals).toEqual({ min: 1, max: 1 });
    expect(command.args?.options.metric).toEqual({ type: 'string', multiple: true });
    expect(command.args?.usage).toMatch(/^import FILE\.csv --site SITE_ID --key KEY/);
  });
});

describeEachDialect('verify with imported experiments', (database) => {
  it('passes after an import, checking its sums against its facts and reporting none of them as differences', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await runningSetup(t);
    // A live experiment beside it, whose facts are still rebuilt from its events.
    for (const visitor of ['live-1', 'live-2']) await send(t, site, visitor, [armEvent(experiment, visitor, 'exposure', t.clock.now - 1000)]);
    await runImportCommand(database(), tempCsv(CSV), values(site.id));
    const report = await verifyConsistency(database().db);
    expect(report).toMatchObject({ visitors: 2, facts: 6, importedFacts: 4, factDifferences: [], sumDifferences: [] });
    expect(await verifyLines(database())).toEqual([
      expect.stringMatching(/^Checked 2 visitors, 6 stored facts, \d+ daily sum rows and \d+ segment sum rows against the raw events\.$/),
      'Of those facts, 4 belong to imported experiments, which have no raw events: their sums were checked against them.',
      'Everything matches.',
    ]);
  });

  it('still finds a tampered sum of an imported experiment, and a fact changed under its sums', async () => {
    const site = await createSite(buildTestApp(database()));
    const { id } = await runImportCommand(database(), tempCsv(CSV), values(site.id));
    const db = database().db;
    await db.updateTable('variantDailySums').set((eb) => ({ sumX: eb('sumX', '+', 1) })).where('experimentId', '=', id).where('metric', '=', 'revenue').execute();
    let report = await verifyConsistency(db);
    expect(report.factDifferences).toEqual([]);
    expect(report.sumDifferences.map((difference) => difference.metric)).toEqual(['revenue', 'revenue']);
    await expect(verifyLines(database())).rejects.toThrow(/Found 0 fact and 2 sum differences/);

    await db.updateTable('variantDailySums').set((eb) => ({ sumX: eb('sumX', '-', 1) })).where('experimentId', '=', id).where('metric', '=', 'revenue').execute();
    await db.updateTable('visitorFacts').set({ purchased: 1 }).where('experimentId', '=', id).where('visitorId', '=', 'u1').execute();
    report = await verifyConsistency(db);
    // purchased is read by two metrics: purchases, and revenue per buyer's denominator.
    expect(report.sumDifferences.map((difference) => difference.metric)).toEqual(['purchased', 'revenue_per_buyer']);
  });
});

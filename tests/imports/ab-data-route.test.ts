// ab_data (16 MB, 294,478 rows) streamed to the route in 1 MB chunks, as an upload arrives: the
// same cleaning and the same reference figures as through the command (real-data.test.ts), and
// `verify` after it. A file of its own so it runs beside the other data sets.
import { beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { readDataset } from '../helpers/fixture-files.js';
import { createSite } from '../helpers/fixtures.js';
import { expectConsistent, postImport } from './helpers.js';
import { expectBayes, expectProportions, expectSrm, metricOf } from './reference-checks.js';

let abData: Buffer;
beforeAll(() => {
  abData = readDataset('ab_data.csv');
});

function inChunks(bytes: Buffer, size = 1024 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, (offset += size))));
    },
  });
}

describeEachDialect('importing ab_data through the route', (database) => {
  it('streams the upload, cleans it to 290,584 users and reproduces the reference figures', { timeout: 60_000 }, async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const reply = await postImport(
      t,
      {
        site: site.id,
        key: 'landing-page',
        name: 'New landing page',
        visitor: 'user_id',
        arm: 'group',
        control: 'control',
        metric: 'converted=purchased:conversion',
        'arm-filter': ['landing_page:control=old_page', 'landing_page:treatment=new_page'],
      },
      inChunks(abData),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.report).toEqual({
      rowsRead: 294_478,
      rowsKept: 290_584,
      droppedByFilter: 3_893,
      duplicateVisitors: 1,
      visitorsPerArm: { control: 145_274, treatment: 145_310 },
    });

    const doc = (await t.call('GET', `/api/experiments/${reply.body.experiment.id}/results`)).body;
    expect(doc.experiment).toMatchObject({ name: 'New landing page', imported: true });
    expectSrm(doc, 'ab_data 50/50');
    expectProportions(metricOf(doc, 'conversion'), 'control', 'treatment', 'ab_data converted');
    expectBayes(metricOf(doc, 'conversion'), 'treatment', 'ab_data converted', 'proportions');
    // No day column: every visitor is in one cohort, the day of the import.
    expect(doc.series).toHaveLength(1);
    await expectConsistent(database());
  });
});

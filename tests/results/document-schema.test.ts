// The results document is what its schema declares: real answers of GET …/results, for a running,
// a stopped, an imported and an empty experiment, parse with resultsDocumentSchema, and every
// figure the data cannot give is null (never NaN, never a number made up).
import { expect, it } from 'vitest';
import { resultsDocumentSchema } from '../../server/results/document-schema.js';
import { withNullFigures } from '../../server/results/null-figures.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, variantBody } from '../helpers/fixtures.js';
import { postImport } from '../imports/helpers.js';
import { armEvent, armOf, event, runningSetup, send } from '../collect/helpers.js';

async function resultsOf(t: TestApp, experimentId: string) {
  const reply = await t.call('GET', `/api/experiments/${experimentId}/results`);
  expect(reply.status).toBe(200);
  const parsed = resultsDocumentSchema.safeParse(reply.body);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 5))).toBe(true);
  return reply.body;
}

/** 40 visitors: exposures, and an add-to-cart for every third. */
async function someTraffic(t: TestApp) {
  const setup = await runningSetup(t);
  for (let i = 0; i < 40; i++) {
    const visitor = `visitor-${i}`;
    const events = [armEvent(setup.experiment, visitor, 'exposure', t.clock.now - 60_000)];
    if (i % 3 === 0) events.push(event('add_to_cart', t.clock.now - 1000, { value: 90 }));
    expect((await send(t, setup.site, visitor, events)).status).toBe(202);
  }
  return setup;
}

describeEachDialect('the results document against its declared schema', (database) => {
  it('declares a running experiment with traffic, every section filled', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { site, experiment } = await someTraffic(t);
    const doc = await resultsOf(t, experiment.id);
    expect(doc.experiment).toMatchObject({ id: experiment.id, siteId: site.id, status: 'running' });
    expect(doc.peekingSafe).toBe(true);
    expect(doc.variants.map((v: { key: string; mediaType: string }) => [v.key, v.mediaType])).toEqual(
      experiment.variants.map((v: { key: string; media: { type: string } }) => [v.key, v.media.type]),
    );
    expect(doc.summary.text.length).toBeGreaterThan(0);
    expect(doc.distributions.video.map((arm: { exposed: number }) => arm.exposed).reduce((a: number, b: number) => a + b, 0)).toBe(40);
  });

  it('declares a stopped experiment, read with the fixed-horizon figures', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { experiment } = await someTraffic(t);
    await setStatus(t, experiment.id, 'stopped');
    const doc = await resultsOf(t, experiment.id);
    expect(doc.peekingSafe).toBe(false);
    expect(doc.headlines.length).toBeGreaterThan(0);
  });

  it('declares an experiment with no visitors: every figure it cannot give is null, not NaN', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, {
      variants: [variantBody('photo', { control: true }), variantBody('video', { media: { type: 'video', url: 'https://cdn.aurum.example/v.mp4', alt: 'A ring' } })],
    });
    await setStatus(t, experiment.id, 'running');
    const doc = await resultsOf(t, experiment.id);
    expect(doc.summary).toEqual({ verdict: 'no-data', text: expect.stringContaining('No visitors yet') });
    expect(doc.videoArms).toEqual(['video']);
    const comparison = doc.metrics[0].comparisons[0];
    expect(comparison.relative.estimate).toBeNull();
    expect(comparison.verdict).toBe('no-data');
    expect(doc.health.srm.pValue).toBeNull();
  });

  it('declares an imported test, with the video arms its own metrics name', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const csv = ['id,arm,bought,watched', '1,a,1,0', '2,a,0,25', '3,b,1,100', '4,b,0,50'].join('\n');
    const imported = await postImport(t, { site: site.id, key: 'past', visitor: 'id', arm: 'arm', control: 'a', metric: ['bought=purchased', 'watched=watch_pct'] }, csv);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const doc = await resultsOf(t, imported.body.experiment.id);
    expect(doc.experiment.imported).toBe(true);
    expect(doc.videoArms).toEqual(['a', 'b']);
  });
});

it('turns every non-finite figure into null, at any depth, and leaves the rest alone', () => {
  const input = { a: NaN, b: [1, Infinity, { c: -Infinity, d: 'x', e: null, f: true }], g: 0 } as never;
  expect(withNullFigures(input)).toEqual({ a: null, b: [1, null, { c: null, d: 'x', e: null, f: true }], g: 0 });
});

it('rejects a document whose always-present figure is missing', () => {
  expect(resultsDocumentSchema.safeParse({}).success).toBe(false);
});

// POST /api/experiments/import on small files: what it makes (a stopped experiment with arms
// that have no creative, labels, cohort days, the import's report), how it cleans (filters,
// duplicates, unanswered cells), and how it refuses, storing nothing.
import { expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite, setStatus } from '../helpers/fixtures.js';
import { postImport, type ImportValues } from './helpers.js';

const NOW = Date.UTC(2026, 10, 24, 12);

const PAST_TEST = [
  'visitor,group,page,bought,spend,when',
  'v1,old,a,TRUE,20.5,2025-03-01 09:00:00',
  'v2,new,b,false,,2025-03-01 10:00:00',
  'v3,new,b,yes,12,2025-03-02 23:59:59',
  'v4,old,a,0,0,2025-03-02 08:00:00',
  'v2,old,a,1,99,2025-03-03 08:00:00', // v2 again: the first row wins
  'v5,new,a,1,50,2025-03-02 12:00:00', // new arm on the old page: dropped by the filter
  'v6,old,a,1,5,2025-03-01 11:00:00',
].join('\r\n');

const options = (site: string, extra: ImportValues = {}): ImportValues => ({
  site,
  key: 'spring-banner',
  visitor: 'visitor',
  arm: 'group',
  control: 'old',
  metric: ['bought=purchased:bought', 'spend=revenue'],
  'arm-filter': 'page:new=b',
  origin: 'new=ai',
  disclosure: 'new=label',
  day: 'when',
  ...extra,
});

async function setup(database: Parameters<typeof buildTestApp>[0]) {
  const t = buildTestApp(database, { clock: { now: NOW } });
  return { t, site: await createSite(t) };
}

async function experimentCount(t: TestApp, siteId: string): Promise<number> {
  return (await t.call('GET', `/api/sites/${siteId}/experiments`)).body.experiments.length;
}

describeEachDialect('POST /api/experiments/import', (database) => {
  it('makes a stopped experiment from the file, with the arms, labels, days and report it read', async () => {
    const { t, site } = await setup(database());
    const reply = await postImport(t, options(site.id), PAST_TEST);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.report).toEqual({ rowsRead: 7, rowsKept: 5, droppedByFilter: 1, duplicateVisitors: 1, visitorsPerArm: { old: 3, new: 2 } });
    const experiment = reply.body.experiment;
    expect(experiment).toMatchObject({
      key: 'spring-banner',
      name: 'spring-banner',
      status: 'stopped',
      importedAt: NOW,
      startedAt: Date.UTC(2025, 2, 1, 9),
      stoppedAt: Date.UTC(2025, 2, 2, 23, 59, 59),
      primaryMetric: 'purchased',
      guardrailMetrics: [],
      plannedSampleSize: 5,
      metricLabels: { purchased: 'bought', revenue: 'spend' },
    });
    expect(experiment.seed).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(experiment.variants).toEqual([
      expect.objectContaining({ key: 'old', name: 'old', control: true, origin: 'traditional', disclosure: { style: 'none', text: null, position: null, showForSeconds: null }, media: { type: 'image', url: '', poster: null, alt: '', width: null, height: null } }),
      expect.objectContaining({ key: 'new', name: 'new', control: false, origin: 'ai', disclosure: { style: 'label', text: 'Made with AI', position: 'bottom-left', showForSeconds: null } }),
    ]);
    expect(await t.call('GET', `/api/experiments/${experiment.id}`)).toMatchObject({ status: 200, body: { id: experiment.id, importedAt: NOW } });

    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    expect(doc.experiment).toMatchObject({ imported: true, importedAt: NOW, status: 'stopped' });
    expect(doc.metrics.map((metric: any) => [metric.metric, metric.label, metric.role])).toEqual([
      ['purchased', 'bought', 'primary'],
      ['revenue', 'spend', 'secondary'],
    ]);
    const bought = doc.metrics[0];
    expect(bought.arms.map((arm: any) => [arm.variant, arm.n, arm.estimate])).toEqual([['old', 3, 2 / 3], ['new', 2, 1 / 2]]);
    expect(doc.metrics[1].arms.map((arm: any) => arm.estimate)).toEqual([(20.5 + 0 + 5) / 3, (0 + 12) / 2]);
    expect(doc.headlines[0].sentence).toMatch(/^“new” changed bought by −25\.0% against “old”/);
    expect(doc.series.map((day: any) => [day.date, day.arms.map((arm: any) => arm.n)])).toEqual([
      ['2025-03-01', [2, 1]],
      ['2025-03-02', [3, 2]],
    ]);
  });

  it('counts an empty trust cell as a visitor who was not asked, and puts every row on the import day without a day column', async () => {
    const { t, site } = await setup(database());
    const csv = 'id,arm,trust\n1,a,4\n2,a,\n3,b,2\n4,b,5\n5,b,\n';
    const reply = await postImport(t, { site: site.id, key: 'trust', visitor: 'id', arm: 'arm', control: 'a', metric: 'trust=trust:stated trust' }, csv);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.experiment).toMatchObject({ startedAt: NOW, stoppedAt: NOW });
    const doc = (await t.call('GET', `/api/experiments/${reply.body.experiment.id}/results`)).body;
    expect(doc.variants.map((variant: any) => variant.visitors)).toEqual([2, 3]);
    expect(doc.metrics[0].arms.map((arm: any) => [arm.n, arm.estimate])).toEqual([[1, 4], [2, 3.5]]);
    expect(doc.series.map((day: any) => day.date)).toEqual(['2026-11-24']);
  });

  it('takes a body over the admin API\'s 256 KB limit', async () => {
    const { t, site } = await setup(database());
    const rows = Array.from({ length: 30_000 }, (_, i) => `visitor-${i},${i % 2 ? 'b' : 'a'},${i % 3 === 0 ? 1 : 0}`);
    const csv = ['id,arm,clicked', ...rows].join('\n');
    expect(csv.length).toBeGreaterThan(256 * 1024);
    const reply = await postImport(t, { site: site.id, key: 'big', visitor: 'id', arm: 'arm', control: 'a', metric: 'clicked=clicked' }, csv);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.report.rowsKept).toBe(30_000);
  });

  it('leaves an imported experiment stopped: it cannot start, but can be archived', async () => {
    const { t, site } = await setup(database());
    const { id } = (await postImport(t, options(site.id), PAST_TEST)).body.experiment;
    expect((await setStatus(t, id, 'running')).body.error.code).toBe('invalid_transition');
    expect((await setStatus(t, id, 'archived')).body.status).toBe('archived');
  });

  it.each([
    ['a ragged row', 'visitor,group,page,bought,spend,when\nv1,old,a,1,2\n', {}, /^line 2: the row has 5 fields, but the header has 6$/],
    ['a word in a numeric column', PAST_TEST.replace('20.5', 'twenty'), {}, /^line 2: column "spend" \(revenue, a numeric metric\) holds "twenty", not a number$/],
    ['a yes/no cell it cannot read', PAST_TEST.replace('yes', 'perhaps'), {}, /^line 4: column "bought" .* holds "perhaps"/],
    ['an unknown column', PAST_TEST, { metric: 'bougth=purchased' }, /^line 1: there is no column "bougth" \(given in --metric\); the header has "visitor", "group", /],
    ['a bad day', PAST_TEST.replace('2025-03-02 08:00:00', '03/02/2025'), {}, /^line 5: column "when" holds "03\/02\/2025", not a date/],
    ['a control no kept row is in', PAST_TEST, { control: 'Old' }, /^--control names arm "Old", but no kept row is in it; the arms are "old", "new"\.$/],
    ['a file with one arm', 'id,arm,x\n1,a,1\n2,a,0\n', { visitor: 'id', arm: 'arm', control: 'a', metric: 'x=clicked', 'arm-filter': [], origin: [], disclosure: [], day: [] }, /holds one arm only/],
    ['an empty file', '', {}, /^The file is empty/],
    ['an unclosed quote', 'visitor,group,bought\nv0,old,1\n"v1,old,1\nv2,new,0\n', { metric: 'bought=purchased', 'arm-filter': [], origin: [], disclosure: [], day: [] }, /^line 3: a quoted field is never closed$/],
  ])('answers 400 invalid_csv to %s, naming where, and stores nothing', async (_, csv, change, message) => {
    const { t, site } = await setup(database());
    const values = Object.fromEntries(Object.entries(options(site.id, change as ImportValues)).filter(([, value]) => !(Array.isArray(value) && value.length === 0)));
    const reply = await postImport(t, values, csv);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_csv');
    expect(reply.body.error.message).toMatch(message);
    expect(await experimentCount(t, site.id)).toBe(0);
  });

  it('refuses an arm column with more than 64 values', async () => {
    const { t, site } = await setup(database());
    const csv = ['id,arm,x', ...Array.from({ length: 70 }, (_, i) => `${i},arm-${i},1`)].join('\n');
    const reply = await postImport(t, { site: site.id, key: 'ids', visitor: 'id', arm: 'arm', control: 'arm-0', metric: 'x=clicked' }, csv);
    expect(reply.body.error).toMatchObject({ code: 'invalid_csv', message: expect.stringMatching(/^line 66: column "arm" has more than 64 distinct values/) });
  });

  it('refuses bad options with 400 invalid_field naming the option, before reading the body', async () => {
    const { t, site } = await setup(database());
    const reply = await postImport(t, options(site.id, { metric: 'bought=sales' }), PAST_TEST);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field: 'metric[0]' });
    expect((await postImport(t, { ...options(site.id), colour: 'red' }, PAST_TEST)).body.error).toMatchObject({ code: 'invalid_field', field: 'colour' });
  });

  it('answers 409 key_taken for a key the site uses, 404 for an unknown site, and stores nothing more', async () => {
    const { t, site } = await setup(database());
    expect((await postImport(t, options(site.id), PAST_TEST)).status).toBe(201);
    expect((await postImport(t, options(site.id), PAST_TEST)).body.error).toMatchObject({ code: 'key_taken', field: 'key' });
    expect((await postImport(t, options('no-such-site'), PAST_TEST)).body.error).toMatchObject({ code: 'not_found', field: 'site' });
    expect(await experimentCount(t, site.id)).toBe(1);
  });

  it('answers 415 to a body that is not text/csv, 413 to one declared over 200 MB, and 401 without the token', async () => {
    const { t, site } = await setup(database());
    expect((await postImport(t, options(site.id), PAST_TEST, { 'content-type': 'application/json' })).body.error.code).toBe('unsupported_media_type');
    const huge = await postImport(t, options(site.id), PAST_TEST, { 'content-type': 'text/csv', 'content-length': String(201 * 1024 * 1024) });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    const anonymous = await t.app.request(`/api/experiments/import?site=${site.id}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: PAST_TEST });
    expect(anonymous.status).toBe(401);
  });
});

// The dashboard's pure parts, in Node: the CSV export (safe against formula injection), the
// editor's body (which the API's own schema must accept), the routes, the one-line answer; and
// the size of what a browser downloads.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyFromForm, formFromExperiment, newExperimentForm } from '../../client/dashboard/experiments/experiment-form.js';
import { previewPath } from '../../client/dashboard/experiments/preview-path.js';
import { importQuery, keyFromFileName } from '../../client/dashboard/imports/import-form.js';
import { parseCsvText as parseCsv } from '../../server/imports/csv.js';
import { csvCell, resultsToCsv } from '../../client/dashboard/results/csv.js';
import { guardrailAlarms } from '../../server/results/summary.js';
import { parseRoute, paths } from '../../client/dashboard/router.js';
import { defaultAssetsDir } from '../../server/assets.js';
import { experimentInput } from '../../server/experiments/experiment-input.js';
import { previewQuery, previewVariant, withoutEmpty } from '../../server/preview/preview-input.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, variantBody } from '../helpers/fixtures.js';

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['Studio photo', '"Studio photo"'],
    ['<img src=x onerror=alert(1)>', '"<img src=x onerror=alert(1)>"'],
  ])('quotes %j and defuses it if a spreadsheet would run it', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes numbers plain, negative ones included, and leaves a missing figure empty', () => {
    expect(csvCell(-0.031)).toBe('"-0.031"');
    expect(csvCell(12)).toBe('"12"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(NaN)).toBe('""');
    expect(csvCell(true)).toBe('"true"');
  });
});

describeEachDialect('CSV export of a real results document', (database) => {
  it('has one row per metric and arm, every cell quoted, hostile names defused', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, {
      variants: [variantBody('studio', { control: true, name: '=cmd|" /C calc"!A0' }), variantBody('ai', { name: '@evil', origin: 'ai', disclosure: { style: 'label' } })],
    });
    await setStatus(t, experiment.id, 'running');
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    const csv = resultsToCsv(doc);
    const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
    expect(rows[0]![0]).toBe('experiment');
    expect(rows).toHaveLength(1 + doc.metrics.length * 2);
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(csv).toContain(`"'@evil"`);
    for (const line of csv.replace(/^\uFEFF/, '').trim().split('\r\n')) expect(line).toMatch(/^"(?:[^"]|"")*"(,"(?:[^"]|"")*")*$/);
  });

  it('names the test behind each p-value and its adjustment: always-valid while running, the kind\'s own test once stopped', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, { primaryMetric: 'purchased', guardrailMetrics: ['revenue'] });
    await setStatus(t, experiment.id, 'running');
    const column = (csv: string, name: string, metric: string) => {
      const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
      const header = rows[0]!;
      const row = rows.find((cells) => cells[header.indexOf('metric')] === metric && cells[header.indexOf('control')] === 'false')!;
      return row[header.indexOf(name)];
    };
    const running = resultsToCsv((await t.call('GET', `/api/experiments/${experiment.id}/results`)).body);
    expect(column(running, 'p_value_test', 'purchased')).toBe('always-valid (peeking-safe) test of the relative lift');
    expect(column(running, 'p_value_adjustment', 'purchased')).toBe('holm');
    await setStatus(t, experiment.id, 'stopped');
    const stopped = resultsToCsv((await t.call('GET', `/api/experiments/${experiment.id}/results?adjust=benjamini-hochberg`)).body);
    expect(column(stopped, 'p_value_test', 'purchased')).toBe('pooled two-proportion z-test');
    expect(column(stopped, 'p_value_test', 'revenue')).toBe("Welch's t-test");
    expect(column(stopped, 'p_value_test', 'clicks')).toBe('delta-method z-test');
    expect(column(stopped, 'p_value_adjustment', 'revenue')).toBe('benjamini-hochberg');
  });
});

describe('experiment editor body', () => {
  it('sends a new experiment the API accepts once its creatives are given', () => {
    const form = newExperimentForm();
    form.name = 'Hero test';
    form.variants = form.variants.map((variant) => ({ ...variant, url: `https://cdn.example/${variant.key}.jpg`, alt: 'A ring', width: '1200', height: '675' }));
    const parsed = experimentInput.safeParse(bodyFromForm(form));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data!.variants[1]!.disclosure).toEqual({ style: 'label', text: 'Made with AI', position: 'bottom-left', showForSeconds: null });
    expect(parsed.data!.survey).toMatchObject({ question: 'trust', delaySeconds: 3 });
  });

  it('round-trips an experiment from the API through the form unchanged', async () => {
    const form = newExperimentForm();
    form.name = 'Round trip';
    form.survey = { question: 'noticed', text: '', low: '', high: '', delaySeconds: '5' };
    form.variants = form.variants.map((variant, index) => ({ ...variant, url: `https://cdn.example/${index}.mp4`, mediaType: 'video', poster: `https://cdn.example/${index}.jpg`, alt: 'Film' }));
    const input = experimentInput.parse(bodyFromForm(form));
    const variants = input.variants.map((variant) => ({
      ...variant,
      id: variant.key,
      media: { ...variant.media, poster: variant.media.poster ?? null, width: variant.media.width ?? null, height: variant.media.height ?? null },
    }));
    const experiment = { ...input, id: 'e', siteId: 's', seed: 'x', status: 'draft', startedAt: null, stoppedAt: null, importedAt: null, metricLabels: {}, createdAt: 0, updatedAt: 0, variants };
    const again = experimentInput.parse(bodyFromForm(formFromExperiment(experiment as never)));
    expect(again).toEqual(input);
  });

  it('previews an unsaved arm with a query the preview route accepts, with the wording and place the API would fill in', () => {
    const base = { ...newExperimentForm().variants[1]!, url: 'https://cdn.aurum.example/ai.jpg', width: '1600', height: '900' };
    const shown = (form: typeof base) => {
      const query = Object.fromEntries(new URL(previewPath(form), 'http://candor.test').searchParams);
      return previewVariant(previewQuery.parse(withoutEmpty(query)));
    };
    expect(shown({ ...base, origin: 'hybrid' }).disclosure).toEqual({ style: 'label', text: 'Made with the help of AI', position: 'bottom-left', showForSeconds: null });
    expect(shown({ ...base, style: 'caption' }).disclosure).toMatchObject({ position: 'below' });
    expect(shown({ ...base, style: 'credentials' }).disclosure).toMatchObject({ text: null });
    expect(shown({ ...base, text: ' Created with AI ', position: 'top-right', clickUrl: 'https://aurum.example/ring' })).toEqual({
      media: { type: 'image', url: 'https://cdn.aurum.example/ai.jpg', poster: null, alt: '', width: 1600, height: 900 },
      disclosure: { style: 'label', text: 'Created with AI', position: 'top-right', showForSeconds: null },
      clickUrl: 'https://aurum.example/ring',
    });
    // Fields the admin is still typing are left out, so the preview keeps showing.
    expect(shown({ ...base, width: '16O0', clickUrl: 'https://', poster: 'x' }).media).toMatchObject({ width: null, height: null, poster: null });
    expect(shown({ ...base, width: '16O0', clickUrl: 'https://' }).clickUrl).toBeNull();
  });
});

describe('import form and routes', () => {
  it('builds the import query the route takes', () => {
    const query = importQuery({
      siteId: 's1',
      key: 'hillstrom',
      name: '',
      armColumn: 'segment',
      control: 'No E-Mail',
      visitorColumn: '',
      dayColumn: '',
      metrics: [{ column: 'conversion', metric: 'purchased', label: '' }, { column: 'visit', metric: 'clicked', label: 'Visited' }],
      segmentColumns: ['zip_code', 'newbie'],
      arms: [{ arm: 'Mens E-Mail', origin: 'ai', disclosure: 'label' }],
    });
    expect(query).toEqual([
      ['site', 's1'],
      ['key', 'hillstrom'],
      ['arm', 'segment'],
      ['control', 'No E-Mail'],
      ['metric', 'conversion=purchased'],
      ['metric', 'visit=clicked:Visited'],
      ['segment', 'zip_code'],
      ['segment', 'newbie'],
      ['origin', 'Mens E-Mail=ai'],
      ['disclosure', 'Mens E-Mail=label'],
    ]);
    expect(keyFromFileName('Hillstrom Email Test.csv')).toBe('hillstrom-email-test');
  });

  it('reads client paths back into routes', () => {
    expect(parseRoute(paths.results('a b'))).toEqual({ page: 'results', experimentId: 'a b' });
    expect(parseRoute(paths.editor('x'))).toEqual({ page: 'editor', experimentId: 'x' });
    expect(parseRoute(paths.newExperiment('s'))).toEqual({ page: 'new-experiment', siteId: 's' });
    expect(parseRoute('/sites/new')).toEqual({ page: 'new-site' });
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/experiments/x/y/z')).toEqual({ page: 'not-found' });
  });
});

describeEachDialect('the one-line answer (built by the server, in the document)', (database) => {
  it('says there are no visitors yet before the first event', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id);
    await setStatus(t, experiment.id, 'running');
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    expect(doc.summary).toEqual({ verdict: 'no-data', text: expect.stringContaining('No visitors yet') });
  });

  it('raises an alarm for each guardrail an arm clearly harms, and for nothing else', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, { primaryMetric: 'added_to_cart', guardrailMetrics: ['trust', 'purchased'] });
    const doc = (await t.call('GET', `/api/experiments/${experiment.id}/results`)).body;
    const verdicts: Record<string, string> = { added_to_cart: 'worse', trust: 'worse', purchased: 'inconclusive', clicked: 'worse' };
    for (const metric of doc.metrics) {
      for (const comparison of metric.comparisons) Object.assign(comparison, { verdict: verdicts[metric.metric] ?? 'better', relative: { ...comparison.relative, estimate: -0.146 } });
    }
    const treatments = doc.variants.filter((variant: any) => !variant.control);
    expect(guardrailAlarms(doc.metrics, doc.variants)).toEqual(treatments.map((variant: any) => `“${variant.name}” clearly lowers stated trust (−14.6%).`));
  });
});

describe('bundle size', () => {
  it('keeps the dashboard at most 150 KB of JavaScript and CSS, gzipped', () => {
    const dir = `${defaultAssetsDir()}/dashboard`;
    const js = gzipSync(readFileSync(`${dir}/app.js`), { level: 9 }).length;
    const css = gzipSync(readFileSync(`${dir}/app.css`), { level: 9 }).length;
    console.log(`dashboard bundle: app.js ${(js / 1024).toFixed(1)} KB + app.css ${(css / 1024).toFixed(1)} KB gzipped = ${((js + css) / 1024).toFixed(1)} KB`);
    expect(js + css).toBeLessThanOrEqual(150 * 1024);
  });
});

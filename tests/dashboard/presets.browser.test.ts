// The disclosure presets in the dashboard, in real Chromium against a real app over SQLite: the
// site editor lists each preset with its rule's summary and source and saves the ones ticked; the
// experiment editor shows, before saving, each requirement that applies to each arm with the rule's
// text, says the start will be refused while an arm breaks one, and the API refuses it in the same words;
// the results page marks an arm that research let run undisclosed.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, listen, newDesktopContext, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createExperiment, setStatus, siteBody, variantBody } from '../helpers/fixtures.js';
import { PRESET_RULES } from '../../server/experiments/policy-rules.js';
import { fillVariant, routeCreatives, watchProblems, type Problems } from './page-helpers.js';

describe.skipIf(!HAS_CHROMIUM)('disclosure presets in the dashboard, in Chromium', () => {
  let browser: Browser;
  let database: TestDatabase;
  let t: TestApp;
  let server: HttpServer;
  let context: BrowserContext;
  let page: Page;
  let problems: Problems;
  let siteId: string;

  beforeAll(async () => {
    [browser, database] = await Promise.all([launchBrowser(), openTestDatabase('sqlite')]);
    t = buildTestApp(database, { env: { CANDOR_RATE_LIMIT: '0' } });
    server = await listen(t.app);
    context = await newDesktopContext(browser);
    await routeCreatives(context);
    page = await context.newPage();
    problems = watchProblems(page);
    siteId = (await t.call('POST', '/api/sites', siteBody({ name: 'Aurum', disclosurePolicy: 'strict' }))).body.id;
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await t?.writer.close();
    await database?.cleanup();
  });

  it('lists each preset with its summary and source in the site editor, and saves the ones ticked', async () => {
    await page.goto(server.url);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.goto(`${server.url}/sites/${siteId}`);
    const presets = page.getByRole('group', { name: 'Disclosure presets' });
    await presets.waitFor();
    const eu = PRESET_RULES['eu-ai-act-50-4'];
    expect(await presets.getByText(eu.summary).isVisible()).toBe(true);
    expect(await presets.getByText(/Source: Regulation \(EU\) 2024\/1689 .*article 50\(4\), applies from 2 August 2026 \(https:\/\/eur-lex\.europa\.eu\/eli\/reg\/2024\/1689\/oj\)/).isVisible()).toBe(true);
    expect(await presets.getByText(/Summary, not legal advice/).isVisible()).toBe(true);
    // The platforms' own labels, as notes only.
    expect(await presets.getByText(/Meta shows an “AI info” label/).isVisible()).toBe(true);
    expect(await presets.getByText(/TikTok asks advertisers to turn on its “AI-generated” label/).isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: /^New York GBL §396-b/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await t.call('GET', `/api/sites/${siteId}`)).body.disclosurePresets).toEqual(['ny-gbl-396-b', 'strict']);
    await presets.screenshot({ path: artifactPath('site-presets.png') });
  });

  it('shows each arm\'s requirements with the rule\'s text before saving, and the start refused in the same words', async () => {
    await page.goto(`${server.url}/sites/${siteId}/experiments/new`);
    await page.getByRole('heading', { name: 'New experiment' }).waitFor();
    await page.locator('#exp-name').fill('An AI model wearing the ring');
    await fillVariant(page, 0, { name: 'Studio photo', key: 'studio', image: 'studio.svg' });
    await fillVariant(page, 1, { name: 'AI model', key: 'ai-model', image: 'ai.svg', origin: 'ai', style: 'badge' });

    const panel = page.locator('.policy-requirements');
    const ny = PRESET_RULES['ny-gbl-396-b'];
    // The rule's own text, as the server has it, and its source.
    expect(await panel.getByText(ny.summary).isVisible()).toBe(true);
    expect(await panel.getByText('New York General Business Law §396-b, in force from 9 June 2026. Summary, not legal advice.').isVisible()).toBe(true);
    // Not said yet whether the arm shows a synthetic performer: New York needs to know.
    const arm = panel.locator('[data-variant="ai-model"]');
    await arm.getByText(/New York GBL §396-b needs to know whether it shows a synthetic performer/).waitFor();
    await page.getByText('policy will refuse').waitFor();

    await page.locator('#v1-syntheticHuman').selectOption('yes');
    const requirement = arm.locator('[data-rule="ny-gbl-396-b"]');
    await expect.poll(() => requirement.textContent()).toContain('asks a conspicuous disclosure of a synthetic performer. Missing: the start will be refused');
    expect(await requirement.textContent()).toContain('this arm shows only the "AI" badge');
    // The strict policy takes the badge: met.
    expect(await arm.locator('[data-rule="strict"]').textContent()).toContain('Met');
    await panel.screenshot({ path: artifactPath('editor-requirements.png') });

    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.waitForURL(/\/experiments\/[^/]+\/edit$/);
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await page.getByText(/ai-model: New York GBL §396-b requires a conspicuous disclosure of a synthetic performer; this arm shows only the "AI" badge/).first().waitFor();

    // A label says it in words: every requirement met, and nothing refuses.
    await page.locator('#v1-style').selectOption('label');
    await expect.poll(() => requirement.textContent()).toContain('Met');
    expect(await page.getByText('policy will refuse').count()).toBe(0);
    // The refused start is a 422 the page shows; nothing else may go wrong.
    expect(problems.errors.filter((error) => !/status of 422/.test(error))).toEqual([]);
  });

  it('marks on the results page the arm research let run undisclosed', async () => {
    const lab = (await t.call('POST', '/api/sites', { name: 'Lab', disclosurePresets: ['ny-gbl-396-b', 'research'] })).body;
    const experiment = await createExperiment(t, lab.id, {
      variants: [variantBody('studio', { control: true }), variantBody('ai-model', { origin: 'ai', syntheticHuman: true, photorealistic: true, realProduct: true })],
    });
    expect((await setStatus(t, experiment.id, 'running')).status).toBe(200);
    await page.goto(`${server.url}/experiments/${experiment.id}`);
    await page.getByText('Undisclosed under the research policy').waitFor();
    expect(await page.getByText(/ai-model: New York GBL §396-b requires a conspicuous disclosure of a synthetic performer; this arm shows none: allowed only because the site's presets include research/).isVisible()).toBe(true);
    expect(await page.locator('.tag-warning', { hasText: 'undisclosed (research)' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('results-research-note.png'), fullPage: true });
  });
});

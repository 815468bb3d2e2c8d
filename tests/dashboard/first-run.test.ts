// First run in real Chromium: an empty install greets the admin with the welcome screen, and
// "Load the demo" (POST /api/demo: a demo shop, its four-arm experiment and simulated visitors
// sent through the event API) leads straight to a results page with its charts drawn; the Sites
// list shows the guardrail its undisclosed AI arm harms; archived, its editor is read-only.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, listen, newDesktopContext, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { countColouredPixels, watchProblems } from './page-helpers.js';

describe.skipIf(!HAS_CHROMIUM)('dashboard first run in Chromium', () => {
  let browser: Browser;
  let database: TestDatabase;
  let t: TestApp;
  let server: HttpServer;

  beforeAll(async () => {
    browser = await launchBrowser();
    database = await openTestDatabase('sqlite');
    t = buildTestApp(database, { clock: { now: Date.now() }, env: { CANDOR_RATE_LIMIT: '0' } });
    server = await listen(t.app);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.writer.close();
    await database?.cleanup();
  });

  it('loads the demo from the welcome screen, opens its results, lists its guardrail alarm, and locks its editor once archived', async () => {
    const context = await newDesktopContext(browser);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Load the demo' }).click();
    await page.waitForURL(/\/experiments\/[^/]+$/, { timeout: 30_000 });
    const experimentId = new URL(page.url()).pathname.split('/')[2]!;
    await page.getByRole('heading', { name: 'All the numbers' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('headline').textContent()).not.toContain('No visitors yet');
    expect(await page.locator('.numbers-table tbody tr:not(.metric-row)').count()).toBeGreaterThanOrEqual(4);
    for (const id of ['forest-plot', 'cumulative-lift']) expect(await countColouredPixels(page, `#${id}`), id).toBeGreaterThan(200);
    await page.screenshot({ path: artifactPath('dashboard-demo-results-1280.png'), fullPage: true });

    // The Sites list shows the guardrail the undisclosed AI arm clearly harms beside the headline.
    await page.goto(server.url);
    const alarm = page.getByRole('list', { name: 'Guardrail alarms' }).getByText(/^Guardrail: “.+” clearly lowers stated trust \(−\d+\.\d%\)\.$/);
    await alarm.first().waitFor({ timeout: 30_000 });
    expect(await alarm.first().isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('dashboard-demo-sites-1280.png'), fullPage: true });
    expect(problems.errors).toEqual([]);

    // Once archived, the editor offers nothing the server would refuse: every field and Save are off.
    for (const status of ['stopped', 'archived']) expect((await t.call('POST', `/api/experiments/${experimentId}/status`, { status })).status).toBe(200);
    await page.goto(`${server.url}/experiments/${experimentId}/edit`);
    await page.getByText('This experiment is archived, so it is read-only.').waitFor();
    for (const field of ['#exp-name', '#exp-hypothesis']) expect(await page.locator(field).isDisabled(), field).toBe(true);
    expect(await page.getByRole('group', { name: 'Guardrails' }).getByRole('checkbox').first().isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    await context.close();
  }, 60_000);
});

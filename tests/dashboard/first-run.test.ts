// First run in real Chromium: an empty install greets the admin with the welcome screen, and
// "Load the demo" (POST /api/demo: a demo shop, its four-arm experiment and simulated visitors
// sent through the event API) leads straight to a results page with its charts drawn.
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

  it('loads the demo from the welcome screen and opens its results', async () => {
    const context = await newDesktopContext(browser);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(server.url);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Load the demo' }).click();
    await page.waitForURL(/\/experiments\/[^/]+$/, { timeout: 30_000 });
    await page.getByRole('heading', { name: 'All the numbers' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('headline').textContent()).not.toContain('No visitors yet');
    expect(await page.locator('.numbers-table tbody tr:not(.metric-row)').count()).toBeGreaterThanOrEqual(4);
    for (const id of ['forest-plot', 'cumulative-lift']) expect(await countColouredPixels(page, `#${id}`), id).toBeGreaterThan(200);
    await page.screenshot({ path: artifactPath('dashboard-demo-results-1280.png'), fullPage: true });
    expect(problems.errors).toEqual([]);
    await context.close();
  }, 60_000);
});

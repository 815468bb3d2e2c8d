// The editor's neutral AI icon and timed video label, in real Chromium against a real app over
// SQLite: a video arm gets the icon shown for its first 3 s through the form, the live preview asks
// the server for that look, the saved experiment says so, and once started the choice is locked.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, listen, newDesktopContext, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { setStatus, siteBody } from '../helpers/fixtures.js';
import { CREATIVE_HOST, fillVariant, routeCreatives, watchProblems, type Problems } from './page-helpers.js';

describe.skipIf(!HAS_CHROMIUM)('the AI icon and the timed video label in the editor, in Chromium', () => {
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

  it('saves a video arm with the icon shown for its first 3 s, previews it so, and locks it once started', async () => {
    await page.goto(server.url);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.goto(`${server.url}/sites/${siteId}/experiments/new`);
    await page.getByRole('heading', { name: 'New experiment' }).waitFor();
    await page.locator('#exp-name').fill('The AI film, icon for 3 s');
    await fillVariant(page, 0, { name: 'Studio photo', key: 'studio', image: 'studio.svg' });

    // A traditional arm is never offered the icon: it is an AI label.
    await page.locator('#v0-origin').selectOption('traditional');
    expect(await page.locator('#v0-style option[value="icon"]').count()).toBe(0);

    await page.locator('#v1-mediaType').selectOption('video');
    await fillVariant(page, 1, { name: 'AI film', key: 'ai-film', image: 'ai.mp4', origin: 'ai' });
    expect(await page.locator('#v1-style option[value="icon"]').textContent()).toBe('AI icon (neutral “AI” tile)');
    // A caption over a video has no timing to choose; the corner icon has.
    await page.locator('#v1-style').selectOption('caption');
    expect(await page.locator('#v1-labelTiming').count()).toBe(0);
    await page.locator('#v1-style').selectOption('icon');
    expect(await page.locator('#v1-labelTiming').inputValue()).toBe('throughout');
    await page.locator('#v1-labelTiming').selectOption('first');
    await page.locator('#v1-showForSeconds').fill('3');

    // The preview asks the server for the very look that will be saved.
    const frame = page.locator('iframe[title="Preview of AI film"]');
    await expect.poll(() => frame.getAttribute('src')).toContain('showForSeconds=3');
    expect(await frame.getAttribute('src')).toContain('style=icon');
    // The server's markup in the frame: the icon, on a step that hides it after 3 s.
    await page.frameLocator('iframe[title="Preview of AI film"]').locator('[data-candor-shown-for="3"]').waitFor({ state: 'attached' });
    await page.locator('fieldset.variant').nth(1).screenshot({ path: artifactPath('editor-timed-icon.png') });

    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.waitForURL(/\/experiments\/[^/]+\/edit$/);
    const id = /\/experiments\/([^/]+)\/edit$/.exec(page.url())![1]!;
    const saved = (await t.call('GET', `/api/experiments/${id}`)).body;
    const arm = saved.variants.find((variant: { key: string }) => variant.key === 'ai-film');
    expect(arm.media.type).toBe('video');
    expect(arm.disclosure).toMatchObject({ style: 'icon', showForSeconds: 3 });

    // Read back into the form as saved, then locked once the experiment has run (edit-rules.ts).
    await page.reload();
    await page.locator('#v1-showForSeconds').waitFor();
    expect(await page.locator('#v1-labelTiming').inputValue()).toBe('first');
    expect(await page.locator('#v1-showForSeconds').inputValue()).toBe('3');
    expect(await page.locator('#v1-labelTiming').isEnabled()).toBe(true);
    expect((await setStatus(t, id, 'running')).status).toBe(200);
    await page.reload();
    await page.locator('#v1-showForSeconds').waitFor();
    expect(await page.locator('#v1-labelTiming').isDisabled()).toBe(true);
    expect(await page.locator('#v1-showForSeconds').isDisabled()).toBe(true);
    // The preview is a sandboxed frame, which Chromium may run in a process of its own: a video
    // request it starts before the test's route for the creatives' host reaches that process goes
    // to the (unresolvable) host itself. Seen once in a loaded CI run; it says nothing of the page.
    const unrouted = (error: string) => error.includes('net::ERR_NAME_NOT_RESOLVED') && error.includes(`(${CREATIVE_HOST}/`);
    expect(problems.errors.filter((error) => !unrouted(error))).toEqual([]);
  });
});

// The editor with uploaded creatives, in real Chromium against a real app over SQLite: upload
// C.jpg through an arm's file input (its size and Content Credentials shown, the CR pin's panel
// on hover and focus), see an HTML page called .jpg refused in the server's words, choose a file
// whose credentials say AI (the editor warns and proposes the origin), save, and reopen.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from '../helpers/app.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, listen, newDesktopContext, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { mediaPath } from '../helpers/fixture-files.js';
import { siteBody } from '../helpers/fixtures.js';
import { buildMediaApp, uploadFile, type MediaWorld } from '../creatives/helpers.js';
import { makePng, signWithTestKey, TRAINED_ALGORITHMIC_MEDIA } from '../creatives/sign-c2pa.js';
import { watchProblems, type Problems } from './page-helpers.js';

const C_JPG = mediaPath('C.jpg');
const VIDEO = mediaPath('video1.mp4');
/** The address creatives are published at: a host of its own, routed to the test server, as a CDN in front of Candor would be. */
const PUBLIC_URL = 'https://candor.test.example';

describe.skipIf(!HAS_CHROMIUM)('editor with uploaded creatives, in Chromium', () => {
  let browser: Browser;
  let database: TestDatabase;
  let world: MediaWorld;
  let server: HttpServer;
  let context: BrowserContext;
  let page: Page;
  let problems: Problems;
  let siteId: string;
  const cSha = createHash('sha256').update(readFileSync(C_JPG)).digest('hex');
  const arm = (index: number) => page.locator('.variant').nth(index);
  /** The arm's creative preview: the server's markup, in the arm's <iframe>. */
  const shown = (index: number) => arm(index).frameLocator('.preview iframe');

  beforeAll(async () => {
    [browser, database] = await Promise.all([launchBrowser(), openTestDatabase('sqlite')]);
    world = buildMediaApp(database, { env: { CANDOR_PUBLIC_URL: PUBLIC_URL, CANDOR_RATE_LIMIT: '0' } });
    server = await listen(world.t.app);
    context = await newDesktopContext(browser);
    await context.route(`${PUBLIC_URL}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      await route.fulfill({ response: await route.fetch({ url: server.url + pathname }) });
    });
    page = await context.newPage();
    problems = watchProblems(page);
    siteId = (await world.t.call('POST', '/api/sites', siteBody({ disclosurePolicy: 'research' }))).body.id;
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await world?.t.writer.close();
    world?.cleanup();
    await database?.cleanup();
  });

  it('logs in and opens a new experiment', async () => {
    await page.goto(server.url);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.goto(`${server.url}/sites/${siteId}/experiments/new`);
    await page.getByRole('heading', { name: 'New experiment' }).waitFor();
    await page.locator('#exp-name').fill('Uploaded hero creatives');
  });

  it('uploads C.jpg through the file input and shows its size and Content Credentials', async () => {
    const input = arm(0).getByLabel('Upload a file');
    expect(await arm(0).getByText('Upload a file', { exact: true }).isVisible()).toBe(true);
    expect(await input.getAttribute('accept')).toBe('image/jpeg,image/png,image/webp,image/avif,video/mp4,video/webm');
    await input.setInputFiles(C_JPG);
    await arm(0).getByText('Uploaded “C.jpg”.').waitFor();
    const facts = page.locator('#v0-facts');
    expect(await facts.textContent()).toMatch(/C\.jpg · JPEG image · 2048 × 1365 px · [\d.]+ (KB|MB)/);
    const summary = await facts.getByTestId('provenance-summary').textContent();
    expect(summary).toMatch(/^Content Credentials: .*signed by C2PA Test Signing Cert$/);
    // Signed with the C2PA test certificate: it verifies, on no trust list, and names the app that wrote it.
    expect(await facts.textContent()).toContain('Written by make_test_images/0.33.1 c2pa-rs/0.33.1; they verify, but the signer is on no trust list.');
    expect(await page.locator('#v0-url').inputValue()).toBe(`${PUBLIC_URL}/media/${cSha}.jpg`);
    expect([await page.locator('#v0-width').inputValue(), await page.locator('#v0-height').inputValue()]).toEqual(['2048', '1365']);
    expect(await page.locator('#v0-mediaType').isDisabled()).toBe(true);
    // The alt text stays the admin's to write, and required.
    expect(await page.locator('#v0-alt').inputValue()).toBe('');
    expect(await page.locator('#v0-alt').getAttribute('required')).not.toBeNull();
    await page.locator('#v0-alt').fill('A gold ring on linen');
    expect(await shown(0).locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 2048)).toBe(true);

    // The Content Credentials pin says what the file says, as visitors get it: a tooltip on
    // hover, its name for a screen reader, and a panel that a tap or the keyboard opens.
    await page.locator('#v0-style').selectOption('credentials');
    const pin = shown(0).locator('summary');
    const panel = shown(0).locator('details > span');
    expect(await pin.getAttribute('aria-label')).toBe(summary);
    expect(await pin.getAttribute('title')).toBe(summary);
    expect(await panel.isVisible()).toBe(false);
    await pin.click();
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toBe(summary);
    await pin.click();
    expect(await panel.isVisible()).toBe(false);
    await pin.focus();
    await page.keyboard.press('Enter');
    expect(await panel.isVisible()).toBe(true);
  });

  it('shows the server’s own words when the file is an HTML page called .jpg', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
    await arm(1).getByLabel('Upload a file').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: html });
    const error = page.locator('#v1-file-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/an HTML page/);
    expect(await page.locator('#v1-url').inputValue()).toBe('');
    expect(problems.dialogs).toEqual([]);
  });

  it('chooses an uploaded file whose credentials say AI, and warns when its arm is declared traditional', async () => {
    const signed = await signWithTestKey(makePng(96, 64), { mime: 'image/png', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: 'Imagen 4' });
    expect((await uploadFile(world, signed, 'generated.png', 'image/png')).status).toBe(201);

    await arm(1).getByRole('button', { name: 'Choose an uploaded file' }).click();
    const list = arm(1).getByRole('list', { name: 'Uploaded files' });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(2);
    const generated = list.getByRole('button', { name: /generated\.png/ });
    expect(await generated.textContent()).toMatch(/PNG image · 96 × 64 px.*AI \(credentials\)/);
    await generated.click();
    expect(await list.count()).toBe(0);
    // Focus goes back to the button the list came from, not to the top of the page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Choose an uploaded file');
    expect(await page.locator('#v1-file-error').count()).toBe(0);
    expect(await page.locator('#v1-facts').getByTestId('provenance-summary').textContent()).toBe(
      'Content Credentials: made with generative AI (trainedAlgorithmicMedia), with Imagen 4, signed by C2PA Test Signing Cert',
    );
    await page.locator('#v1-alt').fill('A ring, generated');
    await page.locator('#v1-key').fill('generated');

    // Declared AI, nothing to say; declared traditional, the editor says what the server will.
    expect(await arm(1).getByText('This file says it was made with AI').count()).toBe(0);
    await page.locator('#v1-origin').selectOption('traditional');
    await arm(1).getByText('This file says it was made with AI').waitFor();
    expect(await arm(1).locator('.notice').textContent()).toContain('Variant "generated" is declared traditional, but its media says otherwise');
    expect(await arm(1).getByRole('button', { name: 'Set origin to AI and generator to Imagen 4' }).isVisible()).toBe(true);

    // To be looked at: both arms' files, the CR pin's panel, the warning, and the list of uploads.
    await page.setViewportSize({ width: 1280, height: 1100 });
    const choose = arm(1).getByRole('button', { name: 'Choose an uploaded file' });
    await choose.click();
    await list.waitFor();
    await page.screenshot({ path: artifactPath('dashboard-editor-upload.png'), fullPage: true });
    await choose.click();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('saves the uploaded media as its /media/<sha256>.jpg URL, with the server’s warnings', async () => {
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.waitForURL(/\/experiments\/[^/]+\/edit$/);
    const saved = page.getByText('Saved, with a warning from the server');
    await saved.waitFor();
    expect(await page.locator('.save-bar').textContent()).toContain('variant "generated" is declared traditional, but its media says otherwise');

    const experimentId = new URL(page.url()).pathname.split('/')[2]!;
    const experiment = (await world.t.call('GET', `/api/experiments/${experimentId}`)).body;
    expect(experiment.variants[0].media).toEqual({ type: 'image', url: `${PUBLIC_URL}/media/${cSha}.jpg`, poster: null, alt: 'A gold ring on linen', width: 2048, height: 1365 });
    expect(experiment.variants[0].creative.sha256).toBe(cSha);
    expect(experiment.warnings).toHaveLength(1);

    // The proposal is applied only when asked, and the next save has nothing to warn about.
    await arm(1).getByRole('button', { name: 'Set origin to AI and generator to Imagen 4' }).click();
    expect(await page.locator('#v1-origin').inputValue()).toBe('ai');
    expect(await page.locator('#v1-generator').inputValue()).toBe('Imagen 4');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const again = (await world.t.call('GET', `/api/experiments/${experimentId}`)).body;
    expect(again.variants[1]).toMatchObject({ origin: 'ai', generator: 'Imagen 4' });
    expect(again.warnings).toEqual([]);
  });

  it('reopens the saved experiment with each file’s provenance, and saves it unchanged', async () => {
    await page.reload();
    await page.locator('#v0-facts').waitFor();
    expect(await page.locator('#v0-facts').textContent()).toContain('Written by make_test_images/0.33.1 c2pa-rs/0.33.1');
    expect(await page.locator('#v1-facts').getByTestId('provenance-summary').textContent()).toMatch(/^Content Credentials: made with generative AI/);
    expect(await shown(0).locator('summary').getAttribute('aria-label')).toMatch(/^Content Credentials: /);
    const experimentId = new URL(page.url()).pathname.split('/')[2]!;
    const before = (await world.t.call('GET', `/api/experiments/${experimentId}`)).body;
    await page.locator('#exp-name').fill('Uploaded hero creatives, reopened');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const after = (await world.t.call('GET', `/api/experiments/${experimentId}`)).body;
    expect(after.variants.map((variant: any) => variant.media)).toEqual(before.variants.map((variant: any) => variant.media));
  });

  it('takes a video and a poster image uploaded for it the same way', async () => {
    await page.getByRole('button', { name: 'Add an arm' }).click();
    await arm(2).getByLabel('Upload a file').setInputFiles(VIDEO);
    await arm(2).getByText('Uploaded “video1.mp4”.').waitFor();
    expect(await page.locator('#v2-mediaType').inputValue()).toBe('video');
    expect(await page.locator('#v2-facts').textContent()).toMatch(/MP4 video · 720 × 1280 px · .* · 2\.0 s/);
    // No ffmpeg here, so no poster was made: the admin uploads one.
    expect(await page.locator('#v2-poster').inputValue()).toBe('');
    await arm(2).getByLabel('Upload a poster image').setInputFiles(C_JPG);
    await arm(2).getByText('Uploaded “C.jpg”.').waitFor();
    expect(await page.locator('#v2-poster').inputValue()).toBe(`${PUBLIC_URL}/media/${cSha}.jpg`);
    expect(await shown(2).locator('video').getAttribute('poster')).toBe(`${PUBLIC_URL}/media/${cSha}.jpg`);
  });

  it('lays the editor out on a 360 px phone with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await arm(0).getByRole('button', { name: 'Choose an uploaded file' }).click();
    await arm(0).getByRole('list', { name: 'Uploaded files' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('had no console errors, page errors or dialogs but the refused upload', () => {
    // Chromium logs every 4xx answer to fetch itself; the HTML page's 415 is the one expected here,
    // and the error names the resource: the upload route.
    expect(problems.errors).toHaveLength(1);
    expect(problems.errors[0]).toMatch(/^Failed to load resource: the server responded with a status of 415 \(Unsupported Media Type\) \(.+\/api\/creatives\)$/);
    expect(problems.dialogs).toEqual([]);
  });
});

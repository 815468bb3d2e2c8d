// The dashboard in real Chromium against a real server: log in, create a site and a four-arm
// experiment, start it, send traffic through the event API, read the results (table and charts
// drawn), export the CSV, and check that a variant named like an HTML tag stays text. Screenshots
// of the results at 1280 and 360 px go to tests/artifacts/ to be looked at.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, listen, newDesktopContext, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createExperiment, setStatus, variantBody } from '../helpers/fixtures.js';
import { countColouredPixels, CREATIVE_HOST, fillVariant, routeCreatives, watchProblems, type Problems } from './page-helpers.js';
import { seeded, sendTraffic } from './traffic.js';

const XSS_NAME = '<img src=x onerror=alert(1)>';
const DAY = 86_400_000;

describe.skipIf(!HAS_CHROMIUM)('dashboard in Chromium', () => {
  let browser: Browser;
  let database: TestDatabase;
  let t: TestApp;
  let server: HttpServer;
  let context: BrowserContext;
  let page: Page;
  let problems: Problems;
  const now = Date.now();

  beforeAll(async () => {
    browser = await launchBrowser();
    database = await openTestDatabase('sqlite');
    // The clock starts three days ago, so the traffic below spans several days of cohorts.
    t = buildTestApp(database, { clock: { now: now - 3 * DAY }, env: { CANDOR_RATE_LIMIT: '0' } });
    server = await listen(t.app);
    context = await newDesktopContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
    await routeCreatives(context);
    page = await context.newPage();
    problems = watchProblems(page);
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await t?.writer.close();
    await database?.cleanup();
  });

  it('logs in by keyboard with the admin token and greets an empty install with the welcome screen', async () => {
    await page.goto(server.url);
    await page.getByLabel('Admin token').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type(ADMIN_TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welcome to Candor' }).waitFor();
    expect(await page.getByRole('button', { name: 'Load the demo' }).isVisible()).toBe(true);
    const cookies = await context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'candor_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    expect(session.value).not.toContain(ADMIN_TOKEN);
  });

  it('creates a site and shows its install tag with a copy button', async () => {
    await page.getByRole('link', { name: 'Create a site' }).click();
    await page.getByLabel('Name').fill('Aurum Jewellery');
    await page.getByLabel('Allowed origins').fill('https://shop.example');
    await page.getByRole('checkbox', { name: /^Research:/ }).check();
    expect(await page.getByRole('checkbox', { name: /^Strict:/ }).isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Create site' }).click();
    await page.getByRole('heading', { name: 'Install' }).waitFor();
    const tag = await page.getByLabel('The script tag').textContent();
    expect(tag).toMatch(/^<script async src="http:\/\/[^"]+\/c\.js" data-site="pk_\w+"><\/script>$/);
    await page.getByRole('button', { name: 'Copy' }).first().click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tag);
    expect(await page.getByText('No events yet').isVisible()).toBe(true);
    expect(await page.getByText('No add-to-cart yet').isVisible()).toBe(true);
    expect(await page.getByText('No purchase yet').isVisible()).toBe(true);
  });

  it('gives the steps per platform in keyboard-driven tabs: Shopify (pixel, webhook), WooCommerce (PHP), any site', async () => {
    const shopify = page.getByRole('tab', { name: 'Shopify' });
    expect(await shopify.getAttribute('aria-selected')).toBe('true');
    const key = (await page.getByLabel('The script tag').textContent())!.match(/pk_\w+/)![0];
    expect(await page.getByLabel('The webhook URL').textContent()).toMatch(new RegExp(`/v1/webhooks/shopify\\?site=${key}$`));
    const pixel = await page.getByLabel('The Shopify pixel code').textContent();
    expect(pixel).toContain(key);
    expect(pixel).toContain('analytics.subscribe');

    // The webhook's signing secret: saved write-only, then each delivery's fate shows.
    await page.getByLabel('Webhook signing secret').fill('shpss_dashboard_test_secret_0123');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByText('Secret saved. Candor will not show it again.').waitFor();
    await page.getByText('A secret is set.', { exact: false }).waitFor();
    expect(await page.getByLabel('Webhook signing secret').inputValue()).toBe('');
    const order = JSON.stringify({ id: 820982911946154500, created_at: new Date(t.clock.now).toISOString(), currency: 'USD', total_price: '59.90', note_attributes: [] });
    const deliver = (signature: string) =>
      fetch(`${server.url}/v1/webhooks/shopify?site=${key}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': signature },
        body: order,
      });
    expect((await deliver('bm90IHRoZSBzaWduYXR1cmU=')).status).toBe(401);
    await page.getByText(/Last webhook refused \(invalid_signature\)/).waitFor({ timeout: 15_000 });
    const signature = createHmac('sha256', 'shpss_dashboard_test_secret_0123').update(order).digest('base64');
    expect((await deliver(signature)).status).toBe(200);
    await page.getByText(/Last webhook: verified/).waitFor({ timeout: 15_000 });

    await shopify.focus();
    await page.keyboard.press('ArrowRight');
    const woo = page.getByRole('tab', { name: 'WooCommerce' });
    expect(await woo.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('WooCommerce');
    const php = (await page.getByLabel('The WooCommerce snippet').textContent())!;
    expect(php).toContain("add_action('woocommerce_thankyou'");
    expect(php).toContain(`data-site="${key}"`);

    await page.keyboard.press('ArrowRight');
    expect(await page.getByLabel('The conversion calls').textContent()).toContain("candor('track', 'purchase'");
    await page.keyboard.press('ArrowRight');
    expect(await shopify.getAttribute('aria-selected')).toBe('true');
  });

  it('creates a four-arm experiment with live previews and policy warnings, and starts it', async () => {
    await page.getByRole('link', { name: 'New experiment' }).first().click();
    await page.getByLabel('Name', { exact: true }).first().fill('AI creative in the hero slot');
    await page.getByRole('button', { name: 'Add an arm' }).click();
    await page.getByRole('button', { name: 'Add an arm' }).click();
    await fillVariant(page, 0, { name: 'Studio photo', key: 'studio', image: 'studio.svg' });
    await fillVariant(page, 1, { name: XSS_NAME, key: 'ai-labelled', image: 'ai.svg' });
    await fillVariant(page, 2, { name: 'Studio photo, Content Credentials', key: 'studio-cr', image: 'studio.svg', origin: 'traditional', style: 'credentials' });
    await fillVariant(page, 3, { name: 'AI image, no label', key: 'ai-plain', image: 'ai.svg', style: 'none' });

    // The preview draws the label exactly as visitors will see it: the server's own markup, framed.
    const preview = page.locator('.variant').nth(1).frameLocator('.preview iframe');
    expect(await preview.getByText('Made with AI', { exact: true }).isVisible()).toBe(true);
    expect(await preview.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator('.variant').nth(2).frameLocator('.preview iframe').locator('summary').textContent()).toBe('CR');

    // Under the research policy an undisclosed AI arm is allowed, but not with a real person's likeness.
    expect(await page.getByText('policy will refuse').count()).toBe(0);
    await page.locator('#v3-likeness').selectOption('consented');
    await page.getByText('policy will refuse').waitFor();
    await page.locator('#v3-likeness').selectOption('none');
    expect(await page.getByText('policy will refuse').count()).toBe(0);

    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.waitForURL(/\/experiments\/[^/]+\/edit$/);
    await page.getByRole('button', { name: 'Start experiment' }).click();
    await page.waitForURL(/\/experiments\/[^/]+$/);
    await page.getByTestId('headline').waitFor();
    expect(await page.getByTestId('headline').textContent()).toContain('No visitors yet');

    // What the editor previews is, to the byte once parsed, what the snippet gets for each arm.
    const resultsUrl = page.url();
    const experiment = (await t.call('GET', `/api/experiments/${new URL(resultsUrl).pathname.split('/')[2]}`)).body;
    const site = (await t.call('GET', `/api/sites/${experiment.siteId}`)).body;
    const config = (await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null })).body;
    const served: string[] = config.experiments[0].variants.map((variant: any) => variant.html);
    expect(served).toHaveLength(4);
    // Parsed and serialised by Chromium, as the preview's document is, in a blank page (the dashboard's CSP would report each style).
    const blank = await context.newPage();
    const parsed = await blank.evaluate((list) => list.map((html) => Object.assign(document.createElement('template'), { innerHTML: html }).innerHTML), served);
    await blank.close();
    await page.goto(`${resultsUrl}/edit`);
    const previewed = () => Promise.all(served.map((_, arm) => page.locator('.variant').nth(arm).frameLocator('.preview iframe').locator('body').innerHTML()));
    await expect.poll(previewed).toEqual(parsed);
    expect(served[1]).toContain('>Made with AI</span>');
    await page.goto(resultsUrl);
    await page.getByTestId('headline').waitFor();
  });

  it('draws the results of real traffic: the headline, the table and every chart', async () => {
    const experimentId = new URL(page.url()).pathname.split('/')[2]!;
    const experiment = (await t.call('GET', `/api/experiments/${experimentId}`)).body;
    const site = (await t.call('GET', `/api/sites/${experiment.siteId}`)).body;
    const behaviour = (key: string) =>
      ({
        studio: { click: 0.1, cart: 0.08, trust: 3.8, noticed: 0.1 },
        'studio-cr': { click: 0.1, cart: 0.08, trust: 3.9, noticed: 0.2 },
        'ai-labelled': { click: 0.14, cart: 0.15, trust: 3.2, noticed: 0.8 },
        'ai-plain': { click: 0.13, cart: 0.13, trust: 3.5, noticed: 0.3 },
      })[key]!;
    const random = seeded(7);
    for (let day = 0; day < 3; day++) {
      t.clock.now = now - (3 - day) * DAY + 3_600_000;
      const plan = { baseUrl: server.url, siteKey: site.publicKey, experimentKey: experiment.key, visitors: 250, prefix: `d${day}-`, behaviour, time: () => t.clock.now };
      await sendTraffic(plan, random);
    }
    t.clock.now = now;

    await page.reload();
    await page.getByRole('heading', { name: 'All the numbers' }).waitFor();
    expect(await page.getByTestId('headline').textContent()).toMatch(/add-to-cart/);
    const table = page.locator('.numbers-table').first();
    expect(await table.locator('tbody tr:not(.metric-row)').count()).toBe(8);
    for (const id of ['forest-plot', 'cumulative-lift', 'disclosure-effects', 'trust-chart', 'trust-likert', 'noticed-chart']) {
      expect(await countColouredPixels(page, `#${id}`), id).toBeGreaterThan(200);
    }
    expect(await page.getByText('What AI and disclosure do').isVisible()).toBe(true);
    expect(await page.getByText('difference in differences').first().isVisible()).toBe(true);
  });

  it('draws the video watch-through of each arm', async () => {
    const site = (await t.call('GET', '/api/sites')).body.sites[0];
    const video = (key: string, name: string, extra: Record<string, unknown> = {}) =>
      variantBody(key, { name, media: { type: 'video', url: `${CREATIVE_HOST}/${key}.mp4`, poster: `${CREATIVE_HOST}/${key}.svg`, alt: 'A ring turning' }, ...extra });
    const experiment = await createExperiment(t, site.id, {
      key: 'film',
      slot: 'film',
      variants: [video('studio-film', 'Studio film', { control: true }), video('ai-film', 'AI film, labelled', { origin: 'ai', disclosure: { style: 'label' } })],
    });
    await setStatus(t, experiment.id, 'running');
    const behaviour = (key: string) => ({ click: 0.1, cart: 0.1, trust: 3.5, noticed: 0.5, plays: key === 'ai-film' ? 0.7 : 0.5 });
    await sendTraffic({ baseUrl: server.url, siteKey: site.publicKey, experimentKey: 'film', visitors: 120, prefix: 'film-', behaviour, time: () => t.clock.now }, seeded(3));
    await page.goto(`${server.url}/experiments/${experiment.id}`);
    await page.getByRole('heading', { name: 'Video watch-through' }).waitFor();
    expect(await countColouredPixels(page, '#video-chart')).toBeGreaterThan(200);
    await page.goBack();
    await page.getByRole('heading', { name: 'All the numbers' }).waitFor();
  });

  it('shows a variant named like an HTML tag as text, everywhere', async () => {
    expect(await page.getByText(XSS_NAME, { exact: true }).first().isVisible()).toBe(true);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(problems.dialogs).toEqual([]);
  });

  it('exports the results as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^candor-hero-creative-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^"experiment","status","metric",/);
    expect(csv).toContain(`"${XSS_NAME}"`);
    expect(lines.length).toBeGreaterThan(20);
  });

  it('lays the results out for a desktop and a 360 px phone, with no sideways scrolling', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: artifactPath('dashboard-results-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    // Charts follow the new width a frame or two later (a ResizeObserver): poll for the layout
    // itself rather than sleep, then take the picture.
    const tooWide = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > 361 && !element.closest('.table-scroll'))
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
      );
    await expect.poll(tooWide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: artifactPath('dashboard-results-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('says on the install page when the last event arrived', async () => {
    await page.getByRole('link', { name: 'Experiments' }).click();
    await page.getByText(/Last event seen \d+ (s|min|h) ago/).waitFor();
  });

  it('imports a past test from a CSV file, with a segment column, and shows its results', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    const rows = ['visitor,arm,bought,tier'];
    for (let i = 0; i < 200; i++) rows.push(`u${i},${i % 2 ? 'ai' : 'studio'},${i % (i % 2 ? 5 : 8) === 0 ? 1 : 0},${i % 3 ? 'silver' : 'gold'}`);
    await page.getByLabel('CSV file').setInputFiles({ name: 'Spring sale.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.getByLabel('Arm column').selectOption('arm');
    await page.getByLabel('Control arm (its value in that column)').fill('studio');
    await page.getByLabel('Visitor id column').selectOption('visitor');
    await page.getByLabel('Column of metric 1').selectOption('bought');
    await page.getByRole('group', { name: 'Segment columns' }).getByLabel('tier').check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported “Spring sale”').waitFor();
    const cells = await database.db.selectFrom('segmentSums').select('segment').distinct().orderBy('segment').execute();
    expect(cells.map((row) => row.segment)).toEqual(['tier=gold', 'tier=silver']);
    await page.getByRole('link', { name: 'See the results' }).click();
    await page.getByRole('heading', { name: 'All the numbers' }).waitFor();
    expect(await page.getByText('Imported', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByTestId('headline').textContent()).toMatch(/bought/);
    // A stopped test's p-value is its own test's, and both the header and the cell say which.
    const table = page.locator('.numbers-table').first();
    const header = table.getByRole('columnheader', { name: 'p (adj.)' });
    expect(await header.getAttribute('title')).toMatch(/^Fixed-horizon p-value \(pooled z-test for rates, Welch's t-test for means, delta method for ratios\), Holm-adjusted/);
    const describedBy = (await header.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(await header.getAttribute('title'));
    const cell = table.locator('td.p-cell').first();
    expect(await cell.getAttribute('title')).toBe("Pooled two-proportion z-test, Holm-adjusted across the primary metric's arms");
    expect(await cell.getAttribute('aria-label')).toMatch(/: Pooled two-proportion z-test, Holm-adjusted across the primary metric's arms$/);
  });

  it('logs out', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Admin token').waitFor();
    const status = await page.evaluate(() => fetch('/api/session').then((response) => response.json()));
    expect(status).toEqual({ authenticated: false });
  });

  it('had no console errors, page errors or dialogs', () => {
    expect(problems.errors).toEqual([]);
    expect(problems.dialogs).toEqual([]);
  });
});

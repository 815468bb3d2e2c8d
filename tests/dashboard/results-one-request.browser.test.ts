// The results page in Chromium draws everything from one request: GET /api/experiments/:id/results
// (the answer, the charts, the trust answers and the video watch-through), and nothing else from
// the API. Waits on the page's own requests and headings, never on a fixed delay.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { HAS_CHROMIUM, launchBrowser, listen, newDesktopContext, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, variantBody } from '../helpers/fixtures.js';
import { countColouredPixels, CREATIVE_HOST, routeCreatives, watchProblems } from './page-helpers.js';
import { seeded, sendTraffic } from './traffic.js';

describe.skipIf(!HAS_CHROMIUM)('the results page in Chromium', () => {
  let browser: Browser;
  let database: TestDatabase;
  let t: TestApp;
  let server: HttpServer;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    database = await openTestDatabase('sqlite');
    t = buildTestApp(database, { env: { CANDOR_RATE_LIMIT: '0' } });
    server = await listen(t.app);
  }, 30_000);

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.writer.close();
    await database?.cleanup();
  });

  async function loggedInPage(): Promise<Page> {
    context = await newDesktopContext(browser);
    await routeCreatives(context);
    const login = await context.request.post(`${server.url}/api/session`, { data: { token: ADMIN_TOKEN } });
    expect(login.status()).toBe(200);
    return context.newPage();
  }

  it('asks the API once for the whole page, and draws the trust answers and the video watch-through from it', async () => {
    const site = await createSite(t, { allowedOrigins: ['https://shop.example'] });
    const video = (key: string, name: string, extra: Record<string, unknown> = {}) =>
      variantBody(key, { name, media: { type: 'video', url: `${CREATIVE_HOST}/${key}.mp4`, poster: `${CREATIVE_HOST}/${key}.svg`, alt: 'A ring turning' }, ...extra });
    const experiment = await createExperiment(t, site.id, {
      key: 'film',
      slot: 'film',
      survey: { question: 'trust' },
      variants: [video('studio-film', 'Studio film', { control: true }), video('ai-film', 'AI film, labelled', { origin: 'ai', disclosure: { style: 'label' } })],
    });
    await setStatus(t, experiment.id, 'running');
    const behaviour = (key: string) => ({ click: 0.1, cart: 0.1, trust: key === 'ai-film' ? 3.2 : 3.8, noticed: 0.5, plays: key === 'ai-film' ? 0.7 : 0.5 });
    await sendTraffic({ baseUrl: server.url, siteKey: site.publicKey, experimentKey: 'film', visitors: 120, prefix: 'film-', behaviour, time: () => t.clock.now }, seeded(5));

    const page = await loggedInPage();
    const problems = watchProblems(page);
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      // The app shell asks once whether it is logged in (GET /api/session) on any page; the rest is the page's.
      if (path.startsWith('/api/') && path !== '/api/session') apiCalls.push(`${request.method()} ${path}`);
    });
    const results = page.waitForResponse((response) => new URL(response.url()).pathname === `/api/experiments/${experiment.id}/results`);
    await page.goto(`${server.url}/experiments/${experiment.id}`);
    expect((await results).status()).toBe(200);
    await page.getByRole('heading', { name: 'Video watch-through' }).waitFor();
    await page.getByRole('heading', { name: 'Trust', exact: true }).waitFor();
    await page.locator('#trust-likert').waitFor();
    expect(await countColouredPixels(page, '#video-chart')).toBeGreaterThan(200);
    expect(await countColouredPixels(page, '#trust-likert')).toBeGreaterThan(200);
    // The link back to the site comes from the document's experiment.siteId.
    expect(await page.getByRole('link', { name: 'Experiments' }).getAttribute('href')).toBe(`/sites/${site.id}`);
    expect(apiCalls).toEqual([`GET /api/experiments/${experiment.id}/results`]);
    expect(problems.errors).toEqual([]);
  });
});

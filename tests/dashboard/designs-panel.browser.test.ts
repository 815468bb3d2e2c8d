// The disclosure panel's designs in Chromium, from the real built dashboard on a real server, with
// visitors sent through /v1/assign and /v1/events: the style and wording factors, and each design's
// noticed share beside its cost and its verdict at the margin, as the document holds them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '../../client/dashboard/types.js';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, listen, newDesktopContext, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, variantBody } from '../helpers/fixtures.js';
import { CREATIVE_HOST, routeCreatives, watchProblems } from './page-helpers.js';
import { seeded, sendTraffic, type ArmBehaviour } from './traffic.js';

const image = (name: string) => ({ type: 'image', url: `${CREATIVE_HOST}/${name}.svg`, alt: 'A ring' });
const VARIANTS = [
  variantBody('studio', { control: true, name: 'Studio photo', media: image('studio') }),
  variantBody('ai-plain', { name: 'AI, no label', origin: 'ai', media: image('ai') }),
  variantBody('ai-label', { name: 'AI, "Made with AI"', origin: 'ai', disclosure: { style: 'label', text: 'Made with AI' }, media: image('ai') }),
  variantBody('ai-words', { name: 'AI, "AI-generated image"', origin: 'ai', disclosure: { style: 'label', text: 'AI-generated image' }, media: image('ai') }),
  variantBody('ai-icon', { name: 'AI, icon', origin: 'ai', disclosure: { style: 'icon', text: 'Made with AI' }, media: image('ai') }),
];
const NOTICED: Record<string, number> = { studio: 0.1, 'ai-plain': 0.36, 'ai-label': 0.49, 'ai-words': 0.46, 'ai-icon': 0.38 };

describe.skipIf(!HAS_CHROMIUM)('the disclosure designs in the dashboard', () => {
  let browser: Browser;
  let database: TestDatabase;
  let t: TestApp;
  let server: HttpServer;
  let context: BrowserContext;
  let experimentId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    database = await openTestDatabase('sqlite');
    t = buildTestApp(database, { env: { CANDOR_RATE_LIMIT: '0' } });
    server = await listen(t.app);
    const site = await createSite(t, { name: 'Designs', allowedOrigins: ['https://shop.example'], disclosurePolicy: 'research' });
    const experiment = await createExperiment(t, site.id, { key: 'designs', slot: 'designs', variants: VARIANTS, survey: { question: 'noticed' } });
    experimentId = experiment.id;
    expect((await setStatus(t, experiment.id, 'running')).status).toBe(200);
    const behaviour = (variant: string): ArmBehaviour => ({ click: 0.2, cart: variant === 'ai-words' ? 0.12 : 0.2, trust: 3.6, noticed: NOTICED[variant]! });
    await sendTraffic({ baseUrl: server.url, siteKey: site.publicKey, experimentKey: 'designs', visitors: 400, prefix: 'd-', behaviour, time: () => t.clock.now }, seeded(15));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await t?.writer.close();
    await database?.cleanup();
  });

  async function openResults(): Promise<{ page: Page; doc: ResultsDocument; problems: ReturnType<typeof watchProblems> }> {
    context = await newDesktopContext(browser);
    await routeCreatives(context);
    expect((await context.request.post(`${server.url}/api/session`, { data: { token: ADMIN_TOKEN } })).status()).toBe(200);
    const page = await context.newPage();
    const problems = watchProblems(page);
    const response = page.waitForResponse((answer) => new URL(answer.url()).pathname === `/api/experiments/${experimentId}/results`);
    await page.goto(`${server.url}/experiments/${experimentId}`);
    const doc = (await (await response).json()) as ResultsDocument;
    await page.getByTestId('headline').waitFor();
    return { page, doc, problems };
  }

  it('lists each design with its noticed share, its cost against the unlabelled AI arm and its verdict at the margin, and the wording factor', async () => {
    const { page, doc, problems } = await openResults();
    expect(doc.designs.baseline.against).toBe('undisclosed-ai');
    const rows = page.locator('.designs-table tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    for (const design of doc.designs.designs) {
      const row = page.locator(`.designs-table tr[data-design="${design.variant}"]`);
      const text = await row.innerText();
      expect(text).toContain(`${Math.round(design.noticed.share! * 100)}%`);
      expect(text).toContain(design.nonInferiority.nonInferior ? 'Yes' : 'Not shown');
      await expect(page.locator('.designs-sentences').innerText()).resolves.toContain(design.sentence);
    }
    expect(await page.locator('.designs-table tr[data-design="ai-icon"] th').innerText()).toContain('AI icon');
    const wording = page.locator('.factors-table tr[data-term="wording:1"]');
    expect(await wording.innerText()).toContain('"AI-generated image" vs "Made with AI"');
    expect(await page.locator('.factors-table tr[data-term="style:icon"]').count()).toBe(1);
    await page.locator('#disclosure-title').scrollIntoViewIfNeeded();
    await page.locator('section[aria-labelledby="disclosure-title"]').screenshot({ path: artifactPath('designs-panel.png') });
    expect(problems).toEqual({ errors: [], dialogs: [] });
  });
});

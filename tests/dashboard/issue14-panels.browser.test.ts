// Issue 14's panels in Chromium, from the real built dashboard on a real server, with data made
// through the real API (events with segment props on their exposures): decisions beside the
// answer, results by segment, adjusted figures, the revenue cap, lift by days since first
// exposure, the list's decision chip, and the editor's planning panel. Nothing is intercepted.
// The first block checks each panel says what the document holds, empty or not; the second checks
// the sections filled by the server's builders.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverKnows } from '../../client/dashboard/experiments/plan-settings.js';
import type { ResultsDocument } from '../../client/dashboard/types.js';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, listen, newDesktopContext, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, variantBody } from '../helpers/fixtures.js';
import { countColouredPixels, CREATIVE_HOST, routeCreatives, watchProblems } from './page-helpers.js';
import { seeded, sendTraffic, type ArmBehaviour } from './traffic.js';

const DAY = 86_400_000;
const DECISION_HEADLINE = /wins on|^Keep |^Keep running|No difference worth waiting for|No clear answer yet|Not enough data yet/;
const PLAN_SENTENCE = /about [\d,]+ days? \([\d,]+ visitors per arm\) for 80% power/;

/** A world of its own per block: a SQLite file, the app on a clock three days back, Chromium. */
function world() {
  const state = {} as { browser: Browser; database: TestDatabase; t: TestApp; server: HttpServer; context?: BrowserContext; now: number };
  beforeAll(async () => {
    state.now = Date.now();
    state.browser = await launchBrowser();
    state.database = await openTestDatabase('sqlite');
    // Three days back, so the traffic spans days since first exposure and calendar days.
    state.t = buildTestApp(state.database, { clock: { now: state.now - 3 * DAY }, env: { CANDOR_RATE_LIMIT: '0' } });
    state.server = await listen(state.t.app);
  }, 30_000);
  afterEach(async () => {
    await state.context?.close();
    state.context = undefined;
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.server?.close();
    await state.t?.writer.close();
    await state.database?.cleanup();
  });
  const page = async (): Promise<Page> => {
    state.context = await newDesktopContext(state.browser);
    await routeCreatives(state.context);
    const login = await state.context.request.post(`${state.server.url}/api/session`, { data: { token: ADMIN_TOKEN } });
    expect(login.status()).toBe(200);
    return state.context.newPage();
  };
  return { state, page };
}

/**
 * A running experiment with three days of visitors whose exposures say their device and source.
 * The AI arm lifts add-to-cart on mobile and lowers it on desktop: an effect that differs by device.
 */
async function runningExperiment(state: ReturnType<typeof world>['state'], key: string, extra: Record<string, unknown> = {}) {
  const { t, server, now } = state;
  const site = await createSite(t, { name: `Shop ${key}`, allowedOrigins: ['https://shop.example'] });
  const experiment = await createExperiment(t, site.id, { key, slot: key, guardrailMetrics: ['trust', 'revenue'], survey: { question: 'trust' }, ...extra });
  expect((await setStatus(t, experiment.id, 'running')).status).toBe(200);
  const device = (index: number) => (index % 2 === 0 ? 'mobile' : 'desktop');
  const behaviour = (variant: string, index: number): ArmBehaviour => {
    const ai = variant !== 'studio';
    const cart = device(index) === 'mobile' ? (ai ? 0.45 : 0.08) : ai ? 0.08 : 0.3;
    return { click: 0.2, cart, trust: ai ? 3.4 : 3.8, noticed: 0.5 };
  };
  const random = seeded(14);
  for (let day = 0; day < 3; day++) {
    t.clock.now = now - (3 - day) * DAY + 3_600_000;
    await sendTraffic(
      {
        baseUrl: server.url,
        siteKey: site.publicKey,
        experimentKey: key,
        visitors: 160,
        prefix: `${key}-d${day}-`,
        behaviour,
        props: (index) => ({ device: device(index), source: index % 3 === 0 ? 'search' : 'direct' }),
        time: () => t.clock.now,
      },
      random,
    );
  }
  t.clock.now = now;
  return { site, experiment };
}

/** Opens the results page and returns the document it drew from (its own one request). */
async function openResults(page: Page, baseUrl: string, experimentId: string): Promise<ResultsDocument> {
  const response = page.waitForResponse((answer) => new URL(answer.url()).pathname === `/api/experiments/${experimentId}/results`);
  await page.goto(`${baseUrl}/experiments/${experimentId}`);
  const answer = await response;
  expect(answer.status()).toBe(200);
  await page.getByTestId('headline').waitFor();
  return (await answer.json()) as ResultsDocument;
}

/** A draft whose creatives the test serves (page-helpers.ts), so the editor's previews load. */
function draftBody(key: string) {
  return {
    key,
    slot: key,
    guardrailMetrics: ['trust', 'revenue'],
    variants: [
      variantBody('studio', { control: true, name: 'Studio photo', media: { type: 'image', url: `${CREATIVE_HOST}/studio.svg`, alt: 'A ring' } }),
      variantBody('ai-labelled', { name: 'AI image, labelled', origin: 'ai', disclosure: { style: 'label' }, media: { type: 'image', url: `${CREATIVE_HOST}/ai.svg`, alt: 'A ring' } }),
    ],
  };
}

async function fillPlanning(page: Page) {
  await page.getByLabel('Visitors a day in the slot').fill('800');
  await page.getByLabel('Planned effect (relative lift, %)').fill('10');
  await page.locator('#plan-added_to_cart-baseline').fill('4');
  await page.locator('#plan-trust-baseline').fill('3.8');
  await page.locator('#plan-trust-sd').fill('1.1');
  await page.locator('#plan-revenue-baseline').fill('2.5');
  await page.locator('#plan-revenue-sd').fill('14');
}

describe.skipIf(!HAS_CHROMIUM)('issue 14 panels in Chromium: each says what the document holds, empty or not', () => {
  const { state, page: loggedInPage } = world();
  let ids: { site: { id: string }; experiment: { id: string } };

  beforeAll(async () => {
    ids = await runningExperiment(state, 'panels');
  }, 60_000);

  it('draws decisions, segments, adjusted figures, the revenue line and lift by days since first seen from the one document', async () => {
    const page = await loggedInPage();
    const problems = watchProblems(page);
    const doc = await openResults(page, state.server.url, ids.experiment.id);

    if (doc.decisions.length === 0) {
      expect(await page.getByTestId('decisions-empty').isVisible()).toBe(true);
    } else {
      expect(await page.locator('.decision').count()).toBe(doc.decisions.length);
    }

    const segments = page.getByTestId('segments-panel');
    expect(await segments.getByRole('heading', { name: 'By segment' }).isVisible()).toBe(true);
    if (doc.segments.dimensions.length === 0) {
      expect(await segments.getByTestId('segments-empty').textContent()).toBe(`No segment data yet. ${doc.segments.note}`);
    } else {
      expect(await segments.getByTestId('segments-correction').textContent()).toContain(`all ${doc.segments.tests} level comparisons`);
    }

    const adjusted = page.getByTestId('adjusted-panel');
    expect(await adjusted.getByRole('heading', { name: 'Adjusted for segments' }).isVisible()).toBe(true);
    if (!doc.adjusted.available) expect(await adjusted.getByTestId('adjusted-empty').textContent()).toContain(doc.adjusted.reason ?? 'No metric could be adjusted.');

    if (doc.revenueCap) expect(await page.getByTestId('revenue-cap').textContent()).toContain(doc.revenueCap.statement);
    else expect(await page.getByTestId('revenue-uncapped').isVisible()).toBe(true);

    const novelty = page.getByTestId('novelty-panel');
    expect(await novelty.getByRole('heading', { name: 'Lift by days since first seen' }).isVisible()).toBe(true);
    const points = doc.novelty.find((entry) => entry.metric === doc.experiment.primaryMetric)?.points ?? doc.novelty[0]?.points ?? [];
    if (points.length === 0) expect(await novelty.getByTestId('novelty-empty').isVisible()).toBe(true);
    else expect(await countColouredPixels(page, '#novelty-lift')).toBeGreaterThan(200);

    // The calendar chart beside it still draws.
    expect(await countColouredPixels(page, '#cumulative-lift')).toBeGreaterThan(200);
    await page.screenshot({ path: artifactPath('issue14-results.png'), fullPage: true });
    expect(problems.errors).toEqual([]);
  });

  it('shows the primary decision as a chip in the experiment list where the results give one', async () => {
    const page = await loggedInPage();
    const doc = (await state.t.call('GET', `/api/experiments/${ids.experiment.id}/results`)).body as ResultsDocument;
    await page.goto(`${state.server.url}/sites/${ids.site.id}`);
    await page.getByRole('link', { name: doc.experiment.name }).waitFor();
    await page.locator('.headline-cell').first().waitFor();
    const chips = page.locator('.experiments-table .decision-chip');
    expect(await chips.count()).toBe(doc.decisions.some((decision) => decision.role === 'primary') ? 1 : 0);
  });

  it('plans in the editor: checks the inputs in place, asks POST /api/plan, and shows the answer or its error inline', async () => {
    const draft = await createExperiment(state.t, ids.site.id, draftBody('planned'));
    const page = await loggedInPage();
    const problems = watchProblems(page);
    await page.goto(`${state.server.url}/experiments/${draft.id}/edit`);
    const panel = page.getByTestId('planning-panel');
    await panel.getByRole('heading', { name: 'Planning: how long will it take?' }).waitFor();

    // Nothing typed: the first input to fix says so, and nothing is sent.
    await panel.getByRole('button', { name: 'Estimate the duration' }).click();
    await panel.getByText('Give the visitors a day the slot gets, a number above 0.').waitFor();

    await fillPlanning(page);
    const planned = page.waitForResponse((answer) => new URL(answer.url()).pathname === '/api/plan');
    // Enter in a planning input estimates; it does not save the experiment.
    await page.locator('#plan-revenue-sd').press('Enter');
    const answer = await planned;
    expect(answer.request().postDataJSON()).toEqual({
      dailyVisitors: 800,
      arms: 2,
      plannedEffect: 0.1,
      metrics: [
        { metric: 'added_to_cart', baseline: 0.04 },
        { metric: 'trust', baseline: 3.8, sd: 1.1 },
        { metric: 'revenue', baseline: 2.5, sd: 14 },
      ],
    });
    if (answer.ok()) {
      expect(await panel.getByTestId('plan-answer').textContent()).toMatch(PLAN_SENTENCE);
    } else {
      // Before the server side lands, the route is missing: its error shows in the panel, not in a dialog.
      await panel.getByRole('alert').waitFor();
      expect(await panel.getByRole('alert').textContent()).toContain('That did not work');
      problems.errors = problems.errors.filter((error) => !error.includes('404'));
    }

    // The revenue cap: settable on a draft once the server stores it.
    const none = page.getByTestId('revenue-cap-fields').getByLabel('No cap');
    expect(await none.isChecked()).toBe(true);
    expect(await none.isDisabled()).toBe(!serverKnows('revenueCap'));

    await panel.screenshot({ path: artifactPath('issue14-editor-planning.png') });
    expect(problems.dialogs).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});

// Needs the server-side builders of issue 14 (segments, adjusted, decisions, novelty, revenue cap,
// POST /api/plan, the planned effect and cap on experiments). The lead enables it at integration.
describe.skipIf(!HAS_CHROMIUM)('issue 14 panels filled by the server\'s builders', () => {
  const { state, page: loggedInPage } = world();
  let ids: { site: { id: string }; experiment: { id: string } };

  beforeAll(async () => {
    ids = await runningExperiment(state, 'filled', { plannedEffect: 0.2, revenueCap: { kind: 'value', value: 100 } });
  }, 60_000);

  it('gives a decision card in words for each arm on the primary metric and each guardrail', async () => {
    const page = await loggedInPage();
    const doc = await openResults(page, state.server.url, ids.experiment.id);
    expect(doc.decisions.map((decision) => decision.metric).sort()).toEqual(['added_to_cart', 'revenue', 'trust']);
    const cards = page.locator('.decision');
    expect(await cards.count()).toBe(3);
    for (const text of await page.locator('.decision-headline').allTextContents()) expect(text.replace(/^\S+\s+/, '')).toMatch(DECISION_HEADLINE);
    // The primary metric's card comes first, tagged.
    expect(await page.locator('.decision-about').first().textContent()).toMatch(/^Add-to-cart\s*primary/i);
    expect(await page.locator('.decision-sentence').first().textContent()).toBe(doc.decisions.find((decision) => decision.role === 'primary')!.sentence);
  });

  it('shows each segment dimension with its levels, the correction in words, and flags the effect that differs by device', async () => {
    const page = await loggedInPage();
    const doc = await openResults(page, state.server.url, ids.experiment.id);
    const names = doc.segments.dimensions.map((dimension) => dimension.name);
    expect(names).toEqual(expect.arrayContaining(['device', 'source']));
    const panel = page.getByTestId('segments-panel');
    expect(await panel.getByTestId('segments-correction').textContent()).toContain(`all ${doc.segments.tests} level comparisons`);
    const device = panel.locator('[data-dimension="device"]');
    for (const level of ['mobile', 'desktop']) expect(await device.getByRole('rowheader', { name: level }).isVisible()).toBe(true);
    expect(await device.getByTestId('differs-flag').textContent()).toContain('differs by');
    expect(await device.textContent()).toMatch(/differs by device \(interaction p (=|<) [\d.]+, corrected\)/);
  });

  it('puts the adjusted difference beside the raw one with the variance it removed, or says why not', async () => {
    const page = await loggedInPage();
    const doc = await openResults(page, state.server.url, ids.experiment.id);
    const panel = page.getByTestId('adjusted-panel');
    if (doc.adjusted.available) {
      expect(await panel.locator('tbody tr').count()).toBe(doc.adjusted.metrics.reduce((sum, entry) => sum + entry.comparisons.length, 0));
      expect(await panel.getByTestId('variance-sentences').textContent()).toMatch(/Adjustment removed/);
      expect(await panel.textContent()).toContain(doc.adjusted.strata.join(' × '));
    } else {
      expect(doc.adjusted.reason).toBeTruthy();
      expect(await panel.getByTestId('adjusted-empty').textContent()).toContain(doc.adjusted.reason!);
    }
  });

  it('states the revenue cap near the revenue figures and lists capped revenue as a metric', async () => {
    const page = await loggedInPage();
    const doc = await openResults(page, state.server.url, ids.experiment.id);
    expect(doc.revenueCap).not.toBeNull();
    expect(await page.getByTestId('revenue-cap').textContent()).toContain(doc.revenueCap!.statement);
    expect(doc.metrics.some((metric) => metric.metric === ('revenue_capped' as never))).toBe(true);
  });

  it('draws lift by days since first exposure next to the calendar chart', async () => {
    const page = await loggedInPage();
    const doc = await openResults(page, state.server.url, ids.experiment.id);
    expect(doc.novelty.some((entry) => entry.points.length > 0)).toBe(true);
    expect(await countColouredPixels(page, '#novelty-lift')).toBeGreaterThan(200);
    await page.screenshot({ path: artifactPath('issue14-results-filled.png'), fullPage: true });
  });

  it('shows the primary decision as a chip with words in the list', async () => {
    const page = await loggedInPage();
    await page.goto(`${state.server.url}/sites/${ids.site.id}`);
    const chip = page.locator('.experiments-table .decision-chip');
    await chip.waitFor();
    expect(await chip.textContent()).toMatch(/wins|Keep|No difference|No clear answer|Not enough data/);
  });

  it('answers the plan in days and visitors per arm, and saves the planned effect and revenue cap from the editor', async () => {
    const draft = await createExperiment(state.t, ids.site.id, draftBody('planned-filled'));
    const page = await loggedInPage();
    await page.goto(`${state.server.url}/experiments/${draft.id}/edit`);
    const panel = page.getByTestId('planning-panel');
    await panel.getByRole('heading', { name: 'Planning: how long will it take?' }).waitFor();
    await fillPlanning(page);
    await page.getByLabel('Planned effect (relative lift, %)').fill('15');
    await panel.getByRole('button', { name: 'Estimate the duration' }).click();
    await panel.getByTestId('plan-answer').waitFor();
    const items = await panel.getByTestId('plan-answer').locator('li').allTextContents();
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(PLAN_SENTENCE);
    await panel.screenshot({ path: artifactPath('issue14-editor-planning-filled.png') });

    const fields = page.getByTestId('revenue-cap-fields');
    await fields.getByLabel('A percentile of the control’s buyers').check();
    await page.getByLabel('Percentile (50–100)').fill('99');
    await page.getByLabel('Of the first days').fill('7');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const saved = (await state.t.call('GET', `/api/experiments/${draft.id}`)).body;
    expect(saved.plannedEffect).toBeCloseTo(0.15, 12);
    expect(saved.revenueCap).toEqual({ kind: 'percentile', percentile: 99, days: 7 });
  });
});

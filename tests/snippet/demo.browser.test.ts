// The demo shop in Chromium, the way a newcomer meets Candor: the product page shows the arm the
// hash gives its visitor, with that arm's disclosure, moves nothing, and its events land. A
// screenshot per arm goes to tests/artifacts/ to look at.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVariant } from '../../server/assign/index.js';
import { ensureDemo, type Demo } from '../../server/demo/setup.js';
import { DEMO_EFFECTS } from '../../server/demo/traffic-plan.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, listen, contextsClosedAfterEach, type HttpServer } from '../helpers/browser.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { openWatched, presetVisitor, settledLayoutShift, shiftSources } from './page-helpers.js';

describe.skipIf(!HAS_CHROMIUM)('the demo shop in Chromium', () => {
  const openContext = contextsClosedAfterEach();
  let database: TestDatabase;
  let t: TestApp;
  let server: HttpServer;
  let browser: Browser;
  let demo: Demo;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    t = buildTestApp(database, { clock: { get now() { return Date.now(); } } as { now: number } });
    [server, browser] = await Promise.all([listen(t.app), launchBrowser()]);
    demo = await ensureDemo(database.db, { baseUrl: server.url, now: Date.now(), catalog: t.catalog });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await t?.writer.close();
    await database?.cleanup();
  });

  function visitorIn(arm: string): string {
    const { seed, coverage, variants } = demo.experiment;
    const weights = variants.map((variant) => variant.weight);
    for (let i = 0; ; i++) {
      const visitor = `demo-visitor-${arm}-${i}`;
      if (variants[assignVariant({ seed, coverage, weights }, visitor)]?.key === arm) return visitor;
    }
  }

  // One test per arm (not one loop), so each has the whole test timeout and can run alone with -t.
  // Retried once: a full CI run on a loaded 2-core machine once measured a shift of 0.0032 on one
  // arm that no run alone or under synthetic load reproduces; a failure now names what moved
  // (shiftSources), so the next one tells whether it is the snippet's swap or the page's own.
  it.each(Object.keys(DEMO_EFFECTS))('shows the %s arm with its own disclosure, shifts nothing, and records the visit', { retry: 1 }, async (key) => {
    const variant = demo.experiment.variants.find((arm) => arm.key === key);
    expect(variant, `the demo has an arm ${key}`).toBeDefined();
    const visitor = visitorIn(key);
    const context = await openContext(browser);
    await presetVisitor(context, visitor);
    const { page, errors } = await openWatched(context);
    await page.goto(`${server.url}/demo`);
    const slot = page.locator('[data-candor-slot]');
    const image = slot.locator('[data-candor-frame] img');
    await expect.poll(() => image.getAttribute('src')).toBe(variant!.media.url);
    expect(await image.getAttribute('alt')).toBe(variant!.media.alt);
    const shown = await slot.innerText();
    if (variant!.disclosure.style === 'none') expect(shown.trim()).toBe('');
    else expect(shown).toContain(variant!.disclosure.text!);
    const shift = await settledLayoutShift(page);
    expect(shift, (await shiftSources(page)).join('\n')).toBe(0);
    await page.screenshot({ path: artifactPath(`demo-${key}.png`), fullPage: true });
    await expect
      .poll(async () => (await database.db.selectFrom('events').select(['type', 'variantId']).where('visitorId', '=', visitor).execute()).map((row) => [row.type, row.variantId]), { timeout: 5000 })
      .toContainEqual(['exposure', variant!.id]);
    expect(errors).toEqual([]);
  });

  it('counts an add to cart from the Shopify-style product form without any code', async () => {
    const visitor = visitorIn('traditional');
    const context = await openContext(browser);
    await presetVisitor(context, `${visitor}`);
    const { page } = await openWatched(context);
    await page.goto(`${server.url}/demo`);
    await page.locator('[data-candor-frame]').waitFor();
    await Promise.all([page.waitForURL('**/demo/cart**'), page.locator('form[action="/demo/cart/add"] button[type="submit"], form[action="/demo/cart/add"] button').first().click()]);
    await expect
      .poll(async () => (await database.db.selectFrom('events').select(['type', 'value']).where('visitorId', '=', visitor).where('type', '=', 'add_to_cart').execute()).length, { timeout: 5000 })
      .toBe(1);
  });
});

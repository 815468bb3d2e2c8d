// A video label for its first N seconds: inserted by the real snippet over a real playing clip in
// Chromium, it is legible at first (WCAG AA on a light and a dark page), and gone after N seconds
// while the same label "throughout" stays. The neutral icon is named for screen readers.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVariant } from '../../server/assign/index.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, newDesktopContext } from '../helpers/browser.js';
import { experimentBody, variantBody } from '../helpers/fixtures.js';
import { measureLegibility } from './legibility.js';
import { openWatched, presetVisitor } from './page-helpers.js';
import { startShopWorld, type ShopWorld } from './shop-world.js';

const SECONDS = 2;
const ARMS: Record<string, object> = {
  timed: { style: 'label', text: 'Made with AI', position: 'top-left', showForSeconds: SECONDS },
  throughout: { style: 'label', text: 'Made with AI', position: 'top-left' },
  'icon-timed': { style: 'icon', text: 'Made with AI', position: 'bottom-right', showForSeconds: SECONDS },
};
const SLOTS = Object.keys(ARMS);
const LAYOUT = 'main{width:auto} .masthead .container{display:flex;flex-wrap:wrap;gap:16px;padding:16px} .slot{width:320px;background:none}';
const PAGES: Record<string, string> = {
  light: `${LAYOUT} body{color:#212529;background:#fff}`,
  dark: `${LAYOUT} body{color:#fff;background:#212529} span{opacity:.3;color:#222}`,
};

describe.skipIf(!HAS_CHROMIUM)('a video label shown for its first seconds, in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;
  let visitor: string;

  beforeAll(async () => {
    const pages = Object.fromEntries(Object.entries(PAGES).map(([name, css]) => [`/shop/timed-${name}`, { slots: SLOTS, css }]));
    [world, browser] = await Promise.all([startShopWorld(pages), launchBrowser()]);
    const url = world.server.url;
    const media = { type: 'video', url: `${url}/media/clip.mp4`, poster: `${url}/media/ai.svg`, alt: 'The ring turning', width: 1280, height: 720 };
    const experiments: any[] = [];
    for (const [slot, disclosure] of Object.entries(ARMS)) {
      const body = experimentBody({
        key: slot,
        slot,
        primaryMetric: 'video_completed',
        variants: [variantBody('plain', { control: true, media }), variantBody('disclosed', { origin: 'ai', disclosure, media })],
      });
      const created = await world.t.call('POST', `/api/sites/${world.site.id}/experiments`, body);
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      const started = await world.t.call('POST', `/api/experiments/${created.body.id}/status`, { status: 'running' });
      if (started.status !== 200) throw new Error(JSON.stringify(started.body));
      experiments.push(started.body);
    }
    const inDisclosed = (id: string) =>
      experiments.every((e) => e.variants[assignVariant({ seed: e.seed, coverage: e.coverage, weights: e.variants.map((v: any) => v.weight) }, id)]?.key === 'disclosed');
    for (let n = 0; !visitor; n++) if (inDisclosed(`timed-${n}`)) visitor = `timed-${n}`;
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  describe.each(Object.keys(PAGES))('on the %s page', (name) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    const wrapper = (slot: string) => page.locator(`[data-candor-slot="${slot}"] [data-candor-shown-for]`);
    const opacityOf = (slot: string) => wrapper(slot).evaluate((el) => getComputedStyle(el).opacity);

    beforeAll(async () => {
      context = await newDesktopContext(browser);
      await presetVisitor(context, visitor);
      ({ page, errors } = await openWatched(context));
      await page.goto(`${world.server.url}/shop/timed-${name}`);
      for (const slot of SLOTS) await page.locator(`[data-candor-slot="${slot}"] [data-candor-frame]`).waitFor({ state: 'attached' });
    });

    afterAll(async () => {
      await context?.close();
    });

    it('draws the timed label and icon at first, legible at 4.5:1 or more, and names the icon "Made with AI"', async () => {
      expect(await opacityOf('timed')).toBe('1');
      await page.screenshot({ path: artifactPath(`timed-label-${name}-start.png`) });
      for (const [slot, text] of [['timed', 'Made with AI'], ['throughout', 'Made with AI'], ['icon-timed', 'AI']] as const) {
        const drawn = await page.locator(`[data-candor-slot="${slot}"]`).getByText(text, { exact: true }).evaluate(measureLegibility);
        expect(drawn.problems, slot).toEqual([]);
        expect(drawn.contrast, `${slot}: ${drawn.colour} on ${drawn.background}`).toBeGreaterThanOrEqual(4.5);
        expect(drawn.contrastOnPage, slot).toBeGreaterThanOrEqual(4.5);
      }
      await expect(page.locator('[data-candor-slot="icon-timed"]').getByRole('img', { name: 'Made with AI' }).count()).resolves.toBe(1);
    });

    it(`hides the timed label and icon ${SECONDS} s in, while the video plays on and the label throughout stays`, async () => {
      const insertedAt = await wrapper('timed').evaluate((el) => el.getAnimations()[0]!.startTime as number);
      await expect.poll(() => opacityOf('timed'), { timeout: (SECONDS + 4) * 1000, interval: 100 }).toBe('0');
      const hiddenAt = await page.evaluate(() => document.timeline.currentTime as number);
      expect(hiddenAt - insertedAt).toBeGreaterThanOrEqual(SECONDS * 1000 - 50);
      // The icon's slot is filled when its own video can play, which may be a little later: its
      // time runs from its own insertion.
      const iconInsertedAt = await wrapper('icon-timed').evaluate((el) => el.getAnimations()[0]?.startTime as number | undefined);
      await expect.poll(() => opacityOf('icon-timed'), { timeout: (SECONDS + 4) * 1000, interval: 100 }).toBe('0');
      if (iconInsertedAt !== undefined) {
        const iconHiddenAt = await page.evaluate(() => document.timeline.currentTime as number);
        expect(iconHiddenAt - iconInsertedAt).toBeGreaterThanOrEqual(SECONDS * 1000 - 50);
      }
      expect(await page.locator('[data-candor-slot="throughout"]').getByText('Made with AI', { exact: true }).evaluate((el) => getComputedStyle(el.parentElement!).opacity)).toBe('1');
      expect(await page.locator('[data-candor-slot="throughout"] [data-candor-shown-for]').count()).toBe(0);
      const played = await page.locator('[data-candor-slot="timed"] video').evaluate((video: HTMLVideoElement) => video.currentTime);
      expect(played).toBeGreaterThan(SECONDS - 1);
      await page.screenshot({ path: artifactPath(`timed-label-${name}-after.png`) });
    });

    it('logs no error', () => {
      expect(errors).toEqual([]);
    });
  });
});

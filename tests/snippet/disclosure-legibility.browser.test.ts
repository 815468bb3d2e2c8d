// Every disclosure style (label, badge, the neutral icon, caption, Content Credentials), inserted by the real snippet into real shop pages in Chromium (a light
// Bootstrap-like page, its dark masthead, a dark page, and a page whose stylesheet fights back),
// must be drawn in its own colours at WCAG AA (4.5:1), at 12px or more, whole and unhidden.
// Screenshots go to tests/artifacts/ to be looked at.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignVariant } from '../../server/assign/index.js';
import { artifactPath, HAS_CHROMIUM, launchBrowser, newDesktopContext } from '../helpers/browser.js';
import { experimentBody, variantBody } from '../helpers/fixtures.js';
import { measureLegibility } from './legibility.js';
import { openWatched, presetVisitor } from './page-helpers.js';
import { startShopWorld, type ShopWorld } from './shop-world.js';

const CAPTION = 'This image was created with generative AI.';
const LONG_CAPTION = 'This image was created with generative AI (Imagen 4) from a photograph of our Lumen ring; the setting, the light and the sand are not real.';

const ARMS: Record<string, { origin: string; disclosure: object; picture: string }> = {
  'legal-label': { origin: 'ai', disclosure: { style: 'label', text: 'Made with AI', position: 'top-left' }, picture: 'ai.svg' },
  'legal-badge': { origin: 'ai', disclosure: { style: 'badge', text: 'Made with AI', position: 'bottom-right' }, picture: 'ai.svg' },
  'legal-icon': { origin: 'ai', disclosure: { style: 'icon', text: 'Made with AI', position: 'top-left' }, picture: 'ai.svg' },
  'legal-caption-above': { origin: 'ai', disclosure: { style: 'caption', text: LONG_CAPTION, position: 'above' }, picture: 'caption.svg' },
  'legal-caption-below': { origin: 'ai', disclosure: { style: 'caption', text: CAPTION, position: 'below' }, picture: 'caption.svg' },
  'legal-credentials': { origin: 'ai', disclosure: { style: 'credentials', position: 'top-right' }, picture: 'studio.svg' },
};
const SLOTS = Object.keys(ARMS);

/** The texts drawn, by slot; the Content Credentials panel is measured once its <details> is open. */
const DISCLOSURES = [
  { slot: 'legal-label', text: 'Made with AI' },
  { slot: 'legal-badge', text: 'AI' },
  { slot: 'legal-icon', text: 'AI' },
  { slot: 'legal-caption-above', text: LONG_CAPTION },
  { slot: 'legal-caption-below', text: CAPTION },
  { slot: 'legal-credentials', text: 'CR' },
  { slot: 'legal-credentials', text: 'Content Credentials' },
];

const LAYOUT = 'main{width:auto} .masthead .container{display:flex;flex-wrap:wrap;gap:16px;padding:16px} .slot{width:300px;background:none}';
// Bootstrap 5's reboot and its .bg-dark masthead: the page's dark text on a dark header is what
// made a caption 1:1 on a real shop.
const BOOTSTRAP = 'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1rem;line-height:1.5;color:#212529;background-color:#fff} p{margin-top:0;margin-bottom:1rem} img,svg{vertical-align:middle}';
const PAGES: Record<string, string> = {
  light: `${LAYOUT} ${BOOTSTRAP}`,
  'dark-masthead': `${LAYOUT} ${BOOTSTRAP} .masthead{background-color:#212529!important}`,
  dark: `${LAYOUT} ${BOOTSTRAP} body{color:#fff;background:#212529}`,
  hostile: `${LAYOUT} ${BOOTSTRAP}
    *{color:#888!important;background-color:#999!important;opacity:.9!important;font-size:7px!important;line-height:.6!important;letter-spacing:-1px!important;text-transform:uppercase!important;-webkit-text-fill-color:#999!important}
    body{color:#fff!important;background:#212529!important}
    .container p,div p,p{display:none!important;color:#212529!important;background:#212529!important;white-space:nowrap!important;overflow:hidden!important;text-overflow:ellipsis!important;max-width:40px!important;max-height:6px!important}
    div span,span{visibility:hidden!important;filter:invert(1)!important;transform:scale(.3)!important;clip-path:inset(40%)!important;mix-blend-mode:difference!important}
    .masthead div div,.masthead div span,.masthead div p{all:unset!important}
    a,a:hover{opacity:.2!important;filter:grayscale(1) blur(1px)!important}
    details,summary{display:none!important;opacity:0!important}
    .slot>div{overflow:hidden!important;height:20px!important}`,
};

describe.skipIf(!HAS_CHROMIUM)('disclosures in Chromium, whatever the shop’s CSS', () => {
  let world: ShopWorld;
  let browser: Browser;
  let visitor: string;

  beforeAll(async () => {
    const pages = Object.fromEntries(Object.entries(PAGES).map(([name, css]) => [`/shop/${name}`, { slots: SLOTS, css }]));
    [world, browser] = await Promise.all([startShopWorld(pages), launchBrowser()]);
    const url = world.server.url;
    const experiments: any[] = [];
    for (const [slot, arm] of Object.entries(ARMS)) {
      const media = { type: 'image', url: `${url}/media/${arm.picture}`, alt: 'The ring', width: 1600, height: 900 };
      const body = experimentBody({
        key: slot,
        slot,
        variants: [
          variantBody('plain', { control: true, media: { ...media, url: `${url}/media/studio.svg` } }),
          variantBody('disclosed', { origin: arm.origin, disclosure: arm.disclosure, clickUrl: `${url}/shop/checkout`, media }),
        ],
      });
      const created = await world.t.call('POST', `/api/sites/${world.site.id}/experiments`, body);
      const started = await world.t.call('POST', `/api/experiments/${created.body.id}/status`, { status: 'running' });
      if (started.status !== 200) throw new Error(JSON.stringify(started.body));
      experiments.push(started.body);
    }
    // One visitor whom the hash puts in every experiment's disclosed arm.
    const inDisclosed = (id: string) =>
      experiments.every((e) => e.variants[assignVariant({ seed: e.seed, coverage: e.coverage, weights: e.variants.map((v: any) => v.weight) }, id)]?.key === 'disclosed');
    for (let n = 0; !visitor; n++) if (inDisclosed(`legible-${n}`)) visitor = `legible-${n}`;
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  describe.each(Object.keys(PAGES))('on the %s page', (name) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
      context = await newDesktopContext(browser);
      await presetVisitor(context, visitor);
      ({ page, errors } = await openWatched(context));
      await page.goto(`${world.server.url}/shop/${name}`);
      for (const slot of SLOTS) await page.locator(`[data-candor-slot="${slot}"] [data-candor-frame]`).waitFor({ state: 'attached' });
      await page.locator('[data-candor-slot="legal-credentials"] details').evaluate((details: HTMLDetailsElement) => (details.open = true));
      await page.screenshot({ path: artifactPath(`disclosures-${name}.png`), fullPage: true });
    });

    afterAll(async () => {
      await context?.close();
    });

    it.each(DISCLOSURES)('draws the $slot disclosure “$text” at 4.5:1 or more, at 12px or more, whole and unhidden', async ({ slot, text }) => {
      const drawn = await page.locator(`[data-candor-slot="${slot}"]`).getByText(text, { exact: true }).evaluate(measureLegibility);
      expect(drawn.problems).toEqual([]);
      expect(drawn.text).toBe(text);
      expect(drawn.fontSize).toBeGreaterThanOrEqual(12);
      expect(drawn.contrast, `${drawn.colour} on ${drawn.background}`).toBeGreaterThanOrEqual(4.5);
      expect(drawn.contrastOnPage, `${drawn.colour} on the page`).toBeGreaterThanOrEqual(4.5);
    });

    it('logs no error', () => {
      expect(errors).toEqual([]);
    });
  });
});

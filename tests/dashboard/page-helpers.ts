// What the dashboard's browser tests do to a page: serve the creatives' images (no network in
// tests), fill in one arm of the editor, count a chart's coloured pixels, collect problems.
import type { BrowserContext, Page } from 'playwright-core';

export const CREATIVE_HOST = 'https://cdn.test.example';

const svg = (fill: string, label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">` +
  `<rect width="1200" height="675" fill="${fill}"/><circle cx="600" cy="337" r="150" fill="#f4f1ea" opacity="0.85"/>` +
  `<text x="600" y="600" font-family="sans-serif" font-size="48" fill="#fff" text-anchor="middle">${label}</text></svg>`;

/** Answers every request for a creative with a drawn image, so previews load as they would. */
export async function routeCreatives(context: BrowserContext): Promise<void> {
  await context.route(`${CREATIVE_HOST}/**`, (route) => {
    const ai = route.request().url().includes('ai');
    return route.fulfill({ status: 200, contentType: 'image/svg+xml', body: svg(ai ? '#3b5b7a' : '#8a6d4b', ai ? 'AI ring' : 'Studio ring') });
  });
}

export interface Problems {
  errors: string[];
  dialogs: string[];
}

export function watchProblems(page: Page): Problems {
  const problems: Problems = { errors: [], dialogs: [] };
  page.on('console', (message) => {
    // A failed load names the resource in its location: kept, so a failure says what failed.
    const where = message.location().url;
    if (message.type() === 'error') problems.errors.push(where ? `${message.text()} (${where})` : message.text());
  });
  page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return problems;
}

export interface VariantValues {
  name: string;
  key: string;
  image: string;
  origin?: 'ai' | 'traditional' | 'hybrid';
  style?: 'none' | 'label' | 'caption' | 'badge' | 'credentials';
}

export async function fillVariant(page: Page, index: number, values: VariantValues): Promise<void> {
  const field = (name: string) => page.locator(`#v${index}-${name}`);
  await field('name').fill(values.name);
  await field('key').fill(values.key);
  if (values.origin) await field('origin').selectOption(values.origin);
  if (values.style) await field('style').selectOption(values.style);
  await field('url').fill(`${CREATIVE_HOST}/${values.image}`);
  await field('alt').fill('A gold ring on linen');
  await field('width').fill('1200');
  await field('height').fill('675');
}

/**
 * Pixels of a canvas in a saturated colour: the data's Okabe–Ito hues, not the grey of axes and
 * grid lines. A chart that drew only its frame has none.
 */
export async function countColouredPixels(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a > 100 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    return coloured;
  });
}

// Watching a page the way the snippet's tests need: its errors, its requests, its layout shifts.
import type { BrowserContext, Page } from 'playwright-core';

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions, which a shop must never see because of us. */
  errors: string[];
  /** Every URL the page asked for, with its body for posts. */
  requests: Array<{ url: string; body: string | null }>;
}

export async function openWatched(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: WatchedPage['requests'] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push({ url: request.url(), body: request.postData() }));
  // Layout shifts from the very first paint, summed as CLS is.
  await page.addInitScript(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return { page, errors, requests };
}

export function layoutShift(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__shift as number);
}

/** Makes the visitor id one the test chose, before the snippet reads it. */
export async function presetVisitor(context: BrowserContext, visitor: string): Promise<void> {
  await context.addInitScript((id) => {
    try {
      if (!localStorage.getItem('candor_vid')) localStorage.setItem('candor_vid', id);
    } catch {}
  }, visitor);
}

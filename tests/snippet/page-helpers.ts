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

/**
 * Waits until the snippet has nothing left to send, so a test can then assert that something was
 * NOT sent: pagehide makes the transport flush its queue at once (it would otherwise wait up to a
 * second), and a round trip to the server after that means every request the page made before it
 * has been seen by the test's request log (the browser reports requests in order).
 */
export async function settleSends(page: Page): Promise<void> {
  await page.evaluate(async () => {
    dispatchEvent(new Event('pagehide'));
    await fetch('/healthz');
  });
}

/**
 * The layout shift once the slot's media have loaded and two frames have been painted: the shift
 * an image's arrival could cause has been recorded by then, so no fixed wait is needed.
 */
export async function settledLayoutShift(page: Page): Promise<number> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLImageElement | HTMLVideoElement>('[data-candor-slot] img, [data-candor-slot] video')].every((media) =>
      media instanceof HTMLImageElement ? media.complete : media.readyState >= 1,
    ),
  );
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            // A fresh buffered observer hands over every shift so far at once, not in a later task.
            const observer = new PerformanceObserver(() => {});
            observer.observe({ type: 'layout-shift', buffered: true });
            const entries = observer.takeRecords() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>;
            observer.disconnect();
            const shifts = entries.filter((entry) => !entry.hadRecentInput);
            // Name what moved, so a shift under load can be told apart from the snippet's own.
            (window as unknown as { __shiftSources: string[] }).__shiftSources = shifts.flatMap((entry) =>
              ((entry as unknown as { sources?: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }> }).sources ?? []).map((source) => {
                const node = source.node as Element | undefined;
                const name = node ? `${node.nodeName.toLowerCase()}${node.id ? '#' + node.id : ''}${node.className && typeof node.className === 'string' ? '.' + node.className.split(' ').join('.') : ''}` : '?';
                return `${entry.value.toFixed(4)} ${name} ${JSON.stringify(source.previousRect)} -> ${JSON.stringify(source.currentRect)} at ${Math.round(entry.startTime)} ms`;
              }),
            );
            resolve(shifts.reduce((sum, entry) => sum + entry.value, 0));
          }),
        ),
      ),
  );
}

/** The events of one type the page has posted so far, read from its request log. */
export function sentEvents(requests: WatchedPage['requests'], type: string): Array<{ type: string; value?: number }> {
  return requests
    .filter((request) => request.url.endsWith('/v1/events') && request.body)
    .flatMap((request) => (JSON.parse(request.body!) as { events: Array<{ type: string; value?: number }> }).events)
    .filter((event) => event.type === type);
}

/** What moved in the shifts settledLayoutShift counted: for the failure message. */
export function shiftSources(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __shiftSources?: string[] }).__shiftSources ?? []);
}

// Real headless Chromium (Debian's package, driven by playwright-core) and a real HTTP server for
// it to load pages from. Browser tests are skipped, loudly, only outside CI where Chromium is not
// installed.
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { DirectRoute } from '../../server/collect/direct-route.js';
import type { Hono } from 'hono';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterEach } from 'vitest';

export const CHROMIUM_PATH = process.env.CANDOR_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** isbot (rightly) calls "HeadlessChrome" a bot, so pages present themselves as a desktop Chrome. */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return ARTIFACTS_DIR + name;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      // Videos in slots start muted without a click, as on a real page the visitor has not touched.
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export async function newDesktopContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({ userAgent: DESKTOP_USER_AGENT, viewport: { width: 1280, height: 900 }, ...options });
}

/**
 * Opens desktop contexts that are closed in afterEach, passed or failed, so a failing test leaves no
 * pages running (and sending events) into the next one. Call it once in a describe block.
 */
export function contextsClosedAfterEach(): (browser: Browser, options?: Parameters<Browser['newContext']>[0]) => Promise<BrowserContext> {
  const open: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((context) => context.close()));
  });
  return async (browser, options) => {
    const context = await newDesktopContext(browser, options);
    open.push(context);
    return context;
  };
}

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

/** The app on a real socket on 127.0.0.1 and a free port; with the direct event route ahead of it as main.ts serves, when given. */
export async function listen(app: Hono, direct?: DirectRoute): Promise<HttpServer> {
  const viaFetch = getRequestListener(app.fetch, { hostname: '127.0.0.1' });
  const server = createServer((incoming, outgoing) => {
    if (!direct?.(incoming, outgoing)) void viaFetch(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (!HAS_CHROMIUM) {
  // .ci/run installs Chromium, so in CI its absence is a broken install, not a reason to skip.
  if (process.env.CI) throw new Error(`CI: Chromium is not installed at ${CHROMIUM_PATH}; the browser tests cannot run.`);
  console.warn(`\n!!! Chromium is not installed at ${CHROMIUM_PATH}: the browser tests are SKIPPED. .ci/run installs it. !!!\n`);
}

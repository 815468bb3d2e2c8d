// `npm run bench -- page`: a shop page in headless Chromium with a ~1,000 px wide slot showing a
// real 2,048 px upload (tests/fixtures/media/C.jpg), served two ways: as Candor serves an upload
// now (srcset of its derivatives) and as it did before (the original alone, which is also what a
// variant whose media is the shop's own URL still gets). For each run, in a fresh browser context
// (nothing cached): the time from the config response's last byte to the slot being filled (the
// page's MutationObserver sees the swap; both on the page's clock) and the bytes the creative
// cost on the wire (resource timing's transferSize). Medians of RUNS runs each, and their ratios.
import { cpus, loadavg } from 'node:os';
import { launchBrowser, newDesktopContext } from '../tests/helpers/browser.js';
import { startMediaShop } from '../tests/snippet/media-shop.js';
import { countCores } from './machine.js';
import { commandLine, writeResultsJson } from './report-file.js';

const RUNS = 15;
const SLOT_WIDTH = 1000;
/**
 * Loopback moves 130 kB in about a millisecond, which hides what bytes cost a visitor: each case
 * runs again over an emulated link (Chromium's own throttling) of 20 Mbit/s down and 20 ms.
 */
const LINK = { offline: false, latency: 20, downloadThroughput: (20e6 / 8), uploadThroughput: (5e6 / 8) };

interface Run {
  fillMs: number;
  creativeBytes: number;
  /** Config response end → image response end: the part of the fill that is the network. */
  fetchedMs: number;
  url: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export async function runPageBench(command: string): Promise<void> {
  const [shop, browser] = await Promise.all([startMediaShop(), launchBrowser()]);
  try {
    const measure = async (slot: 'hero' | 'plain', throttled = false): Promise<Run> => {
      const context = await newDesktopContext(browser, { viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        if (throttled) await (await context.newCDPSession(page)).send('Network.emulateNetworkConditions', LINK);
        await page.goto(`${shop.server.url}/shop/page?w=${SLOT_WIDTH}&slot=${slot}`);
        await page.waitForFunction(() => 'first' in (window as any).__filled, undefined, { timeout: 10_000 });
        return await page.evaluate(() => {
          const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          const config = entries.find((entry) => entry.name.includes('/v1/config'))!;
          const creative = entries.filter((entry) => /\/(media|shop-media)\//.test(new URL(entry.name).pathname));
          const filled = (window as any).__filled.first as number;
          return {
            fillMs: filled - config.responseEnd,
            creativeBytes: creative.reduce((sum, entry) => sum + entry.transferSize, 0),
            fetchedMs: Math.max(...creative.map((entry) => entry.responseEnd)) - config.responseEnd,
            url: creative.map((entry) => new URL(entry.name).pathname).join(' '),
          };
        });
      } finally {
        await context.close();
      }
    };
    // One of each first, unmeasured: Chromium's own first-page costs are not the snippet's.
    await measure('hero');
    await measure('plain');
    const runs: Record<'hero' | 'plain' | 'heroLink' | 'plainLink', Run[]> = { hero: [], plain: [], heroLink: [], plainLink: [] };
    for (let run = 0; run < RUNS; run++) {
      process.stderr.write(`run ${run + 1} of ${RUNS} …\n`);
      // Alternated, so a slow moment of the machine falls on both.
      runs.plain.push(await measure('plain'));
      runs.hero.push(await measure('hero'));
      runs.plainLink.push(await measure('plain', true));
      runs.heroLink.push(await measure('hero', true));
    }
    const summary = (list: Run[]) => ({
      fillMs: median(list.map((run) => run.fillMs)),
      fetchedMs: median(list.map((run) => run.fetchedMs)),
      // After the last byte: decoding and the swap, the browser's own work on the file.
      decodeMs: median(list.map((run) => run.fillMs - run.fetchedMs)), creativeBytes: median(list.map((run) => run.creativeBytes)), url: list[0]!.url });
    const original = summary(runs.plain);
    const derived = summary(runs.hero);
    const originalLink = summary(runs.plainLink);
    const derivedLink = summary(runs.heroLink);
    const machine = { command, node: process.version, nproc: countCores(), cpu: cpus()[0]?.model ?? 'unknown', date: new Date().toISOString().slice(0, 10) };
    const report = { ...machine, slotWidth: SLOT_WIDTH, runs: RUNS, original, derivatives: derived, link: LINK, originalOverLink: originalLink, derivativesOverLink: derivedLink, fillRatio: derived.fillMs / original.fillMs, bytesRatio: derived.creativeBytes / original.creativeBytes, raw: runs };
    const ms = (n: number) => n.toFixed(1).padStart(8);
    const bytes = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
    console.log(
      [
        `A ${SLOT_WIDTH} px slot in a 1280 × 900 Chromium window, a ${(2048).toLocaleString('en-US')} px JPEG upload; median of ${RUNS} fresh contexts each`,
        '',
        `${'served'.padEnd(34)}  ${'fill ms'.padStart(8)}  ${'fetched ms'.padStart(10)}  ${'decode ms'.padStart(9)}  ${'bytes'.padStart(9)}  file`,
        ...(
          [
            ['the original alone (before)', original],
            ['srcset of its derivatives (now)', derived],
            ['the original, 20 Mbit/s + 20 ms', originalLink],
            ['derivatives, 20 Mbit/s + 20 ms', derivedLink],
          ] as const
        ).map(([label, row]) => `${label.padEnd(34)}  ${ms(row.fillMs)}  ${ms(row.fetchedMs).padStart(10)}  ${ms(row.decodeMs).padStart(9)}  ${bytes(row.creativeBytes)}  ${row.url}`),
        '',
        `fill: from the config response's last byte to the creative swapped into the slot (after img.decode()).`,
        `fetched: from the same moment to the image's last byte; decode: from that byte to the swap (median of each on its own).`,
        `The figures move with the machine's load (loadavg ${loadavg()[0]!.toFixed(1)} at the end): read them side by side, not alone.`,
        `Target: fill within 120 ms; bytes halved or better.`,
        `ratios, derivatives / original: fill ${report.fillRatio.toFixed(2)} (${(derivedLink.fillMs / originalLink.fillMs).toFixed(2)} over the link), bytes ${report.bytesRatio.toFixed(3)}.`,
        `Results in ${writeResultsJson('page.json', report)}.`,
        '',
        commandLine(machine),
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await shop.close();
  }
}

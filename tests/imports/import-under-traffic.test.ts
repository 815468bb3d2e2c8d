// A large import from the command line, a separate process, while the real server on the same
// SQLite file takes light event traffic: /healthz must keep answering fast, every batch must be
// acknowledged and stored, and the import must report what it reports on an idle database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../server/config.js';
import { openDatabase, type OpenDatabase } from '../../server/db/connect.js';
import { createServerDatabase, freePort, spawnScript, type Child, type ServerDatabase } from '../helpers/child-server.js';
import { experimentBody } from '../helpers/fixtures.js';
import { armEvent } from '../collect/helpers.js';
import { readDataset } from '../helpers/fixture-files.js';

const ADMIN_TOKEN = 'import-traffic-test-token-0123456789';
/** fetch's own user agent ("node") is taken for a bot, whose events are dropped unstored. */
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const HEALTHZ_LIMIT_MS = 250;
/** Light traffic: one batch every this many milliseconds from each of two clients. */
const BATCH_EVERY_MS = 150;
const HEALTHZ_EVERY_MS = 40;
/** Bounds on the traffic however the server behaves. */
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BATCHES = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function summary(latencies: readonly number[]): { max: number; p99: number; median: number; count: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { max: Math.round(sorted.at(-1) ?? 0), p99: at(0.99), median: at(0.5), count: sorted.length };
}

describe('an import from the command line while the server takes events [sqlite]', () => {
  let database: ServerDatabase | undefined;
  let direct: OpenDatabase | undefined;
  let csvDir: string | undefined;
  const children: Child[] = [];

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.dispose()));
    await direct?.close();
    direct = undefined;
    await database?.cleanup();
    database = undefined;
    if (csvDir) rmSync(csvDir, { recursive: true, force: true });
    csvDir = undefined;
  });

  it('keeps /healthz under 250 ms and acknowledges and stores every batch while ab_data imports', { timeout: 60_000 }, async () => {
    database = await createServerDatabase('sqlite');
    csvDir = mkdtempSync(join(tmpdir(), 'candor-import-traffic-'));
    const csv = join(csvDir, 'ab_data.csv');
    writeFileSync(csv, readDataset('ab_data.csv'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: database.url, CANDOR_ADMIN_TOKEN: ADMIN_TOKEN, CANDOR_RATE_LIMIT: '0' };
    const server = spawnScript('server/main.ts', [], env);
    children.push(server);
    await server.waitFor(/listening/);

    const admin = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${base}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const reply = (await response.json()) as any;
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(reply)}`);
      return reply;
    };
    const site = await admin('POST', '/sites', { name: 'Import traffic', allowedOrigins: ['https://shop.example'] });
    const draft = await admin('POST', `/sites/${site.id}/experiments`, experimentBody({ key: 'hero' }));
    const experiment = await admin('POST', `/experiments/${draft.id}/status`, { status: 'running' });

    let stopping = false;
    const healthz: number[] = [];
    const healthzFailures: string[] = [];
    const eventLatencies: number[] = [];
    const eventFailures: string[] = [];
    const acknowledged: string[] = [];
    let batches = 0;

    const pollHealth = async () => {
      while (!stopping) {
        const started = performance.now();
        try {
          const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          await response.text();
          if (response.status !== 200) healthzFailures.push(`status ${response.status}`);
        } catch (error) {
          healthzFailures.push(String(error));
        }
        healthz.push(performance.now() - started);
        await sleep(HEALTHZ_EVERY_MS);
      }
    };
    const sendEvents = async (client: number) => {
      while (!stopping && batches < MAX_BATCHES) {
        batches++;
        const visitor = `v_${client}_${batches}`;
        const now = Date.now();
        const events = [armEvent(experiment, visitor, 'exposure', now), armEvent(experiment, visitor, 'viewable', now), armEvent(experiment, visitor, 'click', now)];
        const started = performance.now();
        try {
          const response = await fetch(`${base}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER, origin: 'https://shop.example' },
            body: JSON.stringify({ site: site.publicKey, visitor, events }),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const reply = (await response.json()) as any;
          if (response.status === 202 && reply.accepted === events.length) acknowledged.push(...events.map((e) => e.id));
          else eventFailures.push(`${response.status} ${JSON.stringify(reply)}`);
        } catch (error) {
          eventFailures.push(String(error));
        }
        eventLatencies.push(performance.now() - started);
        await sleep(BATCH_EVERY_MS);
      }
    };

    const traffic = [pollHealth(), sendEvents(1), sendEvents(2)];
    await sleep(500);
    const importStarted = performance.now();
    const cli = spawnScript(
      'server/cli.ts',
      [
        'import', csv, '--site', site.id, '--key', 'landing-page', '--visitor', 'user_id', '--arm', 'group', '--control', 'control',
        '--day', 'timestamp', '--metric', 'converted=purchased',
        '--arm-filter', 'landing_page:control=old_page', '--arm-filter', 'landing_page:treatment=new_page',
      ],
      { CANDOR_DATABASE_URL: database.url },
    );
    children.push(cli);
    const exit = await cli.exited;
    const importMs = performance.now() - importStarted;
    await sleep(500);
    stopping = true;
    await Promise.all(traffic);

    const figures = { importMs: Math.round(importMs), healthz: summary(healthz), events: summary(eventLatencies) };
    console.log(`import under traffic: ${JSON.stringify(figures)}`);
    expect(exit, cli.stderr()).toEqual({ code: 0, signal: null });
    expect(cli.stdout()).toContain('Rows read: 294,478; kept: 290,584; dropped by --arm-filter: 3,893; duplicate visitors dropped (first row kept): 1.');
    expect(healthzFailures).toEqual([]);
    expect(eventFailures, server.stderr()).toEqual([]);
    expect(figures.healthz.max).toBeLessThan(HEALTHZ_LIMIT_MS);
    expect(figures.healthz.count).toBeGreaterThan(10);
    expect(acknowledged.length).toBeGreaterThan(0);

    direct = openDatabase(parseDatabaseUrl(database.url));
    const stored = await direct.db.selectFrom('events').select('id').where('siteId', '=', site.id).execute();
    const storedIds = new Set(stored.map((row) => row.id));
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    const facts = await direct.db.selectFrom('visitorFacts').innerJoin('experiments', 'experiments.id', 'visitorFacts.experimentId')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('experiments.key', '=', 'landing-page').executeTakeFirstOrThrow();
    expect(facts.n).toBe(290_584);
  });
});

// Durability of acknowledged events (issue "Ingestion", item 6): the real server under load from
// concurrent clients is killed with SIGKILL, restarted on the same database, and every event it
// answered 202 for must be stored, with facts and daily sums equal to a recomputation.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyConsistency } from '../../server/collect/verify.js';
import { parseDatabaseUrl } from '../../server/config.js';
import { openDatabase, type OpenDatabase } from '../../server/db/connect.js';
import { createServerDatabase, freePort, spawnScript, type Child, type ServerDatabase } from '../helpers/child-server.js';
import { TEST_DIALECTS } from '../helpers/databases.js';
import { experimentBody, variantBody } from '../helpers/fixtures.js';
import { armOf, event } from './helpers.js';

const ADMIN_TOKEN = 'durability-test-token-0123456789';
const CLIENTS = 8;
/** The kill comes after this many acknowledged batches or this long into the load, whichever first. */
const KILL_AFTER_BATCHES = 300;
const KILL_AFTER_MS = 2000;
/** Bounds on the load however the server behaves. */
const MAX_REQUESTS = 5000;
const REQUEST_TIMEOUT_MS = 5000;
/** fetch's own user agent ("node") is taken for a bot, whose events are dropped unstored. */
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

interface SentBatch {
  body: string;
  ids: string[];
}

interface Load {
  acknowledged: SentBatch[];
  /** Every event id ever sent, acknowledged or not. */
  sentIds: Set<string>;
  /** Requests that failed once the kill was under way: the server died under them. */
  unacknowledged: number;
  /** Anything else: a non-202 answer, a rejected event, a failure before the kill. */
  unexpected: string[];
  requests: number;
  killing: boolean;
}

class Visitors {
  private readonly seen: string[] = [];

  constructor(private readonly experiment: any) {}

  /** A fresh visitor in the experiment, or now and then one that has sent batches before. */
  next(): string {
    if (this.seen.length > 0 && Math.random() < 0.3) return this.seen[Math.floor(Math.random() * this.seen.length)]!;
    return this.fresh();
  }

  fresh(): string {
    for (;;) {
      const visitor = `v_${randomBytes(9).toString('base64url')}`;
      if (armOf(this.experiment, visitor) === null) continue;
      this.seen.push(visitor);
      return visitor;
    }
  }
}

const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** 10–50 events for one visitor: an exposure in their arm, then a mix of what visitors do. */
function batchFor(siteKey: string, experiment: any, visitor: string, now: number): SentBatch {
  const arm = armOf(experiment, visitor).key as string;
  const ts = () => now - between(0, 4 * 60_000);
  const tagged = (type: string, fields: Record<string, unknown> = {}) => event(type, ts(), { experiment: experiment.key, variant: arm, ...fields });
  const money = () => between(100, 50_000) / 100;
  const makers = [
    () => tagged('exposure'),
    () => tagged('viewable'),
    () => tagged('click'),
    () => tagged('video_start'),
    () => tagged('video_progress', { value: [25, 50, 75, 100][between(0, 3)] }),
    () => tagged('survey', { name: 'trust', value: between(1, 5) }),
    () => tagged('survey', { name: 'noticed', value: between(0, 1) }),
    () => event('add_to_cart', ts(), { value: money() }),
    () => tagged('add_to_cart', { value: money() }),
    () => event('purchase', ts(), { value: money(), order: randomUUID() }),
  ];
  const events = [tagged('exposure')];
  const size = between(10, 50);
  while (events.length < size) events.push(makers[between(0, makers.length - 1)]!());
  return { body: JSON.stringify({ site: siteKey, visitor, events }), ids: events.map((e) => e.id) };
}

async function postBatch(base: string, body: string): Promise<{ status: number; reply: any }> {
  const response = await fetch(`${base}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, reply: text ? JSON.parse(text) : null };
}

async function clientLoop(base: string, siteKey: string, experiment: any, visitors: Visitors, load: Load): Promise<void> {
  while (!load.killing && load.requests < MAX_REQUESTS) {
    load.requests++;
    const batch = batchFor(siteKey, experiment, visitors.next(), Date.now());
    for (const id of batch.ids) load.sentIds.add(id);
    try {
      const { status, reply } = await postBatch(base, batch.body);
      if (status === 202 && reply.rejected.length === 0 && reply.accepted + reply.duplicates === batch.ids.length) load.acknowledged.push(batch);
      else load.unexpected.push(`${status} ${JSON.stringify(reply)}`);
    } catch (error) {
      if (load.killing) load.unacknowledged++;
      else load.unexpected.push(`request failed before the kill: ${String(error)}`);
    }
  }
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
}

for (const dialect of TEST_DIALECTS) {
  describe(`durability after kill -9 [${dialect}]`, () => {
    let database: ServerDatabase | undefined;
    let direct: OpenDatabase | undefined;
    const children: Child[] = [];

    afterEach(async () => {
      // Whatever happened, no server outlives the test and nothing is left on disk or in pg.
      await Promise.all(children.splice(0).map((child) => child.dispose()));
      await direct?.close();
      direct = undefined;
      await database?.cleanup();
      database = undefined;
    });

    it('stores every acknowledged event, and facts and sums equal a recomputation after a restart', async () => {
      database = await createServerDatabase(dialect);
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        PORT: String(port),
        HOST: '127.0.0.1',
        CANDOR_DATABASE_URL: database.url,
        CANDOR_ADMIN_TOKEN: ADMIN_TOKEN,
        CANDOR_RATE_LIMIT: '0',
      };
      const start = async () => {
        const child = spawnScript('server/main.ts', [], env);
        children.push(child);
        await child.waitFor(/listening/);
        return child;
      };
      const admin = async (method: string, path: string, body: unknown, expected: number) => {
        const response = await fetch(`${base}/api${path}`, {
          method,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const reply = await response.json();
        expect(response.status, JSON.stringify(reply)).toBe(expected);
        return reply as any;
      };

      const first = await start();
      const site = await admin('POST', '/sites', { name: 'Durability', allowedOrigins: ['https://shop.example'] }, 201);
      const draft = await admin(
        'POST',
        `/sites/${site.id}/experiments`,
        experimentBody({ key: 'hero', variants: [...experimentBody().variants, variantBody('studio-alt')] }),
        201,
      );
      const experiment = await admin('POST', `/experiments/${draft.id}/status`, { status: 'running' }, 200);
      expect(experiment.variants).toHaveLength(3);

      // Load from concurrent clients; the kill lands while requests are in flight.
      const load: Load = { acknowledged: [], sentIds: new Set(), unacknowledged: 0, unexpected: [], requests: 0, killing: false };
      const visitors = new Visitors(experiment);
      const loadStarted = Date.now();
      const loops = Array.from({ length: CLIENTS }, () => clientLoop(base, site.publicKey, experiment, visitors, load));
      await until(() => load.acknowledged.length >= KILL_AFTER_BATCHES || load.unexpected.length > 0, KILL_AFTER_MS);
      load.killing = true;
      first.child.kill('SIGKILL');
      const loadMs = Date.now() - loadStarted;
      await Promise.all(loops);
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(load.unexpected, first.stderr()).toEqual([]);
      expect(load.acknowledged.length).toBeGreaterThanOrEqual(10);

      const acknowledgedIds = load.acknowledged.flatMap((batch) => batch.ids);

      // Restarted on the same database: every acknowledged event is there, nothing unsent is.
      const second = await start();
      direct = openDatabase(parseDatabaseUrl(database.url));
      const storedIds = async () => {
        const rows = await direct!.db.selectFrom('events').select('id').where('siteId', '=', site.id).execute();
        return new Set(rows.map((row) => row.id));
      };
      const stored = await storedIds();
      const acknowledgedSet = new Set(acknowledgedIds);
      console.log(
        `durability [${dialect}]: ${load.acknowledged.length} batches (${acknowledgedIds.length} events) acknowledged in ${loadMs} ms; ` +
          `${load.unacknowledged} requests unacknowledged at the kill, ${[...stored].filter((id) => !acknowledgedSet.has(id)).length} of their events stored anyway`,
      );
      const missing = [...acknowledgedSet].filter((id) => !stored.has(id));
      expect(missing.length, `acknowledged but not stored: ${missing.slice(0, 5).join(', ')}`).toBe(0);
      expect([...stored].filter((id) => !load.sentIds.has(id))).toEqual([]);
      await expectConsistent(direct);

      const cli = spawnScript('server/cli.ts', ['verify'], env);
      children.push(cli);
      const cliExit = await cli.exited;
      expect(cliExit, cli.stdout() + cli.stderr()).toEqual({ code: 0, signal: null });
      expect(cli.stdout()).toContain('Everything matches');

      // A batch acknowledged before the kill, sent again, is all duplicates.
      const retried = load.acknowledged[Math.floor(load.acknowledged.length / 2)]!;
      const retry = await postBatch(base, retried.body);
      expect(retry).toEqual({ status: 202, reply: { accepted: 0, duplicates: retried.ids.length, rejected: [], dropped: {} } });

      // New batches, from new visitors and from visitors whose facts were stored before the kill.
      let added = 0;
      const earlier = load.acknowledged.slice(0, 3).map((batch) => JSON.parse(batch.body).visitor as string);
      for (const visitor of [...earlier, visitors.fresh(), visitors.fresh(), visitors.fresh()]) {
        const batch = batchFor(site.publicKey, experiment, visitor, Date.now());
        const reply = await postBatch(base, batch.body);
        expect(reply).toEqual({ status: 202, reply: { accepted: batch.ids.length, duplicates: 0, rejected: [], dropped: {} } });
        added += batch.ids.length;
      }

      second.child.kill('SIGTERM');
      expect(await second.exited, second.stderr()).toEqual({ code: 0, signal: null });
      expect((await storedIds()).size).toBe(stored.size + added);
      await expectConsistent(direct);
    }, 60_000);
  });
}

async function expectConsistent(database: OpenDatabase): Promise<void> {
  const report = await verifyConsistency(database.db);
  expect(report.facts).toBeGreaterThan(0);
  expect(report.factDifferences.length, JSON.stringify(report.factDifferences.slice(0, 3))).toBe(0);
  expect(report.sumDifferences.length, JSON.stringify(report.sumDifferences.slice(0, 3))).toBe(0);
}

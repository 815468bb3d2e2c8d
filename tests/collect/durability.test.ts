// Durability of acknowledged events (issue "Ingestion", item 6): the real server under load from
// concurrent clients is killed with SIGKILL, restarted on the same database, and every event it
// answered 202 for must be stored, with facts and daily sums equal to a recomputation. The
// scenario runs once per dialect; each case checks one of its outcomes.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
/** But never before this many, however slow a busy machine makes the server: the cases need them. */
const MIN_ACKNOWLEDGED = 10;
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

/** The server's answer to an admin call, as far as these tests read it. */
interface Created {
  id: string;
  publicKey: string;
  key: string;
  variants: Array<{ id: string; key: string; weight: number; control: boolean }>;
}

for (const dialect of TEST_DIALECTS) {
  // One scenario, run once (it costs a server start, a load and a kill), then checked case by case.
  describe(`durability after kill -9 [${dialect}]`, () => {
    let database: ServerDatabase | undefined;
    let direct: OpenDatabase | undefined;
    const children: Child[] = [];
    let base = '';
    let env: Record<string, string> = {};
    let site: Created;
    let experiment: Created;
    let visitors: Visitors;
    const load: Load = { acknowledged: [], sentIds: new Set(), unacknowledged: 0, unexpected: [], requests: 0, killing: false };
    let killed: { exit: unknown; stderr: string };
    let second: Child;
    /** The site's event ids right after the restart. */
    let stored = new Set<string>();

    const storedIds = async () => {
      const rows = await direct!.db.selectFrom('events').select('id').where('siteId', '=', site.id).execute();
      return new Set(rows.map((row) => row.id));
    };
    const start = async () => {
      const child = spawnScript('server/main.ts', [], env);
      children.push(child);
      await child.waitFor(/listening/);
      return child;
    };
    const admin = async (method: string, path: string, body: unknown, expected: number): Promise<Created> => {
      const response = await fetch(`${base}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const reply = await response.json();
      if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(reply)}`);
      return reply as Created;
    };

    beforeAll(async () => {
      database = await createServerDatabase(dialect);
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      env = { PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: database.url, CANDOR_ADMIN_TOKEN: ADMIN_TOKEN, CANDOR_RATE_LIMIT: '0' };

      const first = await start();
      site = await admin('POST', '/sites', { name: 'Durability', allowedOrigins: ['https://shop.example'] }, 201);
      const draft = await admin('POST', `/sites/${site.id}/experiments`, experimentBody({ key: 'hero', variants: [...experimentBody().variants, variantBody('studio-alt')] }), 201);
      experiment = await admin('POST', `/experiments/${draft.id}/status`, { status: 'running' }, 200);

      // Load from concurrent clients; the kill lands while requests are in flight.
      visitors = new Visitors(experiment);
      const loadStarted = Date.now();
      const loops = Array.from({ length: CLIENTS }, () => clientLoop(base, site.publicKey, experiment, visitors, load));
      await until(() => load.acknowledged.length >= KILL_AFTER_BATCHES || load.unexpected.length > 0, KILL_AFTER_MS);
      await until(() => load.acknowledged.length >= MIN_ACKNOWLEDGED || load.unexpected.length > 0, 20_000);
      load.killing = true;
      first.child.kill('SIGKILL');
      const loadMs = Date.now() - loadStarted;
      await Promise.all(loops);
      killed = { exit: await first.exited, stderr: first.stderr() };

      // Restarted on the same database.
      second = await start();
      direct = openDatabase(parseDatabaseUrl(database.url));
      stored = await storedIds();
      const acknowledged = new Set(load.acknowledged.flatMap((batch) => batch.ids));
      console.log(
        `durability [${dialect}]: ${load.acknowledged.length} batches (${acknowledged.size} events) acknowledged in ${loadMs} ms; ` +
          `${load.unacknowledged} requests unacknowledged at the kill, ${[...stored].filter((id) => !acknowledged.has(id)).length} of their events stored anyway`,
      );
    }, 60_000);

    afterAll(async () => {
      // Whatever happened, no server outlives the tests and nothing is left on disk or in pg.
      await Promise.all(children.splice(0).map((child) => child.dispose()));
      await direct?.close();
      await database?.cleanup();
    });

    it('was killed by SIGKILL under load, after answering every batch before it with 202', () => {
      expect(experiment.variants).toHaveLength(3);
      expect(killed.exit).toEqual({ code: null, signal: 'SIGKILL' });
      expect(load.unexpected, killed.stderr).toEqual([]);
      expect(load.acknowledged.length).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGED);
    });

    it('stores every event it acknowledged before the kill', () => {
      const missing = load.acknowledged.flatMap((batch) => batch.ids).filter((id) => !stored.has(id));
      expect(missing.length, `acknowledged but not stored: ${missing.slice(0, 5).join(', ')}`).toBe(0);
    });

    it('stores no event that was never sent', () => {
      expect([...stored].filter((id) => !load.sentIds.has(id))).toEqual([]);
    });

    it('keeps facts and daily sums equal to a recomputation from the stored events', async () => {
      await expectConsistent(direct!);
    });

    it('passes `candor verify` after the restart', async () => {
      const cli = spawnScript('server/cli.ts', ['verify'], env);
      children.push(cli);
      const cliExit = await cli.exited;
      expect(cliExit, cli.stdout() + cli.stderr()).toEqual({ code: 0, signal: null });
      expect(cli.stdout()).toContain('Everything matches');
    });

    it('answers a batch acknowledged before the kill, sent again, as all duplicates', async () => {
      const retried = load.acknowledged[Math.floor(load.acknowledged.length / 2)]!;
      const retry = await postBatch(base, retried.body);
      expect(retry).toEqual({ status: 202, reply: { accepted: 0, duplicates: retried.ids.length, rejected: [], dropped: {} } });
    });

    it('takes new batches from earlier and new visitors, then stops cleanly, consistent', async () => {
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
      await expectConsistent(direct!);
    });
  });
}

async function expectConsistent(database: OpenDatabase): Promise<void> {
  const report = await verifyConsistency(database.db);
  expect(report.facts).toBeGreaterThan(0);
  expect(report.factDifferences.length, JSON.stringify(report.factDifferences.slice(0, 3))).toBe(0);
  expect(report.sumDifferences.length, JSON.stringify(report.sumDifferences.slice(0, 3))).toBe(0);
}

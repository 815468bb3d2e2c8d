// Issue 16, goal 3: three real Candor processes on one PostgreSQL database (one schema), behind a
// round-robin client, all on one site and experiment, with the same visitors' batches folded by
// different processes at once. One process is killed with SIGKILL mid-load while the others keep
// serving. Every event acknowledged with 202 must be stored, the facts and sums must equal a
// recomputation from the raw events, and every acknowledged batch sent again (to a survivor, then
// to the killed process restarted on the same database) must be all duplicates.
// The scenario runs once; each case checks one of its outcomes. PostgreSQL only: SQLite has one
// writer, so several processes on one file is not a deployment Candor offers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyConsistency, type VerifyReport } from '../../server/collect/verify.js';
import { parseDatabaseUrl } from '../../server/config.js';
import { openDatabase, type OpenDatabase } from '../../server/db/connect.js';
import { createServerDatabase, freePort, startServer, type Child, type Exit, type ServerDatabase } from '../helpers/child-server.js';
import { experimentBody, variantBody } from '../helpers/fixtures.js';
import { Ledger, RoundRobin, postBatch, runClient, type Send } from './balanced-load.js';
import { SharedVisitors, type Batch } from './shared-visitors.js';

const PG_URL = process.env.CANDOR_TEST_PG_URL;
const ADMIN_TOKEN = 'multi-process-durability-token-0123';
const PROCESSES = 3;
/** The process killed mid-load. */
const VICTIM = 1;
const CLIENTS = 9;
/** The kill comes after this many acknowledged batches or this long into the load, whichever first... */
const KILL_AFTER_BATCHES = 150;
const KILL_AFTER_MS = 2000;
/** ...but never before these, however slowly a busy machine serves: the cases need them. */
const MIN_ACKNOWLEDGED = 20;
const MIN_ACKNOWLEDGED_BY_VICTIM = 5;
/** The survivors carry on after the kill for this many more batches or this long, whichever first, and at least the minimum. */
const AFTER_KILL_BATCHES = 100;
const AFTER_KILL_MS = 1500;
const MIN_AFTER_KILL = 10;
/** Bounds on the load however the servers behave. */
const MAX_REQUESTS = 4000;
const WAIT_FOR_MINIMUM_MS = 20_000;
/** Concurrent requests when acknowledged batches are sent again after the load. */
const REPLAY_CONCURRENCY = 8;
/** For the cases that send every acknowledged batch again or restart a process: a busy machine slows them. */
const SLOW_CASE_MS = 60_000;

if (!PG_URL) {
  console.warn('\n!!! CANDOR_TEST_PG_URL is not set: the multi-process durability test (three processes on one PostgreSQL) is SKIPPED. !!!\n');
}

interface Created {
  id: string;
  publicKey: string;
  key: string;
  startedAt: number;
  variants: Array<{ id: string; key: string; weight: number; control: boolean }>;
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function eachConcurrently<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const allDuplicates = (batch: Batch) => ({ status: 202, body: { accepted: 0, duplicates: batch.ids.length, rejected: [], dropped: {} } });

describe.skipIf(!PG_URL)('three processes on one PostgreSQL, one killed with kill -9 mid-load', () => {
  let database: ServerDatabase | undefined;
  let direct: OpenDatabase | undefined;
  const servers: Child[] = [];
  /** Every process ever started, for afterAll. */
  const started: Child[] = [];
  const envs: Array<Record<string, string>> = [];
  let balancer: RoundRobin;
  const ledger = new Ledger();
  let visitors: SharedVisitors;
  let site: Created;
  let killed: { exit: Exit; stderr: string };
  let acknowledgedAtKill = 0;
  /** Event rows of the site right after the load: id, type and order id. */
  let stored = new Map<string, { type: string; orderId: string | null }>();
  let afterLoad: VerifyReport;

  const start = async (index: number) => {
    const server = await startServer(envs[index]!);
    started.push(server);
    servers[index] = server;
  };
  const admin = async (method: string, path: string, body: unknown, expected: number): Promise<Created> => {
    const response = await fetch(`${balancer.bases[0]}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = await response.json();
    if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(reply)}`);
    return reply as Created;
  };
  const readStored = async () => {
    const rows = await direct!.db.selectFrom('events').select(['id', 'type', 'orderId']).where('siteId', '=', site.id).execute();
    return new Map(rows.map((row) => [row.id, { type: row.type, orderId: row.orderId }]));
  };

  beforeAll(async () => {
    database = await createServerDatabase('postgres');
    const ports = [];
    for (let index = 0; index < PROCESSES; index++) ports.push(await freePort());
    for (const port of ports) {
      envs.push({ PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: database.url, CANDOR_ADMIN_TOKEN: ADMIN_TOKEN, CANDOR_RATE_LIMIT: '0' });
    }
    balancer = new RoundRobin(ports.map((port) => `http://127.0.0.1:${port}`));

    // The first process makes the schema; the site and experiment exist before the others start,
    // so no process has them cached as unknown.
    await start(0);
    site = await admin('POST', '/sites', { name: 'Scale-out', allowedOrigins: ['https://shop.example'] }, 201);
    const draft = await admin('POST', `/sites/${site.id}/experiments`, experimentBody({ key: 'hero', variants: [...experimentBody().variants, variantBody('studio-alt')] }), 201);
    const experiment = await admin('POST', `/experiments/${draft.id}/status`, { status: 'running' }, 200);
    await Promise.all([1, 2].map(start));
    direct = openDatabase(parseDatabaseUrl(database.url));

    visitors = new SharedVisitors(site.publicKey, experiment, experiment.startedAt);
    let stopped = false;
    const failing = () => ledger.unexpected().length > 0;
    const loadStarted = Date.now();
    const clients = Array.from({ length: CLIENTS }, () =>
      runClient({ balancer, ledger, nextBatch: () => visitors.nextBatch(), stop: () => stopped || ledger.sends.length >= MAX_REQUESTS }),
    );
    await until(() => ledger.acknowledged.length >= KILL_AFTER_BATCHES || failing(), KILL_AFTER_MS);
    await until(() => (ledger.acknowledged.length >= MIN_ACKNOWLEDGED && ledger.acknowledgedBy(VICTIM) >= MIN_ACKNOWLEDGED_BY_VICTIM) || failing(), WAIT_FOR_MINIMUM_MS);

    // The balancer takes the victim out as it dies; requests already on their way to it fail.
    ledger.killing.add(VICTIM);
    balancer.markDown(VICTIM);
    servers[VICTIM]!.child.kill('SIGKILL');
    acknowledgedAtKill = ledger.acknowledged.length;
    const killedAt = Date.now();
    await until(() => ledger.acknowledged.length >= acknowledgedAtKill + AFTER_KILL_BATCHES || failing(), AFTER_KILL_MS);
    await until(() => ledger.acknowledged.length >= acknowledgedAtKill + MIN_AFTER_KILL || failing(), WAIT_FOR_MINIMUM_MS);
    stopped = true;
    await Promise.all(clients);
    killed = { exit: await servers[VICTIM]!.exited, stderr: servers[VICTIM]!.stderr() };

    stored = await readStored();
    afterLoad = await verifyConsistency(direct.db);
    const acknowledgedIds = new Set(ledger.acknowledged.flatMap((entry) => entry.batch.ids));
    const kinds = (kind: Send['kind']) => ledger.sends.filter((sent) => sent.kind === kind).length;
    console.log(
      `multi-process durability: ${ledger.sends.length} sends (${kinds('twin')} twins, ${kinds('replay')} replays) over ${Date.now() - loadStarted} ms, ` +
        `process ${VICTIM} killed after ${killedAt - loadStarted} ms; ${ledger.acknowledged.length} batches (${acknowledgedIds.size} events) acknowledged, ` +
        `${ledger.acknowledgedBy(VICTIM)} by the killed process, ${ledger.acknowledged.length - acknowledgedAtKill} after the kill; ` +
        `${ledger.failedAtKill()} sends failed at the kill, ${[...stored.keys()].filter((id) => !acknowledgedIds.has(id)).length} unacknowledged events stored anyway; ` +
        `${visitors.ids.length} visitors, ${afterLoad.facts} facts, ${afterLoad.sumRows} daily and ${afterLoad.segmentSumRows} segment sum rows`,
    );
  }, 90_000);

  afterAll(async () => {
    // Whatever happened, no server outlives the tests and nothing is left in PostgreSQL.
    await Promise.all(started.map((server) => server.dispose()));
    await direct?.close();
    await database?.cleanup();
  });

  it('kills one process with SIGKILL mid-load while the others answer every batch with 202', () => {
    expect(killed.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(ledger.unexpected(), killed.stderr).toEqual([]);
    expect(ledger.acknowledged.length).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGED + MIN_AFTER_KILL);
    expect(ledger.acknowledgedBy(VICTIM)).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGED_BY_VICTIM);
    expect(ledger.acknowledged.length - acknowledgedAtKill).toBeGreaterThanOrEqual(MIN_AFTER_KILL);
  });

  it('spread the same visitors over several processes', () => {
    const processesByVisitor = new Map<string, Set<number>>();
    for (const sent of ledger.sends) {
      if (!('status' in sent.reply) || sent.kind === 'replay') continue;
      const seen = processesByVisitor.get(sent.batch.visitor) ?? new Set<number>();
      processesByVisitor.set(sent.batch.visitor, seen.add(sent.process));
    }
    const shared = [...processesByVisitor.values()].filter((processes) => processes.size > 1).length;
    expect(shared).toBeGreaterThan(0);
  });

  it('stores every event acknowledged with 202, whichever process answered', () => {
    const storedOrders = new Map<string, string>();
    for (const [id, row] of stored) if (row.type === 'purchase' && row.orderId !== null) storedOrders.set(row.orderId, id);
    // A purchase is stored once per order: a reloaded thank-you page's purchase is a duplicate of
    // the order's first, whichever event of the order won.
    const missing = ledger.acknowledged
      .flatMap((entry) => entry.batch.ids.map((id) => ({ id, order: entry.batch.orders.get(id) })))
      .filter(({ id, order }) => !stored.has(id) && !(order !== undefined && storedOrders.has(order)));
    expect(missing.length, `acknowledged but not stored: ${JSON.stringify(missing.slice(0, 5))}`).toBe(0);
  });

  it('stores no event that was never sent', () => {
    const sent = new Set(ledger.sends.flatMap((entry) => entry.batch.ids));
    expect([...stored.keys()].filter((id) => !sent.has(id))).toEqual([]);
  });

  it('counts each stored event accepted once in all, across the processes that were sent its batch', () => {
    const sendsByBatch = new Map<Batch, Send[]>();
    for (const sent of ledger.sends) sendsByBatch.set(sent.batch, [...(sendsByBatch.get(sent.batch) ?? []), sent]);
    const wrong: string[] = [];
    for (const [batch, sends] of sendsByBatch) {
      const storedOfBatch = batch.ids.filter((id) => stored.has(id)).length;
      const accepted = sends.reduce((sum, sent) => sum + ('status' in sent.reply ? sent.reply.body.accepted : 0), 0);
      // A send cut off by the kill may have committed unanswered: its events are stored, not counted.
      const answered = sends.every((sent) => 'status' in sent.reply);
      if (answered ? accepted !== storedOfBatch : accepted > storedOfBatch) wrong.push(`${batch.visitor}: ${accepted} accepted, ${storedOfBatch} stored`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers every acknowledged batch sent again during the load with all duplicates', () => {
    const replays = ledger.sends.filter((sent) => sent.kind === 'replay' && 'status' in sent.reply);
    const notDuplicates = replays.filter((sent) => JSON.stringify(sent.reply) !== JSON.stringify(allDuplicates(sent.batch)));
    expect(notDuplicates.map((sent) => sent.reply)).toEqual([]);
  });

  it('keeps facts, daily sums and segment sums equal to a recomputation from the raw events', () => {
    expectConsistent(afterLoad);
  });

  it('answers every acknowledged batch sent again to a surviving process with all duplicates', async () => {
    const survivors = [...Array(PROCESSES).keys()].filter((index) => index !== VICTIM);
    const wrong: unknown[] = [];
    await eachConcurrently(ledger.acknowledged, REPLAY_CONCURRENCY, async ({ batch, process }, index) => {
      // Another process than the one that acknowledged it; the killed one's go to either survivor.
      const target = process === VICTIM ? survivors[index % survivors.length]! : survivors.find((survivor) => survivor !== process)!;
      const reply = await postBatch(balancer.bases[target]!, batch.body);
      if (JSON.stringify(reply) !== JSON.stringify(allDuplicates(batch))) wrong.push({ process: target, reply });
    });
    expect(wrong).toEqual([]);
  }, SLOW_CASE_MS);

  it('serves again once restarted on the same database: replays are duplicates, new batches are taken, all consistent', async () => {
    await start(VICTIM);
    balancer.markUp(VICTIM);
    const restarted = balancer.bases[VICTIM]!;
    const wrong: unknown[] = [];
    await eachConcurrently(ledger.acknowledged, REPLAY_CONCURRENCY, async ({ batch }) => {
      const reply = await postBatch(restarted, batch.body);
      if (JSON.stringify(reply) !== JSON.stringify(allDuplicates(batch))) wrong.push(reply);
    });
    expect(wrong).toEqual([]);

    // New batches for visitors each process acknowledged before, and fresh ones, over all three.
    const earlier = [...Array(PROCESSES).keys()].flatMap((index) =>
      ledger.acknowledged.filter((entry) => entry.process === index).slice(0, 3).map((entry) => entry.batch.visitor),
    );
    const batches = [...earlier, undefined, undefined, undefined].map((visitor) => visitors.batchFor(visitor, { reloads: false }));
    const replies = await Promise.all(batches.map((batch) => postBatch(balancer.bases[balancer.pick()]!, batch.body)));
    expect(replies).toEqual(batches.map((batch) => ({ status: 202, body: { accepted: batch.ids.length, duplicates: 0, rejected: [], dropped: {} } })));
    const added = batches.reduce((sum, batch) => sum + batch.ids.length, 0);
    expect((await readStored()).size).toBe(stored.size + added);
    expectConsistent(await verifyConsistency(direct!.db));

    for (const server of servers) server.child.kill('SIGTERM');
    const exits = await Promise.all(servers.map((server) => server.exited));
    expect(exits, servers.map((server) => server.stderr()).join('\n')).toEqual(servers.map(() => ({ code: 0, signal: null })));
    }, SLOW_CASE_MS);
});

function expectConsistent(report: VerifyReport): void {
  expect(report.facts).toBeGreaterThan(0);
  expect(report.factDifferences.length, JSON.stringify(report.factDifferences.slice(0, 3))).toBe(0);
  expect(report.sumDifferences.length, JSON.stringify(report.sumDifferences.slice(0, 3))).toBe(0);
  expect(report.segmentSumDifferences.length, JSON.stringify(report.segmentSumDifferences.slice(0, 3))).toBe(0);
}

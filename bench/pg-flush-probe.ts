// A quick probe of ingestion on PostgreSQL with 1..N Candor processes on one site: each worker
// builds the real app in process (no HTTP socket: parse, pipeline, group commit and store, as
// one request costs less its node:http share) and posts pre-built 10-event batches through
// app.request, 40 at a time. It prints Candor CPU µs per event (the workers' own CPU over the
// timed window) and PostgreSQL CPU µs per event (the workers' backends, read from /proc), and
// how often a backend was seen waiting on a lock.
// Run: PROBE_PG_URL=postgres://… npx tsx bench/pg-flush-probe.ts 1 3   (process counts)
// PROBE_MODE=writer times the writer alone (see worker()).
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createApp } from '../server/app.js';
import { hashToken } from '../server/auth/admin-token.js';
import { createCatalog } from '../server/collect/catalog.js';
import { createLastSeen } from '../server/collect/last-seen.js';
import type { CommitJob } from '../server/collect/commit.js';
import { createWriter, type Writer } from '../server/collect/writer.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';
import { applySchema } from '../server/db/schema.js';
import { createBodyStream } from './ingest-bodies.js';
import { seedRunningExperiment } from './servers/seed.js';

const SECONDS = Number(process.env.PROBE_SECONDS ?? 8);
const IN_FLIGHT = 40;
const EVENTS_PER_BATCH = 10;
const base = process.env.PROBE_PG_URL;
if (!base) throw new Error('PROBE_PG_URL is not set');

function urlFor(schema: string, app: string): string {
  const url = new URL(base!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', app);
  return url.href;
}

function appFor(url: string, adminToken: string) {
  const config = loadConfig({ CANDOR_DATABASE_URL: url, CANDOR_ADMIN_TOKEN: adminToken, CANDOR_RATE_LIMIT: '0' });
  const { db, dialect, close } = openDatabase(config.database, { maxConnections: 10 });
  const writer = createWriter(db, dialect);
  const app = createApp({ db, dialect, config, adminTokenHash: hashToken(adminToken), now: Date.now, catalog: createCatalog(db), writer, lastSeen: createLastSeen(db) });
  return { app, db, dialect, writer, close };
}

const cpuOf = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

async function worker(): Promise<void> {
  const { url, adminToken, siteKey, experiment, origin } = JSON.parse(process.env.PROBE_WORKER!);
  const { app, db, dialect, writer, close } = appFor(url, adminToken);
  const counters = { requests: 0, events: 0 };
  const streams = Array.from({ length: IN_FLIGHT }, () => createBodyStream({ siteKey, experiment, eventsPerBatch: EVENTS_PER_BATCH }, counters));
  const post = async (body: string) => {
    const r = await app.request('/v1/events', { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8', origin } });
    if (r.status !== 202) throw new Error(`status ${r.status}: ${await r.text()}`);
  };
  // Pre-built bodies, so generating them is not counted.
  const total = Number(process.env.PROBE_BATCHES ?? 4000);
  const warm = Math.floor(total / 5);
  const bodies = Array.from({ length: total }, (_, i) => streams[i % IN_FLIGHT]!());
  let next = 0;
  // PROBE_MODE=writer: the timed bodies go through the app once beforehand into a writer that
  // only records their jobs, and the timed run submits those jobs to the real writer: the
  // flush's own CPU (fold, store, driver), without parsing and the pipeline.
  const writerOnly = process.env.PROBE_MODE === 'writer';
  const jobs: CommitJob[] = [];
  if (writerOnly) {
    const recorder: Writer = {
      submit: async (job) => (jobs.push(job), { inserted: job.events.length, duplicates: 0 }),
      flush: async () => {},
      close: async () => {},
      queuedEvents: () => 0,
    };
    const recording = createApp({ db, dialect, config: loadConfig({ CANDOR_DATABASE_URL: url, CANDOR_ADMIN_TOKEN: adminToken, CANDOR_RATE_LIMIT: '0' }), adminTokenHash: hashToken(adminToken), now: Date.now, catalog: createCatalog(db), writer: recorder, lastSeen: createLastSeen(db) });
    for (const body of bodies.slice(Math.floor(total / 5))) {
      const r = await recording.request('/v1/events', { method: 'POST', body, headers: { 'content-type': 'text/plain;charset=UTF-8', origin } });
      if (r.status !== 202) throw new Error(`status ${r.status}`);
    }
  }
  const run = async (until: number) => {
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < until) {
          const index = next++;
          if (writerOnly && index >= Math.floor(total / 5)) await writer.submit(jobs[index - Math.floor(total / 5)]!);
          else await post(bodies[index]!);
        }
      }),
    );
  };
  await run(warm);
  process.send!({ ready: true });
  await new Promise((resolve) => process.once('message', resolve));
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  await run(total);
  const used = process.cpuUsage(cpu0);
  process.send!({ events: (total - warm) * EVENTS_PER_BATCH, cpuUs: used.user + used.system, ms: Date.now() - t0 });
  await writer.close();
  await close();
  process.exit(0);
}

async function main(counts: number[]): Promise<void> {
  for (const count of counts) {
    const schema = `probe_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const adminToken = `probe_${randomBytes(16).toString('hex')}`;
    const appName = `pgprobe_${schema}`;
    const setup = appFor(urlFor(schema, `${appName}_setup`), adminToken);
    await applySchema(setup.db, setup.dialect);
    const seeded = await seedRunningExperiment(setup.app, adminToken);
    const shape = (await (await setup.app.request(`/v1/config?site=${seeded.siteKey}`, { headers: { origin: seeded.origin } })).json()) as any;
    const experiment = shape.experiments.find((e: any) => e.key === seeded.experimentKey);
    await setup.writer.close();
    await setup.close();

    const children = Array.from({ length: count }, () =>
      fork(fileURLToPath(import.meta.url), ['worker'], {
        execArgv: ['--import', 'tsx', ...(process.env.PROBE_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROBE_PROF}`] : [])],
        env: { ...process.env, PROBE_WORKER: JSON.stringify({ url: urlFor(schema, appName), adminToken, ...seeded, experiment }) },
      }),
    );
    const ready = children.map((child) => new Promise((resolve) => child.once('message', resolve)));
    await Promise.all(ready);
    // Backends come and go with the pools: each one's CPU from when it is first seen to its last sample.
    const backends = new Map<number, { first: number; last: number }>();
    const sampleCpu = async (fresh: boolean) => {
      const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName]);
      for (const { pid } of rows) {
        const cpu = cpuOf(pid);
        const known = backends.get(pid);
        if (known) known.last = Math.max(known.last, cpu);
        else backends.set(pid, { first: fresh ? cpu : 0, last: cpu });
      }
    };
    await sampleCpu(true);
    let samples = 0;
    let waiting = 0;
    const sampler = setInterval(async () => {
      await sampleCpu(false);
      const { rows } = await admin.query("SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS n, count(*) FILTER (WHERE state = 'active')::int AS active FROM pg_stat_activity WHERE application_name = $1", [appName]);
      samples += rows[0].active;
      waiting += rows[0].n;
    }, 50);
    const done = children.map((child) => new Promise<any>((resolve) => child.once('message', resolve)));
    for (const child of children) child.send('go');
    const results = await Promise.all(done);
    clearInterval(sampler);
    await sampleCpu(false);
    const pgSeconds = [...backends.values()].reduce((sum, b) => sum + b.last - b.first, 0);
    const events = results.reduce((sum, r) => sum + r.events, 0);
    const candorUs = results.reduce((sum, r) => sum + r.cpuUs, 0);
    const ms = Math.max(...results.map((r) => r.ms));
    console.log(
      `${count} process(es): ${events} events in ${ms} ms = ${Math.round((events / ms) * 1000)} ev/s; Candor ${(candorUs / events).toFixed(1)} µs/event; ` +
        `PostgreSQL ${((pgSeconds * 1e6) / events).toFixed(1)} µs/event (${backends.size} backends); lock waits ${waiting}/${samples} active-backend samples`,
    );
    const flushes = (await admin.query(`SELECT count(DISTINCT received_at)::int AS n, count(*)::int AS events FROM ${schema}.events`)).rows[0];
    console.log(`  about ${Math.round(flushes.events / flushes.n)} events a flush (${flushes.n} distinct commit stamps)`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

if (process.argv[2] === 'worker') await worker();
else await main(process.argv.slice(2).map(Number).filter((n) => n > 0));

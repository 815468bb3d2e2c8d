// The PostgreSQL part of `npm run bench -- ingest`: 1, 2 and 3 real Candor processes (the compiled
// server/main.ts, configured by environment only) on one database and one site, 10-event batches
// spread round-robin over their ports. Candor's CPU is the sum over its processes; PostgreSQL's
// CPU and lock waits come from /proc and its statistics views (bench/pg-watch.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onStopAll, startServer, type ServerChild } from './children.js';
import { compileServer } from './compile.js';
import { checkStored, peakRssMb, type StoredCheck } from './ingest-check.js';
import { createTraffic, measureTraffic, readSiteShape } from './ingest-traffic.js';
import type { LoadResult, LoadSettings } from './load.js';
import { openBenchPostgres, type BenchPostgres } from './pg-database.js';
import { watchPostgres, type PgWatch } from './pg-watch.js';
import { overHttp, seedRunningExperiment } from './servers/seed.js';

export const PG_SCENARIOS = [
  { id: 'p1', processes: 1 },
  { id: 'p2', processes: 2 },
  { id: 'p3', processes: 3 },
] as const;
const EVENTS_PER_BATCH = 10;
/** The real server says this on stdout once it listens. */
const LISTENING = /^Candor is listening on /;

export interface PgRow extends LoadResult {
  id: string;
  processes: number;
  eventsPerSecond: number;
  /** Candor CPU µs per event, summed over its processes. */
  cpuUsPerEvent: number | null;
  /**
   * PostgreSQL CPU µs per event: its processes but other databases' sessions (bench/pg-watch.ts),
   * the part of it the bench database's backends spent, and every postgres process's; null for a
   * server on another machine.
   */
  pgCpuUsPerEvent: number | null;
  pgBenchBackendCpuUsPerEvent: number | null;
  pgEveryProcessCpuUsPerEvent: number | null;
  pg: PgWatch;
  /** The largest peak RSS among the Candor processes. */
  peakRssMb: number | null;
  stored: StoredCheck;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One process of the real server on `url`, as an operator would start it behind a load balancer. */
async function startCandor(index: number, compiled: string, env: Record<string, string>): Promise<ServerChild<object> & { port: number }> {
  const port = await freePort();
  const child = await startServer<object>(`candor-pg-${index}`, '', {
    compiled,
    readyLine: LISTENING,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', CANDOR_PUBLIC_URL: `http://127.0.0.1:${port}` },
  });
  return Object.assign(child, { port });
}

export async function runPgScenario(
  scenario: (typeof PG_SCENARIOS)[number],
  postgres: BenchPostgres,
  mainJs: string,
  settings: LoadSettings,
): Promise<PgRow> {
  const schema = await postgres.createSchema();
  const mediaDir = mkdtempSync(join(tmpdir(), 'candor-ingest-pg-media-'));
  const adminToken = `bench_${randomBytes(24).toString('base64url')}`;
  // What every process needs: the one database, a shared media directory, the same admin token.
  // All the load comes from one address, so the per-address rate limit is off.
  const env = { CANDOR_DATABASE_URL: schema.url, CANDOR_ADMIN_TOKEN: adminToken, CANDOR_MEDIA_DIR: mediaDir, CANDOR_RATE_LIMIT: '0' };
  const processes: Array<ServerChild<object> & { port: number }> = [];
  try {
    // Seeded once, through the first process, before the others start: one site, one experiment.
    processes.push(await startCandor(1, mainJs, env));
    const base = `http://127.0.0.1:${processes[0]!.port}`;
    const seeded = await seedRunningExperiment(overHttp(base), adminToken);
    for (let index = 2; index <= scenario.processes; index++) processes.push(await startCandor(index, mainJs, env));
    const site = await readSiteShape({ ...seeded, port: processes[0]!.port });

    const urls = processes.map((child) => `http://127.0.0.1:${child.port}/v1/events`);
    const candorCpu = () => {
      let total = 0;
      for (const child of processes) {
        const seconds = child.cpuSeconds();
        if (seconds === null) return null;
        total += seconds;
      }
      return total;
    };
    const traffic = createTraffic({ name: `candor-pg-${scenario.processes}`, url: urls[0]!, expect: 'accepted', serverCpuSeconds: candorCpu }, site, EVENTS_PER_BATCH, 'snippet');
    traffic.plan.urls = urls;
    let watch: Awaited<ReturnType<typeof watchPostgres>> | undefined;
    let pg: PgWatch | undefined;
    traffic.plan.onTimedRun = async (edge) => {
      if (edge === 'start') watch = await watchPostgres(schema.url, postgres.database);
      else pg = await watch!.stop();
    };
    const label = `Candor on PostgreSQL, ${scenario.processes} process${scenario.processes === 1 ? '' : 'es'}, 10-event batches`;
    const result = await measureTraffic(traffic, label, settings);
    const rss = processes.map((child) => peakRssMb(child.pid));
    await Promise.all(processes.map((child) => child.stop()));

    process.stderr.write(`checking the database of ${label} …\n`);
    const stored = await checkStored({ dialect: 'postgres', url: schema.url }, traffic.good() * EVENTS_PER_BATCH, traffic.sent.events);
    const events = result.responses * EVENTS_PER_BATCH;
    return {
      ...result,
      id: scenario.id,
      processes: scenario.processes,
      eventsPerSecond: result.requestsPerSecond * EVENTS_PER_BATCH,
      cpuUsPerEvent: result.cpuUsPerRequest === null ? null : result.cpuUsPerRequest / EVENTS_PER_BATCH,
      pgCpuUsPerEvent: pg!.cpuSeconds === null ? null : (pg!.cpuSeconds * 1e6) / events,
      pgBenchBackendCpuUsPerEvent: pg!.benchBackendCpuSeconds === null ? null : (pg!.benchBackendCpuSeconds * 1e6) / events,
      pgEveryProcessCpuUsPerEvent: pg!.everyProcessCpuSeconds === null ? null : (pg!.everyProcessCpuSeconds * 1e6) / events,
      pg: pg!,
      peakRssMb: rss.includes(null) ? null : Math.max(...(rss as number[])),
      stored,
    };
  } finally {
    await Promise.all(processes.map((child) => child.stop()));
    await schema.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  }
}

export interface PgSection {
  /** Why the PostgreSQL part did not run, or null when it did. */
  skipped: string | null;
  source: BenchPostgres['source'] | null;
  rows: PgRow[];
}

/** Runs the chosen PostgreSQL scenarios, or says loudly why they cannot run here. */
export async function runPgScenarios(chosen: ReadonlyArray<(typeof PG_SCENARIOS)[number]>, settings: LoadSettings): Promise<PgSection> {
  const postgres = await openBenchPostgres(process.env.BENCH_PG_URL);
  if ('skipped' in postgres) {
    process.stderr.write(`\n!!! The PostgreSQL part of the ingest bench is SKIPPED: ${postgres.skipped}. !!!\n\n`);
    return { skipped: postgres.skipped, source: null, rows: [] };
  }
  // An interrupted run (Ctrl-C) drops the database it made too.
  const forget = onStopAll(() => postgres.close());
  const rows: PgRow[] = [];
  try {
    const mainJs = compileServer('server/main.ts');
    for (const scenario of chosen) rows.push(await runPgScenario(scenario, postgres, mainJs, settings));
  } finally {
    forget();
    await postgres.close();
  }
  return { skipped: null, source: postgres.source, rows };
}

// `npm run bench -- ingest`: POST /v1/events on a fresh SQLite file, durable (answered after
// commit), against a bare node:http server answering 204 in the same run, with the same
// connections, duration and bodies. Each scenario gets a fresh Candor child and database, which
// is read back and verified once the child has stopped. Knobs: BENCH_SECONDS, BENCH_PROFILE=1
// (or a, b, c: profile that scenario), BENCH_INGEST_SCENARIOS=a,c, and for experiments only
// BENCH_IDS=random|ordered (event ids as the snippet makes them by default) and
// BENCH_SQLITE_PRAGMAS (see bench/servers/candor.ts). Then the same 10-event batches on PostgreSQL
// with 1, 2 and 3 Candor processes (p1, p2, p3; bench/ingest-pg.ts; BENCH_PG_URL).
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileServer } from './compile.js';
import { hasTaskset, pinSelf, startServer, stopAllServers, type ServerChild } from './children.js';
import { checkStored, peakRssMb } from './ingest-check.js';
import { timeBodies, type IdStyle } from './ingest-bodies.js';
import { PG_SCENARIOS, runPgScenarios } from './ingest-pg.js';
import { summariseIngestProfile } from './ingest-profile.js';
import { formatIngestReport, writeIngestReport, type IngestReport, type IngestRow } from './ingest-report.js';
import { createTraffic, measureTraffic, readSiteShape } from './ingest-traffic.js';
import type { LoadSettings } from './load.js';
import { countCores, LOAD_CPU, readSeconds, SERVER_CPU, WARMUP_SECONDS } from './machine.js';
import type { CandorInfo } from './scenarios.js';

const CONNECTIONS = 50;
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const INGEST_SCENARIOS = [
  { id: 'a', label: '10-event batches', eventsPerBatch: 10 },
  { id: 'b', label: 'single events', eventsPerBatch: 1 },
  { id: 'c', label: '100-event batches', eventsPerBatch: 100 },
] as const;

/** BENCH_INGEST_SCENARIOS=a,c,p3 runs only those, e.g. while trying a change; all by default. */
function chooseScenarios(raw: string | undefined) {
  const all = { sqlite: INGEST_SCENARIOS, postgres: PG_SCENARIOS };
  if (!raw) return all;
  const ids = raw.split(',').map((id) => id.trim());
  const known = [...INGEST_SCENARIOS, ...PG_SCENARIOS].map((scenario) => scenario.id as string);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new Error(`BENCH_INGEST_SCENARIOS: no scenario ${unknown.join(', ')}; there are ${known.join(', ')}`);
  return { sqlite: all.sqlite.filter((scenario) => ids.includes(scenario.id)), postgres: all.postgres.filter((scenario) => ids.includes(scenario.id)) };
}

/** Which scenario BENCH_PROFILE asks to profile: any true value means (a). */
function readProfiled(raw: string | undefined): string | null {
  if (!raw || raw === '0') return null;
  if (INGEST_SCENARIOS.some((scenario) => scenario.id === raw)) return raw;
  return 'a';
}

/** Event ids as the snippet makes them by default; BENCH_IDS=random or ordered to compare. */
function readIdStyle(raw: string | undefined): IdStyle {
  if (!raw || raw === 'snippet') return 'snippet';
  if (raw === 'random' || raw === 'ordered') return raw;
  throw new Error(`BENCH_IDS must be snippet, random or ordered, got "${raw}"`);
}

/** Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; the main thread is 0. */
function mainThreadProfile(folder: string, pid: number): string {
  const name = readdirSync(folder).find((file) => file.endsWith('.cpuprofile') && file.split('.')[3] === String(pid) && file.split('.')[4] === '0');
  if (!name) throw new Error(`no profile of the main thread of process ${pid} in ${folder}`);
  return join(folder, name);
}

export async function runIngestBench(command: string): Promise<void> {
  const seconds = readSeconds(process.env.BENCH_SECONDS);
  const settings: LoadSettings = { connections: CONNECTIONS, pipelining: 1, warmupSeconds: Math.min(WARMUP_SECONDS, seconds), seconds };
  const nproc = countCores();
  const pinned = nproc >= 2 && hasTaskset();
  if (pinned) pinSelf(LOAD_CPU);
  const cpu = pinned ? SERVER_CPU : undefined;
  const profileDir = fileURLToPath(new URL('./results/profiles/', import.meta.url));
  const profiled = readProfiled(process.env.BENCH_PROFILE);
  const ids = readIdStyle(process.env.BENCH_IDS);

  process.stderr.write('compiling the Candor child …\n');
  const candorJs = compileServer('candor');
  const chosen = chooseScenarios(process.env.BENCH_INGEST_SCENARIOS);
  const bare = chosen.sqlite.length === 0 ? null : await startServer<{ port: number }>('bare-204', 'bare-204.ts', { cpu });
  const rows: IngestRow[] = [];
  let profile: IngestReport['profile'] = null;
  for (const scenario of chosen.sqlite) {
    const dir = mkdtempSync(join(tmpdir(), 'candor-ingest-bench-'));
    const file = join(dir, 'candor.db');
    const profileThis = scenario.id === profiled;
    // A folder per profile; node names the file after the process and thread, found by pid.
    const profileFolder = join(profileDir, `ingest-${scenario.id}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    if (profileThis) mkdirSync(profileFolder, { recursive: true });
    let candor: ServerChild<CandorInfo> | undefined;
    try {
      candor = await startServer<CandorInfo>('candor', 'candor.ts', {
        cpu,
        compiled: candorJs,
        env: { BENCH_SQLITE_FILE: file },
        nodeFlags: profileThis ? ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`] : [],
      });
      const site = await readSiteShape(candor.info);
      const generation = timeBodies({ siteKey: site.siteKey, experiment: site.experiment, eventsPerBatch: scenario.eventsPerBatch, ids }, 50_000 / scenario.eventsPerBatch);
      const name = `(${scenario.id}) ${scenario.label}`;

      const bareTraffic = createTraffic(
        { name: 'bare-204', url: `http://127.0.0.1:${bare!.info.port}/v1/events`, expect: 'empty', serverCpuSeconds: bare!.cpuSeconds },
        site,
        scenario.eventsPerBatch,
        ids,
      );
      const bareResult = await measureTraffic(bareTraffic, `bare 204, ${name}`, settings);

      const candorTraffic = createTraffic(
        { name: `candor-${scenario.id}`, url: `http://127.0.0.1:${candor.info.port}/v1/events`, expect: 'accepted', serverCpuSeconds: candor.cpuSeconds },
        site,
        scenario.eventsPerBatch,
        ids,
      );
      // The profile is read over the timed run only, in the monotonic clock V8's profiles use.
      const timed = { fromUs: 0, toUs: 0 };
      candorTraffic.plan.onTimedRun = (edge) => {
        timed[edge === 'start' ? 'fromUs' : 'toUs'] = Number(process.hrtime.bigint() / 1000n);
      };
      const result = await measureTraffic(candorTraffic, `Candor, ${name}`, settings);
      const peakRss = peakRssMb(candor.pid);
      await candor.stop();

      process.stderr.write(`checking the database of ${name} …\n`);
      const stored = await checkStored({ dialect: 'sqlite', file }, candorTraffic.good() * scenario.eventsPerBatch, candorTraffic.sent.events);
      if (profileThis) {
        const profilePath = mainThreadProfile(profileFolder, candor.pid);
        profile = { scenario: scenario.id, file: relative(PROJECT_ROOT, profilePath), ...summariseIngestProfile(profilePath, timed) };
      }
      const cpuRatio = bareResult.cpuUsPerRequest === null || result.cpuUsPerRequest === null ? null : bareResult.cpuUsPerRequest / result.cpuUsPerRequest;
      rows.push({
        ...result,
        id: scenario.id,
        label: scenario.label,
        eventsPerBatch: scenario.eventsPerBatch,
        eventsPerSecond: result.requestsPerSecond * scenario.eventsPerBatch,
        cpuUsPerEvent: result.cpuUsPerRequest === null ? null : result.cpuUsPerRequest / scenario.eventsPerBatch,
        peakRssMb: peakRss,
        bare: bareResult,
        ratio: result.requestsPerSecond / bareResult.requestsPerSecond,
        cpuRatio,
        generation,
        stored,
      });
    } finally {
      await candor?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  await stopAllServers();
  const postgres = chosen.postgres.length === 0 ? null : await runPgScenarios(chosen.postgres, settings);

  const report: IngestReport = {
    command,
    node: process.version,
    nproc,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    date: new Date().toISOString().slice(0, 10),
    settings: { ...settings, serverCpu: cpu ?? null, loadCpu: pinned ? LOAD_CPU : null, sqlitePragmas: process.env.BENCH_SQLITE_PRAGMAS || null, ids },
    rows,
    postgres,
    profile,
  };
  const file = writeIngestReport(report);
  process.stderr.write(`figures written to ${file}\n\n`);
  console.log(formatIngestReport(report));
  const problems = [...rows, ...(postgres?.rows ?? [])].flatMap((row) => row.stored.problems.map((problem) => `(${row.id}) ${problem}`));
  if (problems.length > 0) throw new Error(`the stored events do not check out:\n  ${problems.join('\n  ')}`);
}

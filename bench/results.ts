// `npm run bench -- results`: GET /api/experiments/:id/results on two SQLite databases built in
// the same run, A with a tenth of B's visitors and events (default 100k visitors, 1M events; B 1M
// and 10M), each served by Candor's real app in a child and measured in turn with the other, then
// computed in process for the I/O/statistics split. The claim under test: the cost follows the
// daily sum rows (variants × days × metrics), the same in A and B, not the events. Then the same
// sequential timings while a child posts events to the same server (results-ingest.ts), one
// database at a time: into another shop's experiment of the same database (the measured sums do
// not move, so a cached answer stays right: that is "warm under ingestion"), and into the measured
// experiment itself, whose sums move on every flush: there every answer with the default
// maxStaleness=0 is built afresh (cold, and current), and with maxStaleness=5000 an answer may come
// from sums up to 5 s old, its freshness block saying so (counted). Knobs: BENCH_SECONDS (the
// concurrent run, 10 by default), BENCH_RESULTS_VISITORS (B's visitors), BENCH_RESULTS_INGEST_RATE
// (events per second posted during the ingestion timings, 5000 by default).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyConsistency } from '../server/collect/verify.js';
import { openDatabase } from '../server/db/connect.js';
import { hasTaskset, pinSelf, startServer, type ServerChild } from './children.js';
import { compileServer } from './compile.js';
import { peakRssMb } from './ingest-check.js';
import { measureLoad, type LoadResult, type LoadSettings } from './load.js';
import { countCores, LOAD_CPU, readSeconds, SERVER_CPU, WARMUP_SECONDS } from './machine.js';
import { buildDatabase, countStored, type BuiltDatabase } from './results-build.js';
import { checkDocument, timeDistributions, timeInProcess, timeSequential, timeSequentialFreshness, type Target } from './results-measure.js';
import { startIngestion, type IngestReport } from './results-ingest.js';
import { profileResults } from './results-profile.js';
import { formatResultsReport, writeResultsReport, type IngestRow, type ResultsReport, type ResultsRow, type Verification } from './results-report.js';

// 200, so that p99 is not simply the slowest of a handful.
const SEQUENTIAL = 200;
const WARMUP_REQUESTS = 10;
/** The distributions read the daily sums as the document does: as many rounds as its in-process timing. */
const DISTRIBUTION_ROUNDS = SEQUENTIAL;
const CONNECTIONS = 4;
const DEFAULT_SECONDS = 10;
const DEFAULT_VISITORS = 1_000_000;
const DEFAULT_INGEST_RATE = 5000;
/** The staleness the bounded run allows: the dashboard polls about this often. */
const BOUNDED_STALENESS_MS = 5000;
/** verifyConsistency is skipped on a database it would take longer than this to rebuild. */
const VERIFY_LIMIT_SECONDS = 60;

function readVisitors(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_VISITORS;
  const visitors = Number(raw);
  if (!Number.isInteger(visitors) || visitors < 1000 || visitors > 2_000_000 || visitors % 10 !== 0) {
    throw new Error(`BENCH_RESULTS_VISITORS must be a multiple of 10 from 1000 to 2000000, got "${raw}".`);
  }
  return visitors;
}

function readIngestRate(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_INGEST_RATE;
  const rate = Number(raw);
  if (!Number.isInteger(rate) || rate < 10 || rate > 100_000) throw new Error(`BENCH_RESULTS_INGEST_RATE must be events per second from 10 to 100000, got "${raw}".`);
  return rate;
}

/** Runs `measure` while a child posts events at `rate` for `ingest`; answers both, and throws on any answer of the child's that was not the 202. */
async function whileIngesting<T>(baseUrl: string, ingest: Parameters<typeof startIngestion>[1], rate: number, cpu: number | undefined, measure: () => Promise<T>): Promise<{ result: T; ingest: IngestReport }> {
  const ingestion = await startIngestion(baseUrl, ingest, rate, cpu);
  let result: T;
  try {
    result = await measure();
  } catch (err) {
    await ingestion.stop();
    throw err;
  }
  const report = await ingestion.stop();
  if (report.wrong > 0) throw new Error(`ingestion: ${report.wrong} answers were not the 202 accepting the batch: ${report.examples.join(' | ')}`);
  return { result, ingest: report };
}

interface BenchDatabase {
  name: string;
  built: BuiltDatabase;
  stored: ReturnType<typeof countStored>;
  verified: ResultsRow['verify'];
}

async function verify(file: string): Promise<Verification> {
  const { db, close } = openDatabase({ dialect: 'sqlite', file });
  try {
    const started = process.hrtime.bigint();
    const report = await verifyConsistency(db);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return {
      seconds,
      visitors: report.visitors,
      facts: report.facts,
      sumRows: report.sumRows,
      segmentSumRows: report.segmentSumRows,
      factDifferences: report.factDifferences.length,
      sumDifferences: report.sumDifferences.length + report.segmentSumDifferences.length,
    };
  } finally {
    await close();
  }
}

export async function runResultsBench(command: string): Promise<void> {
  const seconds = process.env.BENCH_SECONDS ? readSeconds(process.env.BENCH_SECONDS) : DEFAULT_SECONDS;
  const large = readVisitors(process.env.BENCH_RESULTS_VISITORS);
  const ingestRate = readIngestRate(process.env.BENCH_RESULTS_INGEST_RATE);
  const settings: LoadSettings = { connections: CONNECTIONS, pipelining: 1, warmupSeconds: Math.min(WARMUP_SECONDS, seconds), seconds };
  const nproc = countCores();
  const pinned = nproc >= 2 && hasTaskset();
  if (pinned) pinSelf(LOAD_CPU);
  const cpu = pinned ? SERVER_CPU : undefined;
  const adminToken = `bench_${randomBytes(24).toString('base64url')}`;
  const headers = { authorization: `Bearer ${adminToken}` };
  const now = Date.now();
  const rows: ResultsRow[] = [];
  const ingestRows: IngestRow[] = [];
  let profile: ResultsReport['profile'] = null;

  process.stderr.write('compiling the Candor child …\n');
  const compiled = compileServer('candor-file');
  const dirs: string[] = [];
  const children: Array<ServerChild<{ port: number }>> = [];
  // Gigabytes of temp files: removed even when Ctrl-C ends the run (run.ts exits on SIGINT).
  const removeDirs = () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', removeDirs);
  try {
    // Both databases exist together (A is a tenth of B), so that they can be measured in turn.
    const databases: BenchDatabase[] = [];
    let verifySecondsPerVisitor: number | null = null;
    for (const [name, visitors] of [['A', large / 10], ['B', large]] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'candor-results-bench-'));
      dirs.push(dir);
      const tenth = Math.max(1, Math.round(visitors / 10));
      const built = await buildDatabase(join(dir, 'candor.db'), visitors, now, (done) => {
        if (done % tenth === 0 || done === visitors) process.stderr.write(`building ${name}: ${done.toLocaleString('en-US')} of ${visitors.toLocaleString('en-US')} visitors …\n`);
      });
      const expectedSeconds = verifySecondsPerVisitor === null ? 0 : verifySecondsPerVisitor * visitors;
      let verified: ResultsRow['verify'];
      if (expectedSeconds > VERIFY_LIMIT_SECONDS) {
        verified = { skipped: `at A's pace it would take ~${Math.round(expectedSeconds)} s, over the ${VERIFY_LIMIT_SECONDS} s limit` };
      } else {
        process.stderr.write(`verifying ${name} …\n`);
        verified = await verify(built.file);
        verifySecondsPerVisitor = verified.seconds / visitors;
      }
      databases.push({ name, built, stored: countStored(built.file), verified });
    }

    for (const { name, built } of databases) {
      const env = { BENCH_SQLITE_FILE: built.file, BENCH_ADMIN_TOKEN: adminToken };
      children.push(await startServer<{ port: number }>(`candor-${name}`, 'candor-file.ts', { cpu, compiled, env }));
    }
    const targets: Target[] = databases.map(({ built }, index) => ({
      url: `http://127.0.0.1:${children[index]!.info.port}/api/experiments/${built.experimentId}/results`,
      expectedVisitors: built.visitors,
      serverCpuSeconds: () => children[index]!.cpuSeconds(),
    }));
    const bodyBytes = await Promise.all(
      targets.map(async (target) => {
        const response = await fetch(target.url, { headers });
        return checkDocument(response.status, await response.text(), target.expectedVisitors);
      }),
    );
    process.stderr.write(`measuring ${SEQUENTIAL} sequential uncached requests to each, A and B in turn …\n`);
    await timeSequential(targets, headers, WARMUP_REQUESTS, { uncached: true });
    const uncached = await timeSequential(targets, headers, SEQUENTIAL, { uncached: true });
    process.stderr.write(`measuring ${SEQUENTIAL} sequential requests to each (the cache answers all but the first) …\n`);
    await timeSequential(targets, headers, WARMUP_REQUESTS);
    const sequential = await timeSequential(targets, headers, SEQUENTIAL);
    const concurrent: LoadResult[] = [];
    const peakRss: Array<number | null> = [];
    for (const [index, { name }] of databases.entries()) {
      process.stderr.write(`measuring ${name} at ${CONNECTIONS} connections …\n`);
      const child = children[index]!;
      const result = await measureLoad({ name: `results-${name}`, url: targets[index]!.url, expectStatus: 200, headers, serverCpuSeconds: child.cpuSeconds }, settings);
      if (result.bad > 0 || result.unexpected > 0 || result.responses === 0) {
        throw new Error(`${name}: ${result.responses} answers, ${result.bad} failed, statuses ${JSON.stringify(result.statuses)}`);
      }
      concurrent.push(result);
      peakRss.push(peakRssMb(child.pid));
    }

    // Under ingestion, one database at a time (both servers share the server core): first into
    // another shop's experiment, then into the measured one, since that one's visitors then grow.
    for (const [index, { name, built }] of databases.entries()) {
      const baseUrl = `http://127.0.0.1:${children[index]!.info.port}`;
      const target: Target = targets[index]!;
      process.stderr.write(`${name}: timing while ${ingestRate.toLocaleString('en-US')} events/s go to another shop's experiment …\n`);
      const elsewhere = await whileIngesting(baseUrl, built.ingest.other, ingestRate, pinned ? LOAD_CPU : undefined, async () => {
        await timeSequential([target], headers, WARMUP_REQUESTS, { uncached: true });
        const [cold] = await timeSequential([target], headers, SEQUENTIAL, { uncached: true });
        await timeSequential([target], headers, WARMUP_REQUESTS);
        const [warm] = await timeSequentialFreshness([target], headers, SEQUENTIAL);
        return { cold: cold!, warm: warm! };
      });
      process.stderr.write(`${name}: timing while ${ingestRate.toLocaleString('en-US')} events/s go to the measured experiment itself …\n`);
      const growing: Target = { ...target, growing: true };
      const self = await whileIngesting(baseUrl, built.ingest.self, ingestRate, pinned ? LOAD_CPU : undefined, async () => {
        await timeSequential([growing], headers, WARMUP_REQUESTS);
        const [strict] = await timeSequentialFreshness([growing], headers, SEQUENTIAL);
        await timeSequential([growing], headers, WARMUP_REQUESTS, { maxStalenessMs: BOUNDED_STALENESS_MS });
        const [bounded] = await timeSequentialFreshness([growing], headers, SEQUENTIAL, { maxStalenessMs: BOUNDED_STALENESS_MS });
        return { strict: strict!, bounded: bounded! };
      });
      ingestRows.push({
        name,
        rate: ingestRate,
        elsewhere: { cold: elsewhere.result.cold, warm: elsewhere.result.warm.timings, warmFreshness: elsewhere.result.warm.freshness, ingest: elsewhere.ingest },
        self: { strict: self.result.strict.timings, strictFreshness: self.result.strict.freshness, bounded: self.result.bounded.timings, boundedFreshness: self.result.bounded.freshness, boundedMs: BOUNDED_STALENESS_MS, ingest: self.ingest },
      });
    }
    await Promise.all(children.map((child) => child.stop()));

    process.stderr.write('measuring in process, A and B in turn …\n');
    // After the ingestion timings, which added visitors to the measured experiments.
    const stored = databases.map(({ built }) => ({ file: built.file, experimentId: built.experimentId, expectedVisitors: built.visitors, growing: true }));
    const inProcess = await timeInProcess(stored, WARMUP_REQUESTS, SEQUENTIAL);
    process.stderr.write(`measuring the distributions in process, ${DISTRIBUTION_ROUNDS} rounds after ${WARMUP_REQUESTS} untimed …\n`);
    const distributions = await timeDistributions(stored, WARMUP_REQUESTS, DISTRIBUTION_ROUNDS);
    const largest = databases.at(-1)!;
    profile = { database: largest.name, ...(await profileResults(largest.built.file, largest.built.experimentId, 30, largest.name)) };
    databases.forEach(({ name, built, stored: counted, verified }, index) => {
      rows.push({
        name,
        visitors: built.visitors,
        ...counted,
        bytes: built.bytes,
        buildSeconds: built.buildSeconds,
        verify: verified,
        bodyBytes: bodyBytes[index]!,
        sequential: sequential[index]!,
        uncached: uncached[index]!,
        concurrent: concurrent[index]!,
        peakRssMb: peakRss[index]!,
        inProcess: inProcess[index]!,
        distributions: distributions[index]!,
      });
    });
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    removeDirs();
    process.off('exit', removeDirs);
  }

  const report: ResultsReport = {
    command,
    node: process.version,
    nproc,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    date: new Date().toISOString().slice(0, 10),
    settings: { sequential: SEQUENTIAL, connections: CONNECTIONS, warmupSeconds: settings.warmupSeconds, seconds, serverCpu: cpu ?? null, loadCpu: pinned ? LOAD_CPU : null },
    rows,
    ingestion: ingestRows,
    profile,
  };
  const file = writeResultsReport(report);
  process.stderr.write(`figures written to ${file}\n\n`);
  console.log(formatResultsReport(report));
  const problems = rows.flatMap((row) => ('skipped' in row.verify || (row.verify.factDifferences === 0 && row.verify.sumDifferences === 0) ? [] : [`${row.name} differs from a rebuild`]));
  if (problems.length > 0) throw new Error(`the built databases do not check out: ${problems.join('; ')}`);
}

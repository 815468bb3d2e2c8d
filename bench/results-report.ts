// The results figures as a table to paste into an issue note: each database's size and build,
// GET /results over HTTP and in process, the target marked met or not, the ratio of the large
// database to the small one, and the command; the same as JSON in bench/results/results.json.
import type { LoadResult } from './load.js';
import type { ResultsProfile } from './results-profile.js';
import type { FreshnessSeen, InProcess, Timings } from './results-measure.js';
import type { IngestReport } from './results-ingest.js';
import { commandLine, writeResultsJson } from './report-file.js';

export const TARGET_MS = 50;
/** A cached answer (warm): the sums_version read and the kept JSON sent. */
export const WARM_TARGET_MS = 5;

/** One database's sequential timings while events were posted to the same server. */
export interface IngestRow {
  name: string;
  /** Events per second asked of the ingestion child. */
  rate: number;
  /** Events into another shop's experiment of the same database: the measured sums do not move. */
  elsewhere: { cold: Timings; warm: Timings; warmFreshness: FreshnessSeen; ingest: IngestReport };
  /** Events into the measured experiment: its sums move on every flush. */
  self: { strict: Timings; strictFreshness: FreshnessSeen; bounded: Timings; boundedFreshness: FreshnessSeen; boundedMs: number; ingest: IngestReport };
}

export interface Verification {
  seconds: number;
  visitors: number;
  facts: number;
  sumRows: number;
  segmentSumRows: number;
  factDifferences: number;
  sumDifferences: number;
}

export interface ResultsRow {
  name: string;
  visitors: number;
  events: number;
  facts: number;
  sumRows: number;
  /** segment_sums rows: the three segment dimensions' cells per variant and metric. */
  segmentSumRows: number;
  bytes: number;
  buildSeconds: number;
  /** verifyConsistency over the whole database, or why it was skipped. */
  verify: Verification | { skipped: string };
  bodyBytes: number;
  /** Sequential requests the cache answers (the sums do not change during the bench). */
  sequential: Timings;
  /** Sequential requests the cache cannot answer (a significance level of their own): computed afresh. */
  uncached: Timings;
  concurrent: LoadResult;
  peakRssMb: number | null;
  inProcess: InProcess;
  /** readDistributions in process, as GET …/results does it for its distributions section on every request: a read of the daily sums. */
  distributions: Timings;
}

export interface ResultsReport {
  command: string;
  node: string;
  nproc: number;
  cpu: string;
  date: string;
  settings: { sequential: number; connections: number; warmupSeconds: number; seconds: number; serverCpu: number | null; loadCpu: number | null };
  rows: ResultsRow[];
  ingestion: IngestRow[];
  profile: (ResultsProfile & { database: string }) | null;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const mb = (bytes: number) => `${int(bytes / 1e6)} MB`;
const cpu = (timings: Timings) => (timings.serverCpuMs === null || timings.serverCpuMs === undefined ? '–' : timings.serverCpuMs.toFixed(2));
const met = (value: number, target = TARGET_MS) => (value <= target ? 'met' : 'NOT MET');

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function verifyLine(row: ResultsRow): string {
  if ('skipped' in row.verify) return `  ${row.name}: verifyConsistency skipped: ${row.verify.skipped}`;
  const v = row.verify;
  const outcome = v.factDifferences === 0 && v.sumDifferences === 0 ? 'no differences' : `${v.factDifferences} fact and ${v.sumDifferences} sum DIFFERENCES`;
  return `  ${row.name}: verifyConsistency rebuilt ${int(v.facts)} facts, ${int(v.sumRows)} daily sum rows and ${int(v.segmentSumRows)} segment sum rows from the raw events of ${int(v.visitors)} visitors: ${outcome} (${v.seconds.toFixed(1)} s)`;
}

function ratioLines(rows: readonly ResultsRow[]): string[] {
  const small = rows[0];
  const large = rows.at(-1);
  if (!small || !large || small === large) return [];
  const ratio = (a: number, b: number) => (b / a).toFixed(2);
  return [
    `${large.name}/${small.name} (${(large.events / small.events).toFixed(0)}× the events, ${(large.visitors / small.visitors).toFixed(0)}× the visitors, ` +
      `${(large.sumRows / small.sumRows).toFixed(2)}× the daily sum rows): uncached HTTP p50 ${ratio(small.uncached.p50Ms, large.uncached.p50Ms)}, ` +
      `uncached HTTP mean ${ratio(small.uncached.meanMs, large.uncached.meanMs)}, req/s at 4 connections ${ratio(small.concurrent.requestsPerSecond, large.concurrent.requestsPerSecond)}, ` +
      `in-process p50 ${ratio(small.inProcess.total.p50Ms, large.inProcess.total.p50Ms)}`,
    `The same experiment and cohort days in both (${int(small.sumRows)} and ${int(large.sumRows)} sum rows): what ${large.name} adds is raw events, which the route never`,
    `reads, and larger counts in the sums. In process, reading the sums (the I/O) went ${ms(small.inProcess.readSums.p50Ms)} → ${ms(large.inProcess.readSums.p50Ms)} ms p50, ` +
      `the statistics on larger counts ${ms(small.inProcess.buildResults.p50Ms)} → ${ms(large.inProcess.buildResults.p50Ms)} ms.`,
  ];
}

export function formatResultsReport(report: ResultsReport): string {
  const { settings, rows } = report;
  const pinning = settings.serverCpu === null ? 'no CPU pinning (taskset missing or one core)' : `server on CPU ${settings.serverCpu}, load and in-process on CPU ${settings.loadCpu}`;
  return [
    `Candor GET /api/experiments/:id/results on SQLite: ${settings.sequential} sequential requests to each database in turn after a warm-up, ` +
      `then ${settings.connections} connections for ${settings.seconds} s after a ${settings.warmupSeconds} s warm-up; ${pinning}`,
    '',
    ...table(
      ['database', 'visitors', 'events', 'facts', 'sum rows', 'segment rows', 'DB size', 'build s', 'uncached p50', 'uncached p99', 'server CPU', 'cached p50', 'cached p99', 'server CPU', '4-conn p50', '4-conn p99', 'req/s', 'in-proc p50', `uncached p50 ≤ ${TARGET_MS} ms`, `uncached p99 ≤ ${TARGET_MS} ms`, `cached p99 ≤ ${WARM_TARGET_MS} ms`],
      rows.map((row) => [
        row.name,
        int(row.visitors),
        int(row.events),
        int(row.facts),
        int(row.sumRows),
        int(row.segmentSumRows),
        mb(row.bytes),
        row.buildSeconds.toFixed(1),
        ms(row.uncached.p50Ms),
        ms(row.uncached.p99Ms),
        cpu(row.uncached),
        ms(row.sequential.p50Ms),
        ms(row.sequential.p99Ms),
        cpu(row.sequential),
        ms(row.concurrent.p50Ms),
        ms(row.concurrent.p99Ms),
        row.concurrent.requestsPerSecond.toFixed(1),
        ms(row.inProcess.total.p50Ms),
        met(row.uncached.p50Ms),
        met(row.uncached.p99Ms),
        met(row.sequential.p99Ms, WARM_TARGET_MS),
      ]),
    ),
    '',
    ...ratioLines(rows),
    '',
    'In process (no HTTP; A, B, A, B, …), ms:',
    ...table(
      ['database', 'read sums p50', 'p99', 'buildResults p50', 'p99', 'JSON p50', 'total p50', 'p99', 'mean', 'document'],
      rows.map(({ name, inProcess: p, bodyBytes }) => [
        name,
        ms(p.readSums.p50Ms),
        ms(p.readSums.p99Ms),
        ms(p.buildResults.p50Ms),
        ms(p.buildResults.p99Ms),
        ms(p.stringify.p50Ms),
        ms(p.total.p50Ms),
        ms(p.total.p99Ms),
        ms(p.total.meanMs),
        `${int(bodyBytes / 1e3)} kB`,
      ]),
    ),
    '',
    `Distributions (the results document's distributions section in process: one query over the daily sums, then shaped), ms:`,
    ...table(
      ['database', 'facts', 'sum rows', 'rounds', 'p50', 'p99', 'max', 'mean', 'vs results total p50'],
      rows.map(({ name, facts, sumRows, distributions: d, inProcess: p }) => [
        name,
        int(facts),
        int(sumRows),
        String(d.samples),
        ms(d.p50Ms),
        ms(d.p99Ms),
        ms(d.maxMs),
        ms(d.meanMs),
        `${(d.p50Ms / p.total.p50Ms).toFixed(2)}×`,
      ]),
    ),
    '',
    `Server CPU: the serving process's CPU ms per request over the sequential run (from /proc; steadier than wall times on a shared machine).`,
    `Uncached / cached p50/p99: ${settings.sequential} requests one at a time (A, B, A, B, …), send to last byte; uncached ones each ask a significance level`,
    `of their own, so the server computes every document afresh; cached ones repeat one URL, which the server answers from its cache until the sums change.`,
    `Each answer is checked (200, 4 variants, the visitors`,
    `summing to the database's, a factorial disclosure grid, ~30 days of series). 4-conn: concurrent latency includes waiting for the`,
    `other three (one Node thread serves them), so the target is judged on the sequential figures. Server at 4 connections: ` +
      rows.map((row) => `${row.name} ${row.concurrent.serverBusy === null ? '–' : `${Math.round(row.concurrent.serverBusy * 100)}%`} busy, ${ms((row.concurrent.cpuUsPerRequest ?? NaN) / 1000)} CPU ms/req, peak RSS ${row.peakRssMb === null ? '–' : `${int(row.peakRssMb)} MB`}`).join('; ') + '.',
    '',
    ...ingestionLines(report.ingestion),
    '',
    'Built by writing raw events straight to SQLite (synchronous=OFF for the build only), facts by buildFact, sums by addFactChange/nonZeroRows:',
    ...rows.map(verifyLine),
    ...(report.profile
      ? ['', `Where the time goes: ${report.profile.documents} documents of ${report.profile.database} in process, profiled (${report.profile.file}):`, report.profile.summary]
      : []),
    '',
    commandLine(report),
  ].join('\n');
}

function ingestionLines(rows: readonly IngestRow[]): string[] {
  if (rows.length === 0) return [];
  const stale = (seen: FreshnessSeen) => `${seen.stale}/${seen.answers}` + (seen.stale > 0 ? ` (≤ ${seen.maxVersionsBehind} commits, ≤ ${(seen.maxAgeMs / 1000).toFixed(1)} s)` : '');
  return [
    `While events are posted (${int(rows[0]!.rate)} events/s asked, 10-event batches, from a child process on the load core), sequential requests to one database at a time, ms:`,
    ...table(
      ['database', 'elsewhere: ingested/s', 'cold p50', 'cold p99', 'warm p50', 'warm p99', `cold p99 ≤ ${TARGET_MS}`, `warm p99 ≤ ${WARM_TARGET_MS}`, 'itself: ingested/s', 'strict p50', 'strict p99', 'bounded p50', 'bounded p99', 'stale answers (bounded)'],
      rows.map(({ name, elsewhere, self }) => [
        name,
        int(elsewhere.ingest.eventsPerSecond),
        ms(elsewhere.cold.p50Ms),
        ms(elsewhere.cold.p99Ms),
        ms(elsewhere.warm.p50Ms),
        ms(elsewhere.warm.p99Ms),
        met(elsewhere.cold.p99Ms),
        met(elsewhere.warm.p99Ms, WARM_TARGET_MS),
        int(self.ingest.eventsPerSecond),
        ms(self.strict.p50Ms),
        ms(self.strict.p99Ms),
        ms(self.bounded.p50Ms),
        ms(self.bounded.p99Ms),
        stale(self.boundedFreshness),
      ]),
    ),
    'elsewhere: events go to another shop\'s experiment in the same database, so the measured sums stand still: cold asks a significance level of',
    'its own each time (computed afresh), warm repeats one URL (the cache answers after one indexed read of sums_version).',
    'itself: events go to the measured experiment, whose sums_version moves on every flush. strict (the default, maxStaleness=0): every answer is',
    `computed from the latest sums (${rows.map((row) => `${row.name}: ${row.self.strictFreshness.stale} of ${row.self.strictFreshness.answers} stale`).join(', ')}), so it costs a cold build whenever a flush landed since the`,
    `last one; concurrent requests share one build. bounded (maxStaleness=${rows[0]!.self.boundedMs}): an answer may come from sums computed up to that long ago; each such`,
    'answer says so in its freshness block (sumsVersion, latestSumsVersion, a note), counted above. The warm target is judged on "elsewhere".',
  ];
}

export function writeResultsReport(report: ResultsReport): string {
  return writeResultsJson('results.json', report);
}

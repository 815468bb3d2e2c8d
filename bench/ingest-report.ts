// The ingest figures as a table to paste into an issue note: SQLite, then PostgreSQL with 1 to 3
// processes, the read-back of every database, issue 16's targets marked met or not, the profile
// when one was taken, and the command; the same as JSON in bench/results/ingest.json.
import type { IdStyle } from './ingest-bodies.js';

const ID_STYLES: Record<IdStyle, string> = {
  snippet: 'visitor and event ids as the snippet makes them (UUIDv7)',
  random: 'random UUIDs (BENCH_IDS=random)',
  ordered: 'every id time-ordered (BENCH_IDS=ordered)',
};
import { storedLine, type StoredCheck } from './ingest-check.js';
import type { PgSection } from './ingest-pg.js';
import { formatPgSection } from './ingest-pg-report.js';
import type { IngestProfile } from './ingest-profile.js';
import { targetLines } from './ingest-targets.js';
import type { LoadResult, LoadSettings } from './load.js';
import { commandLine, table, writeResultsJson } from './report-file.js';

export interface IngestRow extends LoadResult {
  id: string;
  label: string;
  eventsPerBatch: number;
  eventsPerSecond: number;
  cpuUsPerEvent: number | null;
  peakRssMb: number | null;
  /** The bare 204 server under the same connections, duration and bodies, just before. */
  bare: LoadResult;
  ratio: number;
  /** The bare server's CPU µs per request over Candor's: the ratio a busy neighbour disturbs less. */
  cpuRatio: number | null;
  /** What building one body costs the load process. */
  generation: { usPerBody: number; bytesPerBody: number };
  stored: StoredCheck;
}

export interface IngestReport {
  command: string;
  node: string;
  nproc: number;
  cpu: string;
  date: string;
  settings: LoadSettings & { serverCpu: number | null; loadCpu: number | null; sqlitePragmas: string | null; ids: IdStyle };
  rows: IngestRow[];
  /** The PostgreSQL scenarios (1, 2, 3 processes); null when none was chosen. */
  postgres: PgSection | null;
  profile: (IngestProfile & { scenario: string; file: string; skipSeconds: number }) | null;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number | null, digits: number) => (n === null || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const busy = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);



function profileLines(profile: NonNullable<IngestReport['profile']>): string[] {
  const list = (items: IngestProfile['groups']) => items.map((item) => `  ${(item.share * 100).toFixed(1).padStart(5)}%  ${item.group}`);
  return [
    `Profile of Candor during the timed run of (${profile.scenario}), ${profile.file}: ${profile.busySeconds.toFixed(1)} s busy`,
    '',
    'self time by group:',
    ...list(profile.groups),
    '',
    'time by step (a sample counts in the innermost step on its stack):',
    ...list(profile.steps),
    '',
    `bench/profile-summary.ts, from ${profile.skipSeconds.toFixed(1)} s into the profile (the timed run, then the stop):`,
    profile.summary,
  ];
}

function sqliteLines(report: IngestReport): string[] {
  const { settings, rows } = report;
  if (rows.length === 0) return ['SQLite: no scenario chosen (BENCH_INGEST_SCENARIOS).'];
  const pinning =
    settings.serverCpu === null ? 'no CPU pinning (taskset missing or one core)' : `servers on CPU ${settings.serverCpu}, load on CPU ${settings.loadCpu}`;
  return [
    `Candor ingestion, POST /v1/events on SQLite (WAL, synchronous=FULL, answered after commit): ${settings.connections} connections, ` +
      `${settings.seconds} s measured after a ${settings.warmupSeconds} s warm-up, for Candor and for a bare node:http 204 server alike; ${pinning}`,
    '',
    ...table(
      ['scenario', 'events/s', 'req/s', 'bare req/s', '× bare', 'p50 ms', 'p99 ms', 'bare p99', 'peak RSS MB', 'busy', 'CPU µs/req', 'CPU µs/event', 'bare µs/req', '× bare CPU', 'load busy'],
      rows.map((row) => [
        `(${row.id}) ${row.label}`,
        int(row.eventsPerSecond),
        int(row.requestsPerSecond),
        int(row.bare.requestsPerSecond),
        fixed(row.ratio, 2),
        fixed(row.p50Ms, 2),
        fixed(row.p99Ms, 2),
        fixed(row.bare.p99Ms, 2),
        fixed(row.peakRssMb, 0),
        busy(row.serverBusy),
        fixed(row.cpuUsPerRequest, 1),
        fixed(row.cpuUsPerEvent, 2),
        fixed(row.bare.cpuUsPerRequest, 1),
        fixed(row.cpuRatio, 2),
        `${busy(row.loadBusy)}/${busy(row.bare.loadBusy)}`,
      ]),
    ),
    '',
    'busy: the share of its core Candor used (from /proc; fsync waits are not CPU). × bare CPU: the bare server\'s CPU µs/req over',
    "Candor's, the ratio a busy neighbour disturbs less. load busy: the load process's core, Candor run / bare run; near 100%",
    `the load generator set the pace. Ids: ${ID_STYLES[settings.ids]}. Bodies are built per request in the load process: ` +
      rows.map((row) => `(${row.id}) ${row.generation.usPerBody.toFixed(1)} µs for ${int(row.generation.bytesPerBody)} B`).join(', ') + '.',
    ...(settings.sqlitePragmas ? ['', `EXPERIMENT: SQLite pragmas set by the bench, not the server: ${settings.sqlitePragmas}`] : []),
    '',
    'Read back after SIGTERM (the writer drained), each scenario on its own fresh database:',
    ...rows.map(storedLine),
  ];
}

export function formatIngestReport(report: IngestReport): string {
  const { settings, rows } = report;
  return [
    ...sqliteLines(report),
    ...(report.postgres ? ['', ...formatPgSection(report.postgres, settings.connections, settings.seconds, settings.loadCpu)] : []),
    '',
    ...targetLines(rows, report.postgres, settings.connections),
    ...(report.profile ? ['', ...profileLines(report.profile)] : []),
    '',
    commandLine(report),
  ].join('\n');
}

export function writeIngestReport(report: IngestReport): string {
  return writeResultsJson('ingest.json', report);
}

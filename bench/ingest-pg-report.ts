// The PostgreSQL rows of the ingest report: per process count, events/s, p99, CPU per event for
// Candor and for PostgreSQL, lock waits, the load generator's own CPU, and the read-back.
import type { PgRow, PgSection } from './ingest-pg.js';
import { storedLine } from './ingest-check.js';
import { table } from './report-file.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number | null, digits: number) => (n === null || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)}%`);

function topWaits(row: PgRow): string {
  const events = Object.entries(row.pg.lockWaits.events).sort((x, y) => y[1] - x[1]);
  return events.length === 0 ? 'none' : events.slice(0, 3).map(([event, count]) => `${event} ${count}`).join(', ');
}

/** One autocannon thread drives the load: above this share of its core it may set the pace. */
const LOAD_LIMIT = 0.8;

function loadVerdict(rows: readonly PgRow[]): string {
  const most = Math.max(...rows.map((row) => row.loadBusy));
  return most < LOAD_LIMIT
    ? `The load generator used at most ${Math.round(most * 100)}% of its core: it was not the limit.`
    : `!!! The load generator used ${Math.round(most * 100)}% of its core: it may have set the pace (run more load processes). !!!`;
}

export function formatPgSection(section: PgSection, connections: number, seconds: number, loadCpu: number | null): string[] {
  const title = 'Candor on PostgreSQL: 10-event batches, the real server (compiled server/main.ts) in 1, 2 and 3 processes on one database and one site';
  if (section.skipped !== null) return [title, '', `!!! SKIPPED: ${section.skipped}. Set BENCH_PG_URL or run PostgreSQL on 127.0.0.1:5432. !!!`];
  const { rows } = section;
  return [
    `${title}, ${connections} connections spread round-robin over the processes' ports, ${seconds} s measured; database: ${section.source}`,
    '',
    ...table(
      ['processes', 'events/s', 'p50 ms', 'p99 ms', 'Candor µs/event', 'PG µs/event', 'PG bench backends', 'PG all', 'Candor cores', 'load busy', 'Lock waits', 'LWLock waits', 'waiting backends', 'deadlocks', 'peak RSS MB'],
      rows.map((row) => {
        const waits = row.pg.lockWaits;
        return [
          `(${row.id}) ${row.processes}`,
          int(row.eventsPerSecond),
          fixed(row.p50Ms, 2),
          fixed(row.p99Ms, 2),
          fixed(row.cpuUsPerEvent, 1),
          fixed(row.pgCpuUsPerEvent, 1),
          fixed(row.pgBenchBackendCpuUsPerEvent, 1),
          fixed(row.pgEveryProcessCpuUsPerEvent, 1),
          fixed(row.serverBusy, 2),
          `${Math.round(row.loadBusy * 100)}%`,
          percent(waits.samplesWithLockWait, waits.samples),
          percent(waits.samplesWithLwLockWait, waits.samples),
          percent(waits.lockWaitBackendSamples + waits.lwLockWaitBackendSamples, waits.activeBackendSamples),
          String(waits.deadlocks),
          fixed(row.peakRssMb, 0),
        ];
      }),
    ),
    '',
    'Candor µs/event: CPU of all its processes (/proc utime+stime) over the timed run. PG µs/event: every postgres process but the',
    "sessions of other databases seen in the samples (so the bench database's backends, WAL writer, checkpointer, autovacuum, ...), of",
    "which 'PG bench backends' is the backends'; 'PG all' counts other databases' sessions too (a neighbour on a shared server).",
    "'–' when the server's processes are not on this machine (a remote BENCH_PG_URL), whose CPU /proc cannot show.",
    "Candor cores: Candor's CPU over wall time, in cores. load busy: the load process's own core (one thread; near 100% it sets the pace).",
    `${loadCpu === null ? 'Nothing is pinned' : `The load process is pinned to CPU ${loadCpu}`}; the Candor processes and PostgreSQL are not pinned and share both cores.`,
    'Lock / LWLock waits: the share of pg_stat_activity samples (every ~50 ms) in which at least one bench backend waited on a',
    "heavyweight / lightweight lock; waiting backends: Lock+LWLock waits over active backend-samples; deadlocks: pg_stat_database's count.",
    'Samples and the most seen waits: ' + rows.map((row) => `(${row.id}) ${row.pg.lockWaits.samples} samples, ${topWaits(row)}`).join('; ') + '.',
    loadVerdict(rows),
    'This machine has 2 cores shared by the Candor processes, PostgreSQL and the load: more processes cannot add throughput here,',
    'so read CPU per event (which more processes must not raise), not events/s.',
    '',
    'Read back after SIGTERM (the writers drained), each process count on a fresh schema:',
    ...rows.map(storedLine),
  ];
}

// Issue 16's targets, each beside the figure this run measured and marked met or NOT MET; a
// target whose scenario did not run says so. "Flat" from 1 to 3 processes is given a number here.
import type { PgSection } from './ingest-pg.js';
import type { IngestRow } from './ingest-report.js';

export const TARGETS = {
  /** SQLite, 10-event batches, 50 connections. */
  sqliteCpuUsPerEvent: 12,
  /** What 12 µs means on one core, as the issue puts it. */
  sqliteEventsPerSecond: 60_000,
  sqliteP99Ms: 25,
  /** SQLite, 100-event batches. */
  bigBatchP99Ms: 100,
  bigBatchPeakRssMb: 200,
  /** PostgreSQL, per event, at every process count. */
  pgCandorCpuUsPerEvent: 30,
  pgServerCpuUsPerEvent: 25,
  /** Flat: CPU per event at 2 and 3 processes at most this many times that at 1 process. */
  flatRatio: 1.2,
  deadlocks: 0,
} as const;

const fixed = (n: number | null | undefined, digits: number) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const int = (n: number) => Math.round(n).toLocaleString('en-US');

function line(what: string, figure: string, met: boolean | null): string {
  return `  ${what}: ${figure}  ${met === null ? 'NOT MEASURED' : met ? 'met' : 'NOT MET'}`;
}

function sqliteLines(rows: readonly IngestRow[], connections: number): string[] {
  const a = rows.find((row) => row.id === 'a');
  const c = rows.find((row) => row.id === 'c');
  const notRun = (id: string) => `  (${id}) not run: its targets are not measured`;
  const stored = rows.every((row) => row.stored.problems.length === 0);
  return [
    ...(a
      ? [
          line(`(a) 10-event batches ≤ ${TARGETS.sqliteCpuUsPerEvent} CPU µs/event`, fixed(a.cpuUsPerEvent, 2), a.cpuUsPerEvent === null ? null : a.cpuUsPerEvent <= TARGETS.sqliteCpuUsPerEvent),
          line(`(a) ≥ ${int(TARGETS.sqliteEventsPerSecond)} events/s on one core`, int(a.eventsPerSecond), a.eventsPerSecond >= TARGETS.sqliteEventsPerSecond),
          line(`(a) p99 ≤ ${TARGETS.sqliteP99Ms} ms at ${connections} connections`, `${fixed(a.p99Ms, 1)} ms`, a.p99Ms <= TARGETS.sqliteP99Ms),
        ]
      : [notRun('a')]),
    ...(c
      ? [
          line(`(c) 100-event batches p99 ≤ ${TARGETS.bigBatchP99Ms} ms`, `${fixed(c.p99Ms, 1)} ms`, c.p99Ms <= TARGETS.bigBatchP99Ms),
          line(`(c) peak RSS ≤ ${TARGETS.bigBatchPeakRssMb} MB`, `${fixed(c.peakRssMb, 0)} MB`, c.peakRssMb === null ? null : c.peakRssMb <= TARGETS.bigBatchPeakRssMb),
        ]
      : [notRun('c')]),
    ...(rows.length > 0 ? [line('every acknowledged SQLite event stored, facts and sums as rebuilt', stored ? 'yes' : 'no', stored)] : []),
  ];
}

function pgLines(section: PgSection | null): string[] {
  if (!section || section.skipped !== null) return [`  PostgreSQL targets: NOT MEASURED (${section?.skipped ?? 'no PostgreSQL scenario was chosen'})`];
  const lines: string[] = [];
  for (const row of section.rows) {
    lines.push(
      line(`(${row.id}) Candor ≤ ${TARGETS.pgCandorCpuUsPerEvent} CPU µs/event`, fixed(row.cpuUsPerEvent, 1), row.cpuUsPerEvent === null ? null : row.cpuUsPerEvent <= TARGETS.pgCandorCpuUsPerEvent),
      line(
        `(${row.id}) PostgreSQL ≤ ${TARGETS.pgServerCpuUsPerEvent} CPU µs/event`,
        `${fixed(row.pgCpuUsPerEvent, 1)} (backends ${fixed(row.pgBenchBackendCpuUsPerEvent, 1)}; with other databases' sessions ${fixed(row.pgEveryProcessCpuUsPerEvent, 1)})`,
        row.pgCpuUsPerEvent === null ? null : row.pgCpuUsPerEvent <= TARGETS.pgServerCpuUsPerEvent,
      ),
      line(`(${row.id}) deadlocks = ${TARGETS.deadlocks}`, String(row.pg.lockWaits.deadlocks), row.pg.lockWaits.deadlocks <= TARGETS.deadlocks),
    );
  }
  const one = section.rows.find((row) => row.processes === 1);
  for (const row of section.rows.filter((candidate) => candidate.processes > 1)) {
    if (!one) break;
    const candor = one.cpuUsPerEvent === null || row.cpuUsPerEvent === null ? null : row.cpuUsPerEvent / one.cpuUsPerEvent;
    const server = one.pgCpuUsPerEvent === null || row.pgCpuUsPerEvent === null ? null : row.pgCpuUsPerEvent / one.pgCpuUsPerEvent;
    lines.push(
      line(`(${row.id}) flat: Candor CPU/event ≤ ${TARGETS.flatRatio} × 1 process`, `${fixed(candor, 2)} ×`, candor === null ? null : candor <= TARGETS.flatRatio),
      line(`(${row.id}) flat: PostgreSQL CPU/event ≤ ${TARGETS.flatRatio} × 1 process`, `${fixed(server, 2)} ×`, server === null ? null : server <= TARGETS.flatRatio),
    );
  }
  if (!one || section.rows.length < 2) lines.push('  flat from 1 to 3 processes: not measured (p1 and p2 or p3 must both run)');
  const stored = section.rows.every((row) => row.stored.problems.length === 0);
  lines.push(line('every acknowledged PostgreSQL event stored, facts and sums as rebuilt', stored ? 'yes' : 'no', stored));
  return lines;
}

export function targetLines(rows: readonly IngestRow[], postgres: PgSection | null, connections: number): string[] {
  return [
    'Targets of issue 16 (SQLite at 50 connections, one core; PostgreSQL per event at each process count):',
    ...sqliteLines(rows, connections),
    ...pgLines(postgres),
    `  "flat": CPU per event at 2 and 3 processes within ${Math.round((TARGETS.flatRatio - 1) * 100)}% of 1 process (ratio ≤ ${TARGETS.flatRatio}), Candor and PostgreSQL each.`,
  ];
}

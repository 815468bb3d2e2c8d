// The figures, as a table to paste into an issue note (ending with the command that made it and
// where it ran) and as JSON in bench/results/latest.json.
import type { AssignResult } from './assign.js';
import type { LoadResult, LoadSettings } from './load.js';
import { commandLine, writeResultsJson } from './report-file.js';

export interface Row extends LoadResult {
  label: string;
  /** The mean of the bare runs just before and just after this one. */
  bareRequestsPerSecond: number;
  /** Requests per second against that baseline. */
  ratio: number;
  /** The same baseline's server CPU per request against this path's: the ratio a neighbour disturbs less. */
  cpuRatio: number | null;
}

export interface Report {
  command: string;
  node: string;
  nproc: number;
  cpu: string;
  date: string;
  settings: LoadSettings & { bareSeconds: number; serverCpu: number | null; loadCpu: number | null };
  bare: { bodyBytes: number; runs: LoadResult[] };
  http: Row[];
  assign: AssignResult;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number | null, digits: number) => (n === null ? '–' : n.toFixed(digits));
const millions = (n: number) => `${(n / 1e6).toFixed(2)} M/s`;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

export function formatReport(report: Report): string {
  const { settings, bare, assign } = report;
  const pinning =
    settings.serverCpu === null ? 'no CPU pinning (taskset missing or one core)' : `server on CPU ${settings.serverCpu}, load on CPU ${settings.loadCpu}`;
  const bareRps = bare.runs.map((run) => run.requestsPerSecond);
  const bareCpu = bare.runs.map((run) => run.cpuUsPerRequest).filter((us): us is number => us !== null);
  const bareBusy = bare.runs.map((run) => run.serverBusy).filter((busy): busy is number => busy !== null);
  const range = (values: number[], format: (n: number) => string) => `${format(Math.min(...values))}–${format(Math.max(...values))}`;

  return [
    `Candor public hot paths: ${settings.connections} connections, pipelining ${settings.pipelining}, ` +
      `${settings.seconds} s measured after a ${settings.warmupSeconds} s warm-up; ${pinning}`,
    '',
    ...table(
      ['path', 'req/s', 'bare req/s', '× bare', 'p50 ms', 'p99 ms', 'server busy', 'CPU µs/req', '× bare CPU', 'non-2xx/3xx'],
      report.http.map((row) => [
        row.label,
        int(row.requestsPerSecond),
        int(row.bareRequestsPerSecond),
        fixed(row.ratio, 2),
        fixed(row.p50Ms, 2),
        fixed(row.p99Ms, 2),
        row.serverBusy === null ? '–' : `${Math.round(row.serverBusy * 100)}%`,
        fixed(row.cpuUsPerRequest, 1),
        fixed(row.cpuRatio, 2),
        String(row.bad),
      ]),
    ),
    '',
    `bare req/s: bare node:http serving the config answer's ${bare.bodyBytes} bytes, measured ${settings.bareSeconds} s just before and just after`,
    `each path (mean of the two); its ${bare.runs.length} runs gave ${range(bareRps, int)} req/s` +
      (bareCpu.length === bare.runs.length ? `, ${range(bareCpu, (us) => us.toFixed(1))} CPU µs/req` : '') +
      (bareBusy.length === bare.runs.length ? `, its core ${range(bareBusy, (busy) => `${Math.round(busy * 100)}%`)} busy.` : '.'),
    `server busy: the share of its core the server used. Well under 100%, something else set the pace: the one-core load`,
    `generator (bare, plain Hono) or a neighbour taking the core; req/s ratios then mislead. × bare CPU (the bare server's`,
    `CPU µs/req over the path's, from /proc) does not depend on either, and is the ratio to quote from a busy machine.`,
    '',
    `assignVariant over ${int(assign.ids)} distinct ids (${assign.idShape}), median of ${assign.rounds} rounds:`,
    `  building the ids only       ${millions(assign.baselinePerSecond).padStart(11)}  ${fixed(1e9 / assign.baselinePerSecond, 0).padStart(4)} ns each`,
    `  building ids + assigning    ${millions(assign.assignPerSecond).padStart(11)}  ${fixed(assign.grossNs, 0).padStart(4)} ns each`,
    `  cost per assignment         ${fixed(assign.netNs, 0).padStart(4)} ns (the difference)`,
    '',
    commandLine(report),
  ].join('\n');
}

export function writeReport(report: Report): string {
  return writeResultsJson('latest.json', report);
}

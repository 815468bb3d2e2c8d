// What every bench of this folder shares about the machine and the run: which core the load
// and the servers get, how long a measurement lasts (BENCH_SECONDS), and how it is shown.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export const LOAD_CPU = 0;
export const SERVER_CPU = 1;
export const DEFAULT_SECONDS = 8;
export const WARMUP_SECONDS = 2;

export function readSeconds(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_SECONDS;
  const seconds = Number(raw);
  if (!(seconds >= 1 && seconds <= 120)) throw new Error(`BENCH_SECONDS must be a number of seconds from 1 to 120, got "${raw}".`);
  return seconds;
}

let cores: number | undefined;

/**
 * The cores this run may use, read once: nproc honours CPU affinity, and a bench pins itself
 * to the load core, so a bench that runs after another must not read it again.
 */
export function countCores(): number {
  if (cores === undefined) {
    try {
      cores = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
    } catch {
      cores = availableParallelism();
    }
  }
  return cores;
}

/** The command line that reproduces this run, as printed under each table. */
export function commandLine(name: string | undefined): string {
  const seconds = process.env.BENCH_SECONDS ? `BENCH_SECONDS=${process.env.BENCH_SECONDS} ` : '';
  const profile = process.env.BENCH_PROFILE ? `BENCH_PROFILE=${process.env.BENCH_PROFILE} ` : '';
  const only = process.env.BENCH_INGEST_SCENARIOS ? `BENCH_INGEST_SCENARIOS=${process.env.BENCH_INGEST_SCENARIOS} ` : '';
  const ids = process.env.BENCH_IDS ? `BENCH_IDS=${process.env.BENCH_IDS} ` : '';
  const pragmas = process.env.BENCH_SQLITE_PRAGMAS ? `BENCH_SQLITE_PRAGMAS='${process.env.BENCH_SQLITE_PRAGMAS}' ` : '';
  // The URL may hold a password: the command shows that one was given, not what it was.
  const pg = process.env.BENCH_PG_URL ? 'BENCH_PG_URL=<url> ' : '';
  const visitors = process.env.BENCH_RESULTS_VISITORS ? `BENCH_RESULTS_VISITORS=${process.env.BENCH_RESULTS_VISITORS} ` : '';
  return `${seconds}${profile}${only}${ids}${pragmas}${pg}${visitors}npm run bench${name ? ` -- ${name}` : ''}`;
}

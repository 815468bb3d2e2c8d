// `npm run bench -- creatives`: what reading the Content Credentials of a large video costs, in
// time and peak memory. A signed MP4 of BENCH_CREATIVES_MB (default 200) is built first (see
// creatives-child.ts), then each measurement runs in a fresh process, three times (the median
// is shown): Candor's reader (fromBytes in a worker thread); for comparison, fromBytes and the
// package's streaming fromBlob in the main thread; and a whole upload through the app.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countCores } from './machine.js';
import { commandLine, writeResultsJson } from './report-file.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./creatives-child.ts', import.meta.url));
const RUNS = 3;

interface Figures {
  ms?: number;
  peakRssMb: number | null;
  [key: string]: unknown;
}

function child(...args: string[]): Figures {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = result.stdout.trim().split('\n').pop();
  if (result.status !== 0 || !line?.startsWith('{')) throw new Error(`creatives-child ${args[0]} failed:\n${result.stderr}`);
  return JSON.parse(line) as Figures;
}

function readMegabytes(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 200;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 2 || value > 1024) throw new Error(`BENCH_CREATIVES_MB must be a whole number of MB from 2 to 1024, got "${raw}".`);
  return value;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function runCreativesBench(command: string): Promise<void> {
  const megabytes = readMegabytes(process.env.BENCH_CREATIVES_MB);
  if (process.env.BENCH_CREATIVES_MB) command = `BENCH_CREATIVES_MB=${process.env.BENCH_CREATIVES_MB} ${command}`;
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-creatives-'));
  try {
    const file = join(dir, 'signed.mp4');
    process.stderr.write(`building a signed ${megabytes} MB MP4 …\n`);
    const made = child('make', file, String(megabytes));
    const idle = child('idle');
    const rows = [
      { label: "Candor's reader: fromBytes in a worker thread", mode: 'read' },
      { label: 'fromBytes in the main thread', mode: 'read-bytes' },
      { label: 'fromBlob (streaming file ranges) in the main thread', mode: 'read-ranges' },
      { label: 'the whole upload (multipart streamed, hashed, inspected, read)', mode: 'upload' },
    ].map(({ label, mode }) => {
      process.stderr.write(`measuring ${mode} ×${RUNS} …\n`);
      const runs = Array.from({ length: RUNS }, () => child(mode, file));
      const checked = runs.every((run) => run.validation === 'valid' && (run.status === undefined || run.status === 201));
      if (!checked) throw new Error(`${mode}: the manifest did not read as valid: ${JSON.stringify(runs)}`);
      return { label, mode, ms: median(runs.map((run) => run.ms!)), peakRssMb: median(runs.map((run) => run.peakRssMb ?? NaN)), stallMs: median(runs.map((run) => Number(run.stallMs))), runs };
    });
    const machine = { command, node: process.version, nproc: countCores(), cpu: cpus()[0]?.model ?? 'unknown', date: new Date().toISOString().slice(0, 10) };
    const report = { ...machine, megabytes, fileBytes: made.bytes, signMs: made.signMs, idlePeakRssMb: idle.peakRssMb, rows };
    const int = (n: number) => Math.round(n).toLocaleString('en-US');
    const width = Math.max(...rows.map((row) => row.label.length));
    console.log(
      [
        `Reading the Content Credentials of a ${megabytes} MiB (${int(Number(made.bytes) / 1e6)} MB) signed MP4, its BMFF hash over all of it; median of ${RUNS} fresh processes`,
        '',
        `${'what'.padEnd(width)}  ${'time ms'.padStart(8)}  ${'peak RSS MB'.padStart(11)}  ${'above idle'.padStart(10)}  ${'loop stall ms'.padStart(13)}`,
        ...rows.map(
          (row) =>
            `${row.label.padEnd(width)}  ${int(row.ms).padStart(8)}  ${int(row.peakRssMb).padStart(11)}  ${int(row.peakRssMb - (idle.peakRssMb ?? 0)).padStart(10)}  ${int(row.stallMs).padStart(13)}`,
        ),
        '',
        `loop stall: the longest the main thread's event loop went without a turn, i.e. what every other request waited.`,
        `idle: the same process with the modules loaded and nothing read peaks at ${int(idle.peakRssMb ?? 0)} MB (tsx included).`,
        `c2pa-rs asks for the media data box in one read, so streaming holds it twice (JavaScript and WebAssembly)`,
        `and saves nothing on a clip with one mdat. The worker costs a thread and a second isolate, but keeps the`,
        `event loop free while the file is hashed and gives the WebAssembly memory back when it exits.`,
        `Results in ${writeResultsJson('creatives.json', report)}.`,
        '',
        commandLine(machine),
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

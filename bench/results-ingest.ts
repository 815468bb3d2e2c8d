// Starts and stops the results bench's ingestion child (results-ingest-child.ts): pinned beside
// the load when taskset exists, killed whatever happens, and its counts read back when stopped.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { IngestTarget } from './results-seed.js';
import { READY_PREFIX } from './servers/child.js';

/** The line the child gives its counts on when stopped. */
export const DONE_PREFIX = 'BENCH_INGEST_DONE ';

/** What the child is told (BENCH_INGEST). */
export interface IngestOrder {
  url: string;
  target: IngestTarget;
  eventsPerSecond: number;
  eventsPerBatch: number;
  connections: number;
}

const CHILD = fileURLToPath(new URL('./results-ingest-child.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const EVENTS_PER_BATCH = 10;
const CONNECTIONS = 8;

export interface IngestReport {
  seconds: number;
  requests: number;
  events: number;
  /** Answers that were the 202 accepting the whole batch. */
  good: number;
  wrong: number;
  examples: string[];
  /** Accepted events per second over the child's whole run. */
  eventsPerSecond: number;
  p99Ms: number;
}

export interface Ingestion {
  stop(): Promise<IngestReport>;
}

/** Posts to `baseUrl`/v1/events for `target` at `eventsPerSecond`; resolves once events are being accepted. */
export function startIngestion(baseUrl: string, target: IngestTarget, eventsPerSecond: number, cpu: number | undefined): Promise<Ingestion> {
  const order: IngestOrder = { url: `${baseUrl}/v1/events`, target, eventsPerSecond, eventsPerBatch: EVENTS_PER_BATCH, connections: CONNECTIONS };
  const nodeArgs = ['--import', 'tsx', CHILD];
  const [command, args] = cpu === undefined ? [process.execPath, nodeArgs] : ['taskset', ['-c', String(cpu), process.execPath, ...nodeArgs]];
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, BENCH_INGEST: JSON.stringify(order) }, stdio: ['pipe', 'pipe', 'inherit'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let report: ((value: IngestReport) => void) | undefined;
  const reported = new Promise<IngestReport>((resolve) => (report = resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A child that dies without its counts still ends the wait, with every answer counted wrong.
  void exited.then(() => report!({ seconds: 0, requests: 0, events: 0, good: 0, wrong: 1, examples: ['the ingestion child exited without its counts'], eventsPerSecond: 0, p99Ms: Number.NaN }));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the ingestion child was not posting after ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ingestion child exited (${signal ?? `code ${code}`})`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(DONE_PREFIX)) report!(JSON.parse(line.slice(DONE_PREFIX.length)) as IngestReport);
      else if (line.startsWith(READY_PREFIX)) {
        clearTimeout(timer);
        resolve({
          stop: async () => {
            child.kill('SIGTERM');
            const answer = await reported;
            await exited;
            process.off('exit', killOnExit);
            return answer;
          },
        });
      } else process.stderr.write(`[ingest] ${line}\n`);
    });
  });
}

// Server children of the bench: started with `node --import tsx`, pinned to their own core when
// taskset exists, ready once they print their announcement, and always killed, even on a crash.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { cpuSecondsOf } from './cpu-time.js';
import { READY_PREFIX } from './servers/child.js';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ServerChild<Info> {
  readonly name: string;
  readonly info: Info;
  /** The server's own process id (taskset execs node, so it is the child's). */
  readonly pid: number;
  /** CPU seconds the child has used so far, or null where that cannot be read. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The core to pin the child to, with taskset; undefined leaves it to the scheduler. */
  cpu?: number | undefined;
  env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** A compiled .js to run with plain node instead of bench/servers/<file> under tsx. */
  compiled?: string;
  /**
   * For a child that is not a bench server (the real server/main.ts): the stdout line that says
   * it is ready. It announces nothing, so the child's info is {}.
   */
  readyLine?: RegExp;
}

const running = new Map<ChildProcess, () => Promise<void>>();
// The last resort, for an exit that skipped stopAllServers(): exit handlers cannot wait.
process.on('exit', () => {
  for (const child of running.keys()) child.kill('SIGKILL');
});

const afterStop = new Set<() => Promise<void>>();

/** Work for stopAllServers once the servers are down, e.g. dropping a database; the returned function forgets it. */
export function onStopAll(work: () => Promise<void>): () => void {
  afterStop.add(work);
  return () => afterStop.delete(work);
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running.values()].map((stop) => stop()));
  const pending = [...afterStop];
  afterStop.clear();
  await Promise.all(pending.map((work) => work().catch((err: unknown) => process.stderr.write(`bench cleanup failed: ${String(err)}\n`))));
}

export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins this process (all its threads) to one core, so load and server do not share one. */
export function pinSelf(cpu: number): void {
  execFileSync('taskset', ['-a', '-cp', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

/** Starts `bench/servers/<file>` and resolves with what it announced. */
export function startServer<Info>(name: string, file: string, options: StartOptions = {}): Promise<ServerChild<Info>> {
  const script = fileURLToPath(new URL(`./servers/${file}`, import.meta.url));
  const nodeArgs = [...(options.nodeFlags ?? []), ...(options.compiled ? [options.compiled] : ['--import', 'tsx', script])];
  const [command, args] =
    options.cpu === undefined ? [process.execPath, nodeArgs] : ['taskset', ['-c', String(options.cpu), process.execPath, ...nodeArgs]];
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  };
  running.set(child, stop);
  void exited.then(() => running.delete(child));

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${name} server: ${why}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited before it was ready (${signal ?? `code ${code}`})`);
    child.once('error', (err) => fail(err.message));
    child.once('exit', onExit);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = options.readyLine ? options.readyLine.test(line) : line.startsWith(READY_PREFIX);
      if (!ready) {
        process.stderr.write(`[${name}] ${line}\n`);
        return;
      }
      clearTimeout(timer);
      child.off('exit', onExit);
      const info = (options.readyLine ? {} : JSON.parse(line.slice(READY_PREFIX.length))) as Info;
      // taskset execs node, so the pid we hold is the server's own.
      resolve({ name, info, pid: child.pid!, stop, cpuSeconds: () => (child.pid === undefined ? null : cpuSecondsOf(child.pid)) });
    });
  });
}

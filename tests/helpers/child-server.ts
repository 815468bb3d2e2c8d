// The real server as a child process, for tests that start, stop or kill it: a database of its own (a
// SQLite file in a temp dir, or a fresh PostgreSQL schema named in the URL), a free port, the
// server and CLI spawned with only the variables given, and their output kept for failures.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../../server/db/connect.js';
import { withClient } from './databases.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  /** Resolves once stdout matches, or rejects if the process exits or the time runs out first. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  /** SIGKILL unless it has already exited; resolves when it has. */
  dispose(): Promise<Exit>;
}

export interface ServerDatabase {
  /** What CANDOR_DATABASE_URL is set to. */
  url: string;
  /** Removes the file or drops the schema. */
  cleanup(): Promise<void>;
}

/** A SQLite file in a fresh temp dir, or a fresh schema in CANDOR_TEST_PG_URL's database. */
export async function createServerDatabase(dialect: Dialect): Promise<ServerDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'candor-child-'));
    return { url: join(dir, 'candor.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.CANDOR_TEST_PG_URL;
  if (!base) throw new Error('CANDOR_TEST_PG_URL is not set');
  const schema = `child_${randomBytes(6).toString('hex')}`;
  await withClient(base, (client) => client.query(`CREATE SCHEMA ${schema}`));
  // libpq's `options` parameter, which pg reads from the URL too: every connection of the
  // child's pool starts with this search_path, so the server needs no test-only setting.
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.href,
    cleanup: () => withClient(base, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Spawns `node --import tsx <script> ...args` in the project root with only PATH and `env`. */
export function spawnScript(script: string, args: readonly string[], env: Record<string, string>): Child {
  return spawnChild(process.execPath, ['--import', 'tsx', script, ...args], env, { label: script, group: false });
}

/** Spawns the server (server/main.ts) with `env` and resolves once it listens; one that never does is killed. */
export async function startServer(env: Record<string, string>): Promise<Child> {
  const server = spawnScript('server/main.ts', [], env);
  try {
    await server.waitFor(/listening/);
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return server;
}

/**
 * Spawns any command (`npm start`, say) in `cwd` (the project root unless given) with only PATH and
 * `env`, in a process group of its own, so that dispose() kills the server npm started with npm.
 */
export function spawnCommand(command: string, args: readonly string[], env: Record<string, string>, cwd = ROOT): Child {
  return spawnChild(command, args, env, { label: [command, ...args].join(' '), group: true, cwd });
}

function spawnChild(command: string, args: readonly string[], env: Record<string, string>, { label: script, group, cwd = ROOT }: { label: string; group: boolean; cwd?: string }): Child {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const output = () => `\nstdout:\n${stdout}\nstderr:\n${stderr}`;

  function waitFor(pattern: RegExp, ms = 15_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stdout)) return;
        done();
        resolve(stdout);
      };
      const onExit = () => {
        done();
        reject(new Error(`${script} exited before printing ${pattern}${output()}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${script} printed no ${pattern} within ${ms} ms${output()}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        child.off('exit', onExit);
      };
      child.stdout!.on('data', check);
      child.once('exit', onExit);
      check();
    });
  }

  async function dispose(): Promise<Exit> {
    if (child.exitCode === null && child.signalCode === null) {
      if (group) process.kill(-child.pid!, 'SIGKILL');
      else child.kill('SIGKILL');
    }
    return exited;
  }

  return { child, stdout: () => stdout, stderr: () => stderr, exited, waitFor, dispose };
}

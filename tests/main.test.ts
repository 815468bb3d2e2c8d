// The real server started as a process: the generated admin token printed once and working over
// HTTP across restarts, a clean exit on SIGTERM, and a bad configuration refused at start.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOKEN_PATTERN = /candor_[A-Za-z0-9_-]{43}/;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Started {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  /** Resolves with all of stdout so far once it matches, or rejects if the process exits first. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
}

const running: Started[] = [];
const dirs: string[] = [];

afterEach(async () => {
  // Whatever a test did or failed to do, no server outlives it.
  await Promise.all(
    running.splice(0).map(async (started) => {
      if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
      await started.exited;
    }),
  );
});

afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'candor-main-'));
  dirs.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `node --import tsx server/main.ts` with only PATH and the variables given. */
function startServer(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  function waitFor(pattern: RegExp, ms = 15_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pattern.test(stdout)) return;
        done();
        resolve(stdout);
      };
      const onExit = () => {
        done();
        reject(new Error(`server exited before printing ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} within ${ms} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
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

  const started = { child, stdout: () => stdout, stderr: () => stderr, exited, waitFor };
  running.push(started);
  return started;
}

async function listSites(port: number, token: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/sites`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

async function stop(started: Started): Promise<Exit> {
  started.child.kill('SIGTERM');
  return started.exited;
}

describe('server/main.ts', () => {
  it('prints a generated admin token once, accepts it over HTTP across a restart, and exits 0 on SIGTERM', async () => {
    const dir = freshDir();
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: join(dir, 'candor.db') };

    const first = startServer(env);
    const firstOut = await first.waitFor(/listening/);
    expect(firstOut).toContain(`Candor is listening on http://127.0.0.1:${port}`);
    expect(firstOut).toContain('Created the database schema');
    const token = TOKEN_PATTERN.exec(firstOut)?.[0];
    expect(token, firstOut).toBeDefined();

    expect(await listSites(port, token!)).toBe(200);
    expect(await listSites(port, token!.slice(0, -1) + (token!.endsWith('A') ? 'B' : 'A'))).toBe(401);
    expect(await listSites(port, 'not-the-admin-token')).toBe(401);

    expect(await stop(first)).toEqual({ code: 0, signal: null });
    expect(first.stdout()).toContain('SIGTERM: closing.');

    const second = startServer(env);
    const secondOut = await second.waitFor(/listening/);
    expect(secondOut).not.toMatch(TOKEN_PATTERN);
    expect(secondOut).not.toContain('admin token');
    expect(secondOut).not.toContain('Created the database schema');
    expect(await listSites(port, token!)).toBe(200);

    expect(await stop(second)).toEqual({ code: 0, signal: null });
  });

  it('exits 1 with "Configuration error" naming PORT when PORT is bad', async () => {
    const dir = freshDir();
    const started = startServer({ PORT: 'eighty', HOST: '127.0.0.1', CANDOR_DATABASE_URL: join(dir, 'candor.db') });
    expect(await started.exited).toEqual({ code: 1, signal: null });
    expect(started.stderr()).toContain('Configuration error: PORT must be a whole number');
    expect(started.stdout()).not.toContain('listening');
  });
});

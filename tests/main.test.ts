// The real server started as a process: the generated admin token printed once and working over
// HTTP across restarts, a clean exit on SIGTERM, and a bad configuration refused at start.
import { afterEach, describe, expect, it } from 'vitest';
import { createServerDatabase, freePort, spawnScript, type Child, type Exit, type ServerDatabase } from './helpers/child-server.js';

const TOKEN_PATTERN = /candor_[A-Za-z0-9_-]{43}/;

const running: Child[] = [];
const databases: ServerDatabase[] = [];

afterEach(async () => {
  // Whatever a test did or failed to do, no server outlives it, and then its database goes.
  await Promise.all(running.splice(0).map((child) => child.dispose()));
  await Promise.all(databases.splice(0).map((database) => database.cleanup()));
});

/** A fresh SQLite file for CANDOR_DATABASE_URL, removed after the test. */
async function freshDatabaseUrl(): Promise<string> {
  const database = await createServerDatabase('sqlite');
  databases.push(database);
  return database.url;
}

/** Starts `node --import tsx server/main.ts` with only PATH and the variables given. */
function startServer(env: Record<string, string>): Child {
  const started = spawnScript('server/main.ts', [], env);
  running.push(started);
  return started;
}

async function listSites(port: number, token: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/sites`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

async function stop(started: Child): Promise<Exit> {
  started.child.kill('SIGTERM');
  return started.exited;
}

describe('server/main.ts', () => {
  it('prints a generated admin token once, accepts it over HTTP across a restart, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: await freshDatabaseUrl() };

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
    const started = startServer({ PORT: 'eighty', HOST: '127.0.0.1', CANDOR_DATABASE_URL: await freshDatabaseUrl() });
    expect(await started.exited).toEqual({ code: 1, signal: null });
    expect(started.stderr()).toContain('Configuration error: PORT must be a whole number');
    expect(started.stdout()).not.toContain('listening');
  });
});

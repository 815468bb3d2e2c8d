// The server started with the demo (`--demo`, or CANDOR_DEMO=1): it creates the demo site before
// listening, prints the shop's address, and the shop page carries the site's key.
import { afterEach, expect, it } from 'vitest';
import { createServerDatabase, freePort, spawnScript, type Child, type ServerDatabase } from '../helpers/child-server.js';

const running: Child[] = [];
const databases: ServerDatabase[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((child) => child.dispose()));
  await Promise.all(databases.splice(0).map((database) => database.cleanup()));
});

async function start(args: string[], extraEnv: Record<string, string> = {}) {
  const database = await createServerDatabase('sqlite');
  databases.push(database);
  const port = await freePort();
  const env = { PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: database.url, CANDOR_ADMIN_TOKEN: 'demo-test-admin-token-0123', ...extraEnv };
  const child = spawnScript('server/main.ts', args, env);
  running.push(child);
  return { child, port };
}

it.each([
  ['--demo', ['--demo'], {}],
  ['CANDOR_DEMO=1', [], { CANDOR_DEMO: '1' }],
])('with %s, prints the demo shop\'s address and serves it with the demo site\'s key', async (_, args, env) => {
  const { child, port } = await start(args, env);
  const output = await child.waitFor(/The demo shop: /);
  expect(output).toContain(`The demo shop: http://127.0.0.1:${port}/demo`);
  const page = await (await fetch(`http://127.0.0.1:${port}/demo`)).text();
  expect(page).toMatch(/<script async src="\/c\.js" data-site="pk_[A-Za-z0-9]{24}"><\/script>/);
});

it('without the demo flag, creates no demo and says nothing of it', async () => {
  const { child, port } = await start([]);
  const output = await child.waitFor(/listening/);
  expect(output).not.toContain('demo');
  expect(await (await fetch(`http://127.0.0.1:${port}/demo`)).text()).toContain('not set up yet');
});

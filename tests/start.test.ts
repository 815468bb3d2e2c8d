// `npm start` builds only when the build's sources changed since the last build: the decision as
// a pure function, the fingerprint of a real tree of files, and the real `npm start` in a copy of
// the repository: built on its first start, restarted in a moment, its arguments passed through.
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_INPUTS, BUILD_OUTPUTS, checkBuild, fingerprint, readInputs, STAMP_FILE, staleReason, writeStamp } from '../scripts/build-stamp.mjs';
import { createServerDatabase, freePort, spawnCommand, type Child } from './helpers/child-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const file = (path: string, text: string) => ({ path, bytes: Buffer.from(text) });

describe('deciding whether to build', () => {
  const current = 'a'.repeat(64);

  it('builds when an output is missing, when no build is recorded, and when the sources changed', () => {
    expect(staleReason({ stamp: current, current, missing: ['dist/server/main.js'] })).toBe('dist/server/main.js is missing');
    expect(staleReason({ stamp: null, current, missing: [] })).toBe('no build of these sources is recorded');
    expect(staleReason({ stamp: 'b'.repeat(64), current, missing: [] })).toBe('the sources changed since the last build');
  });

  it('skips the build when the last build is of these very sources', () => {
    expect(staleReason({ stamp: current, current, missing: [] })).toBeNull();
  });

  it('fingerprints paths and contents, whatever order the files are listed in', () => {
    const files = [file('server/a.ts', 'one'), file('client/b.ts', 'two')];
    expect(fingerprint(files)).toBe(fingerprint([...files].reverse()));
    expect(fingerprint(files)).not.toBe(fingerprint([file('server/a.ts', 'one!'), file('client/b.ts', 'two')]));
    expect(fingerprint(files)).not.toBe(fingerprint([file('server/c.ts', 'one'), file('client/b.ts', 'two')]));
    expect(fingerprint(files)).not.toBe(fingerprint([...files, file('server/new.ts', '')]));
    // The length goes in with each file, so moving bytes from one file to the next is a change too.
    expect(fingerprint([file('a', 'xy'), file('b', 'z')])).not.toBe(fingerprint([file('a', 'x'), file('b', 'yz')]));
  });
});

describe('a tree of files', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function put(path: string, text: string): void {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }

  it('builds a tree never built, skips it once built, and builds again when a source changes or appears', () => {
    root = mkdtempSync(join(tmpdir(), 'candor-stamp-'));
    put('server/main.ts', 'console.log(1);');
    put('client/dashboard/main.tsx', 'export {};');
    put('schema.sql', 'CREATE TABLE t (id TEXT);');
    put('README.md', 'not a source of the build');
    expect(checkBuild(root).reason).toBe('dist/server/main.js, dist/public/c.js, dist/public/dashboard/app.js are missing');

    for (const output of BUILD_OUTPUTS) put(output, '// built');
    const first = checkBuild(root);
    expect(first.reason).toBe('no build of these sources is recorded');
    writeStamp(root, first.current);
    expect(statSync(join(root, STAMP_FILE)).isFile()).toBe(true);
    expect(checkBuild(root)).toEqual({ current: first.current, reason: null });

    put('README.md', 'edited, but the build does not read it');
    expect(checkBuild(root).reason).toBeNull();

    put('server/main.ts', 'console.log(2);');
    expect(checkBuild(root).reason).toBe('the sources changed since the last build');
    writeStamp(root, checkBuild(root).current);
    put('client/dashboard/new-page.tsx', 'export {};');
    expect(checkBuild(root).reason).toBe('the sources changed since the last build');
  });

  it('reads the real build inputs of this repository: the server, the client, the schema and the build files', () => {
    const paths = readInputs(ROOT).map((input) => input.path);
    expect(paths).toEqual(expect.arrayContaining(['server/main.ts', 'client/dashboard/main.tsx', 'schema.sql', 'tsconfig.build.json', 'scripts/build-client.mjs', 'package-lock.json']));
    expect(paths.some((path) => path.startsWith('tests/') || path.startsWith('dist/'))).toBe(false);
  });
});

describe('npm start', () => {
  const running: Child[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((child) => child.dispose()));
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A copy of what a clone holds for `npm start`, sharing this checkout's node_modules, with no dist/. */
  function copyRepository(): string {
    const copy = mkdtempSync(join(tmpdir(), 'candor-start-'));
    cleanups.push(() => rmSync(copy, { recursive: true, force: true }));
    for (const input of [...BUILD_INPUTS, 'scripts']) cpSync(join(ROOT, input), join(copy, input), { recursive: true });
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(copy, 'node_modules'), 'dir');
    return copy;
  }

  async function start(cwd: string, args: string[], ms: number): Promise<{ child: Child; out: string; seconds: number }> {
    const database = await createServerDatabase('sqlite');
    cleanups.push(() => database.cleanup());
    const port = await freePort();
    const began = performance.now();
    const child = spawnCommand('npm', ['start', ...(args.length ? ['--', ...args] : [])], { PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: database.url }, cwd);
    running.push(child);
    const out = await child.waitFor(new RegExp(`Candor is listening on http://127\\.0\\.0\\.1:${port}`), ms);
    return { child, out, seconds: (performance.now() - began) / 1000 };
  }

  it('builds on the first start of a fresh copy, then restarts without building, in a moment, and passes its arguments on', { timeout: 300_000 }, async () => {
    const copy = copyRepository();
    const first = await start(copy, [], 240_000);
    expect(first.out).toContain('Building Candor first: dist/server/main.js, dist/public/c.js, dist/public/dashboard/app.js are missing.');
    await first.child.dispose();
    expect(checkBuild(copy).reason).toBeNull();

    const again = await start(copy, ['--demo'], 20_000);
    expect(again.out).not.toContain('Building Candor first');
    expect(again.out).toMatch(/The demo shop: http:\/\/127\.0\.0\.1:\d+\/demo/);
    // About 0.8 s on a quiet machine, against 8 to 30 s when every start built; the bound leaves
    // room for a busy one.
    expect(again.seconds, `the restart took ${again.seconds.toFixed(2)} s`).toBeLessThan(6);
  });
});

// The README's shell examples, run as written: the real server as a child process on a fresh
// SQLite file, every ```sh block in README order in one bash (real curl), each `# …` answer
// shown under a command checked against what it answered. A block that cannot run here says why.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerDatabase, freePort, spawnScript, type Child, type ServerDatabase } from './helpers/child-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'readme-admin-token-0123456789';

/** Blocks not run here, by a line each holds, and why. */
const NOT_RUNNABLE: Record<string, string> = {
  'npm test                   # type-checks': 'installs packages and runs the whole suite; the server it starts is the one this test starts (server/main.ts, which npm start builds and runs)',
  'npm install && npm start -- --demo': 'installs packages; the demo start is tested in tests/demo/main.test.ts',
  'CANDOR_TRUST_PROXY=127.0.0.1 CANDOR_PUBLIC_URL=https://candor.example npm start': 'starts a second server that runs until stopped; both variables are tested in tests/config.test.ts and the proxy tests',
  'createdb candor': 'needs a PostgreSQL server named db.internal; starting on PostgreSQL is tested in tests/main.test.ts',
  'PORT=8787 npm start & PORT=8788 npm start & PORT=8789 npm start &': 'starts three servers on a PostgreSQL server named db.internal; three processes on one database, one killed under load, are tested in tests/collect/multi-process-durability.test.ts',
  'npm run candor -- help': 'a list with a placeholder (FILE.csv …); each command runs in tests/cli.test.ts and the import above',
};

/** Answers shown for illustration that a fixture cannot reproduce. */
const UNCHECKED_ANSWERS: Record<string, string> = {
  '"durationMs":8000': 'the answer for the reader\'s own 8 s portrait clip; the fixture video is another',
};

/** Files the examples name that stand for the reader's own. */
const FILES: Record<string, string> = { '@sora-clip.mp4': '@tests/fixtures/media/video1.mp4' };

interface Check {
  id: number;
  status: number | null;
  template: string;
}

function shBlocks(readme: string): string[] {
  return [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** The block as a script: the live server's variables, and each answer comment turned into a marker. */
function toScript(block: string, checks: Check[], env: { CANDOR: string }): string {
  let text = block.replace(/^CANDOR=.*$/m, `CANDOR=${env.CANDOR}`).replace(/^TOKEN=.*$/m, `TOKEN=${TOKEN}`);
  for (const [from, to] of Object.entries(FILES)) text = text.replaceAll(from, to);
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const answer = /^# (?:(\d{3}) )?([{[].*)$/.exec(lines[i]!);
    if (!answer) {
      out.push(lines[i]!);
      continue;
    }
    let template = answer[2]!;
    while (i + 1 < lines.length && /^#\s{2,}/.test(lines[i + 1]!)) template += lines[++i]!.slice(1).trim();
    const id = checks.length;
    checks.push({ id, status: answer[1] ? Number(answer[1]) : null, template });
    out.push(`echo "@@CHECK ${id}"; echo "@@CHECK ${id}" >&2`);
  }
  return out.join('\n');
}

/** The "key":literal pairs of an answer comment, leaving out anything elided with "…". */
function literalPairs(template: string): Array<[string, unknown]> {
  const pairs: Array<[string, unknown]> = [];
  for (const match of template.matchAll(/"([A-Za-z_]+)":("(?:[^"\\…])*"|-?\d+(?:\.\d+)?|true|false|null|\[\]|\{\})(?=[,}\]])/g)) {
    pairs.push([match[1]!, JSON.parse(match[2]!)]);
  }
  return pairs;
}

function holds(node: unknown, key: string, value: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (!Array.isArray(node) && key in node && JSON.stringify((node as Record<string, unknown>)[key]) === JSON.stringify(value)) return true;
  return Object.values(node).some((child) => holds(child, key, value));
}

/** Runs the script in its own process group, killed whole after `limitMs`, so a command that never ends fails the test by name. */
function runBash(script: string, env: Record<string, string>, limitMs: number): Promise<{ code: number | null; timedOut: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, limitMs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, stdout, stderr });
    });
  });
}

let database: ServerDatabase;
let server: Child;
let base: string;

beforeAll(async () => {
  database = await createServerDatabase('sqlite');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawnScript('server/main.ts', [], { PORT: String(port), HOST: '127.0.0.1', CANDOR_DATABASE_URL: database.url, CANDOR_ADMIN_TOKEN: TOKEN });
  await server.waitFor(/listening/, 30_000);
}, 40_000);

afterAll(async () => {
  await server?.dispose();
  await database?.cleanup();
});

it('runs every shell example of the README against a live server, and each answers as the README shows', async () => {
  const blocks = shBlocks(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));
  const skipped = blocks.filter((block) => Object.keys(NOT_RUNNABLE).some((line) => block.includes(line)));
  // A block that starts a server never ends: each must be one of those not run.
  for (const block of blocks.filter((text) => /\bnpm start\b/.test(text))) expect(skipped, block).toContain(block);
  // Every reason names one block still in the README.
  for (const line of Object.keys(NOT_RUNNABLE)) expect(blocks.filter((block) => block.includes(line)), line).toHaveLength(1);

  const checks: Check[] = [];
  const prelude = [
    // Each body ends its line (two in a row stay apart); each status goes to stderr, so a captured body stays as the README shows it.
    `curl() { command curl -sS --write-out '\\n%{stderr}@@STATUS %{http_code}\\n' "$@"; }`,
    `export CANDOR_DATABASE_URL='${database.url}'`,
  ].join('\n');
  const runnable = blocks.filter((block) => !skipped.includes(block));
  const script = [prelude, ...runnable.map((block) => toScript(block, checks, { CANDOR: base }))].join('\n');
  const run = await runBash(script, { TMPDIR: process.env.TMPDIR ?? '/tmp' }, 200_000);
  const context = `\ntimed out: ${run.timedOut}\nstdout:\n${run.stdout.slice(-3000)}\nstderr:\n${run.stderr.slice(-3000)}\nserver:\n${server.stderr()}`;
  expect(run.code, context).toBe(0);
  expect(run.stderr, context).not.toMatch(/curl: \(\d+\)/);

  const statuses = [...run.stderr.matchAll(/@@STATUS (\d+)/g)].map((match) => Number(match[1]));
  // The only refusals in the README's walk: deleting the experiment it has just started, and a
  // start the site's disclosure presets refuse.
  expect(statuses.filter((status) => status >= 300), context).toEqual([409, 422]);

  expect(checks.length).toBeGreaterThanOrEqual(8);
  for (const check of checks) {
    const [before, after] = run.stdout.split(`@@CHECK ${check.id}\n`);
    expect(after, `no marker for ${check.template}${context}`).toBeDefined();
    const segment = before!.split(/@@CHECK \d+\n/).pop()!;
    const errSegment = run.stderr.split(`@@CHECK ${check.id}\n`)[0]!.split(/@@CHECK \d+\n/).pop()!;
    if (Object.keys(UNCHECKED_ANSWERS).some((text) => check.template.includes(text))) continue;
    if (check.status !== null) {
      const status = [...errSegment.matchAll(/@@STATUS (\d+)/g)].pop()?.[1];
      expect(Number(status), check.template).toBe(check.status);
    }
    const body = segment.trim().split('\n').pop()!;
    const answer = JSON.parse(body);
    for (const [key, value] of literalPairs(check.template)) {
      expect(holds(answer, key, value), `"${key}":${JSON.stringify(value)} in ${body.slice(0, 400)}`).toBe(true);
    }
  }
}, 240_000); // about 20 s alone; the whole suite beside it on two cores makes it several times slower

// `npm run demo` (the CLI's demo command): called directly on a test database, and spawned as the
// tool runs, on a SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs, UsageError, type CommandContext } from '../../server/cli/command.js';
import { COMMANDS } from '../../server/cli/commands.js';
import { loadConfig } from '../../server/config.js';
import { findDemoSite } from '../../server/demo/setup.js';
import { describeEachDialect, type TestDatabase } from '../helpers/databases.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = Date.UTC(2026, 10, 24, 12);
const demo = COMMANDS.demo!;

function context(database: TestDatabase): CommandContext & { lines: string[] } {
  const lines: string[] = [];
  return { db: database.db, dialect: database.dialect, config: loadConfig({ CANDOR_PUBLIC_URL: 'https://ab.example' }), out: (line) => lines.push(line), now: () => NOW, lines };
}

describeEachDialect('demo command', (database) => {
  it('creates the demo, sends its visitors and prints what it did, per arm', async () => {
    const ctx = context(database());
    await demo.run(ctx, parseCommandArgs(demo, ['--visitors', '300', '--seed', 'cli']));
    const text = ctx.lines.join('\n');
    const site = await findDemoSite(database().db);
    expect(text).toContain(`Demo site "Aurelia Atelier (demo)" (id ${site!.id}, key ${site!.publicKey})`);
    expect(text).toMatch(/Sent 300 simulated visitors from the last 6 days through POST \/v1\/events: [\d,]+ events accepted\./);
    for (const arm of ['traditional', 'ai-plain', 'ai-label', 'ai-caption']) expect(text).toMatch(new RegExp(`^  ${arm} +\\d+ visitors, clicked`, 'm'));
    expect(text).toContain('https://ab.example/demo');
    const events = await database().db.selectFrom('events').select('id').execute();
    expect(text).toContain(`${events.length.toLocaleString('en')} events accepted`);
  });

  it('sends nothing the second time and says so', async () => {
    await demo.run(context(database()), parseCommandArgs(demo, ['--visitors', '40']));
    const before = await database().db.selectFrom('events').select('id').execute();
    const ctx = context(database());
    await demo.run(ctx, parseCommandArgs(demo, ['--visitors', '40']));
    expect(ctx.lines.join('\n')).toMatch(/simulated visitors were sent on 2026-11-24; nothing more to do/);
    expect(await database().db.selectFrom('events').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a visitor count that is not a whole number in range', async () => {
    for (const raw of ['0', 'many', '100001', '-5']) {
      await expect(demo.run(context(database()), parseCommandArgs(demo, [`--visitors=${raw}`]))).rejects.toThrow(UsageError);
    }
  });
});

describe('npm run demo', () => {
  it('runs as a process on a SQLite file and exits 0 after the commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-demo-'));
    try {
      const env = { PATH: process.env.PATH ?? '', CANDOR_DATABASE_URL: join(dir, 'candor.db'), CANDOR_PUBLIC_URL: 'http://localhost:8787' };
      const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'demo', '--visitors', '150'], { cwd: ROOT, env }, (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
      expect(code, stderr).toBe(0);
      expect(stdout).toContain('Created the database schema');
      expect(stdout).toMatch(/Sent 150 simulated visitors/);
      expect(stdout).toContain('http://localhost:8787/demo');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

// The command-line tool: each command called directly on a test database, and the tool itself
// spawned as `npm run candor` would run it, for help, misuse and a real reset on a SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hashToken, resolveAdminToken, tokenMatches } from '../server/auth/admin-token.js';
import { CommandError, type CommandContext } from '../server/cli/command.js';
import { COMMANDS, helpLines } from '../server/cli/commands.js';
import { loadConfig, type Config } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';
import { describeEachDialect, type TestDatabase } from './helpers/databases.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = Date.UTC(2026, 10, 24, 12);

function context(database: TestDatabase, config: Config = loadConfig({})): CommandContext & { lines: string[] } {
  const lines: string[] = [];
  return { db: database.db, dialect: database.dialect, config, out: (line) => lines.push(line), now: () => NOW, lines };
}

async function storedHash(database: TestDatabase): Promise<string | undefined> {
  const row = await database.db.selectFrom('settings').select('value').where('key', '=', 'admin_token_sha256').executeTakeFirst();
  return row?.value;
}

describeEachDialect('reset-admin-token', (database) => {
  const resetCommand = COMMANDS['reset-admin-token']!;

  it('prints a new token once and stores only its hash, so the old token stops matching', async () => {
    const old = (await resolveAdminToken(database().db, loadConfig({}), NOW)).generated!;
    const ctx = context(database());
    await resetCommand.run(ctx);

    const printed = ctx.lines.join('\n').match(/candor_[A-Za-z0-9_-]{43}/g);
    expect(printed).toHaveLength(1);
    const token = printed![0];
    const hash = await storedHash(database());
    expect(hash).toBe(hashToken(token));
    expect(tokenMatches(token, hash!)).toBe(true);
    expect(tokenMatches(old, hash!)).toBe(false);
  });

  it('says the running server must be restarted to accept the new token', async () => {
    const ctx = context(database());
    await resetCommand.run(ctx);
    expect(ctx.lines.join('\n')).toMatch(/restart the running server/i);
  });

  it('works on a database that never had a generated token', async () => {
    const ctx = context(database());
    await resetCommand.run(ctx);
    expect(await storedHash(database())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses when CANDOR_ADMIN_TOKEN is set, naming it, and changes nothing', async () => {
    const before = await resolveAdminToken(database().db, loadConfig({}), NOW);
    const ctx = context(database(), loadConfig({ CANDOR_ADMIN_TOKEN: 'env-admin-token-0123456789abcdef' }));
    const running = resetCommand.run(ctx);
    await expect(running).rejects.toThrow(CommandError);
    await expect(running).rejects.toThrow(/CANDOR_ADMIN_TOKEN is set, so the environment decides/);
    expect(ctx.lines).toEqual([]);
    expect(await storedHash(database())).toBe(before.hash);
  });
});

describe('help', () => {
  it('lists every command with its summary, and help itself', () => {
    const text = helpLines().join('\n');
    expect(text).toContain('Usage: npm run candor -- <command>');
    for (const [name, command] of Object.entries(COMMANDS)) expect(text).toMatch(new RegExp(`^  ${name} +${escape(command.summary)}$`, 'm'));
    expect(text).toMatch(/^ {2}help +Show this list\.$/m);
  });

  it('lists the commands of the table it is given, aligned', () => {
    const noop = async () => {};
    const lines = helpLines({ verify: { summary: 'Check the data.', run: noop }, 'a-longer-name': { summary: 'Longer.', run: noop } });
    expect(lines).toContain('  verify         Check the data.');
    expect(lines).toContain('  a-longer-name  Longer.');
    expect(lines).toContain('  help           Show this list.');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the candor tool as a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `npx tsx server/cli.ts ...args` from the project root with only the environment given. */
  function candor(args: string[], env: Record<string, string> = {}) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        'npx',
        ['tsx', 'server/cli.ts', ...args],
        // HOME and PATH let npx find its cache and node; the database is always the temp one.
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, CANDOR_DATABASE_URL: join(dir, 'candor.db'), ...env }, timeout: 15_000 },
        (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
  }

  it('prints the command list for "help" and exits 0', async () => {
    const result = await candor(['help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Usage: npm run candor -- <command>');
    expect(result.stdout).toContain('reset-admin-token');
  });

  it('prints the command list on stderr for an unknown command and exits 2', async () => {
    const result = await candor(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).toContain('reset-admin-token');
    expect(result.stdout).toBe('');
  });

  it('resets the token in the configured database and closes it', async () => {
    const result = await candor(['reset-admin-token']);
    expect(result.code, result.stderr).toBe(0);
    const token = /candor_[A-Za-z0-9_-]{43}/.exec(result.stdout)?.[0];
    expect(token).toBeDefined();
    const opened = openDatabase({ dialect: 'sqlite', file: join(dir, 'candor.db') });
    try {
      const row = await opened.db.selectFrom('settings').select('value').executeTakeFirstOrThrow();
      expect(tokenMatches(token!, row.value)).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it('exits 1 with the reason when CANDOR_ADMIN_TOKEN is set', async () => {
    const result = await candor(['reset-admin-token'], { CANDOR_ADMIN_TOKEN: 'env-admin-token-0123456789abcdef' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CANDOR_ADMIN_TOKEN is set');
    expect(result.stdout).not.toMatch(/candor_[A-Za-z0-9_-]{43}/);
  });
});

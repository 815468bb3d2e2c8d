// The command-line tool: each command called directly on a test database, and the tool itself
// spawned as `npm run candor` would run it, for help, misuse and a real reset on a SQLite file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hashToken, resolveAdminToken, tokenMatches } from '../server/auth/admin-token.js';
import { CommandError, NO_ARGS, parseCommandArgs, UsageError, type CommandContext } from '../server/cli/command.js';
import { COMMANDS, helpLines } from '../server/cli/commands.js';
import { loadConfig, type Config } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';
import { applySchema } from '../server/db/schema.js';
import { insertSite } from '../server/experiments/site-queries.js';
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
    await resetCommand.run(ctx, NO_ARGS);

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
    await resetCommand.run(ctx, NO_ARGS);
    expect(ctx.lines.join('\n')).toMatch(/restart the running server/i);
  });

  it('works on a database that never had a generated token', async () => {
    const ctx = context(database());
    await resetCommand.run(ctx, NO_ARGS);
    expect(await storedHash(database())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses when CANDOR_ADMIN_TOKEN is set, naming it, and changes nothing', async () => {
    const before = await resolveAdminToken(database().db, loadConfig({}), NOW);
    const ctx = context(database(), loadConfig({ CANDOR_ADMIN_TOKEN: 'env-admin-token-0123456789abcdef' }));
    const running = resetCommand.run(ctx, NO_ARGS);
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

  it('shows the usage line of each command that takes arguments', () => {
    expect(helpLines()).toContain(`  npm run candor -- ${COMMANDS.import!.args!.usage}`);
  });
});

describe('parseCommandArgs', () => {
  it('refuses arguments to a command that takes none, and parses those of one that does', () => {
    expect(() => parseCommandArgs(COMMANDS.verify!, ['now'])).toThrow(new UsageError('takes no arguments; got now.'));
    const args = parseCommandArgs(COMMANDS.import!, ['past.csv', '--site', 's1', '--metric', 'a=clicked', '--metric', 'b=revenue']);
    expect(args).toEqual({ values: { site: 's1', metric: ['a=clicked', 'b=revenue'] }, positionals: ['past.csv'] });
  });

  it('refuses an unknown option, a missing value and a wrong number of files as misuse', () => {
    expect(() => parseCommandArgs(COMMANDS.import!, ['past.csv', '--colour', 'red'])).toThrow(UsageError);
    expect(() => parseCommandArgs(COMMANDS.import!, ['past.csv', '--site'])).toThrow(UsageError);
    expect(() => parseCommandArgs(COMMANDS.import!, ['--site', 's1'])).toThrow(new UsageError('takes 1 argument besides the options; got 0.'));
    expect(() => parseCommandArgs(COMMANDS.import!, ['a.csv', 'b.csv'])).toThrow(/got 2: a\.csv b\.csv/);
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

  it('exits 2 with the usage line when a command gets arguments it does not take', async () => {
    const result = await candor(['import', '--site', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('import: takes 1 argument besides the options; got 0.');
    expect(result.stderr).toContain('Usage: npm run candor -- import FILE.csv --site SITE_ID');
    expect((await candor(['verify', 'now'])).stderr).toContain('verify: takes no arguments; got now.');
  });

  it('imports a file into the configured database and prints its report', async () => {
    const opened = openDatabase({ dialect: 'sqlite', file: join(dir, 'candor.db') });
    let siteId: string;
    try {
      await applySchema(opened.db, 'sqlite');
      siteId = (await insertSite(opened.db, { name: 'Shop', allowedOrigins: [], disclosurePolicy: 'strict' }, NOW)).id;
    } finally {
      await opened.close();
    }
    const file = join(dir, 'past.csv');
    writeFileSync(file, 'id,arm,bought\n1,a,1\n2,b,0\n3,b,1\n');
    const args = ['import', file, '--site', siteId, '--key', 'past', '--visitor', 'id', '--arm', 'arm', '--control', 'a', '--metric', 'bought=purchased'];
    const result = await candor(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Rows read: 3; kept: 3; dropped by --arm-filter: 0; duplicate visitors dropped (first row kept): 0.');
    const again = await candor(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The site already has an experiment with key "past".');
    const misuse = await candor([...args, '--metric', 'bought=sales']);
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toMatch(/import: --metric #2: "bought=sales" is not COLUMN=METRIC\[:LABEL\]/);
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

// The command-line tool, `npm run candor -- <command>`: parses argv, then config → database →
// schema → one command from cli/commands.ts → close. Exits 0 on success, 1 on failure, 2 on misuse.
import { ConfigError, loadConfig } from './config.js';
import { CommandError, parseCommandArgs, UsageError, type CommandArgs } from './cli/command.js';
import { COMMANDS, helpLines } from './cli/commands.js';
import { openDatabase } from './db/connect.js';
import { applySchema } from './db/schema.js';

const out = (line: string) => console.log(line);

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    helpLines().forEach(out);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    console.error(`Unknown command "${name}".\n`);
    helpLines().forEach((line) => console.error(line));
    return 2;
  }
  const usage = () => console.error(`Usage: npm run candor -- ${command.args?.usage ?? name}`);
  if (command.args && (rest.includes('--help') || rest.includes('-h'))) {
    out(`Usage: npm run candor -- ${command.args.usage}`);
    return 0;
  }
  let args: CommandArgs;
  try {
    args = parseCommandArgs(command, rest);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${name}: ${err.message}`);
    usage();
    return 2;
  }

  const config = loadConfig(process.env);
  const { db, dialect, close } = openDatabase(config.database);
  try {
    const change = await applySchema(db, dialect);
    if (change.from !== change.to) {
      out(change.from === 0 ? `Created the database schema (version ${change.to}).` : `Migrated the database schema from version ${change.from} to ${change.to}.`);
    }
    try {
      await command.run({ db, dialect, config, out, now: Date.now }, args);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      console.error(`${name}: ${err.message}`);
      usage();
      return 2;
    }
    return 0;
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(`Configuration error: ${err.message}`);
    else if (err instanceof CommandError) console.error(err.message);
    else console.error(err);
    process.exitCode = 1;
  },
);

// What a command of the command-line tool is given and how it refuses: the shape every command in
// commands.ts shares, so adding one is a function and a line in the table.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import type { Db, Dialect } from '../db/connect.js';

export interface CommandContext {
  readonly db: Db;
  readonly dialect: Dialect;
  readonly config: Config;
  /** Writes one line for the operator to read (stdout in the tool, an array in tests). */
  readonly out: (line: string) => void;
  readonly now: () => number;
}

/** What node:util parseArgs made of the arguments after the command's name. */
export interface CommandArgs {
  readonly values: Readonly<Record<string, string | boolean | Array<string | boolean> | undefined>>;
  readonly positionals: readonly string[];
}

/** What a command that takes no arguments is given. */
export const NO_ARGS: CommandArgs = Object.freeze({ values: Object.freeze({}), positionals: Object.freeze([]) as readonly string[] });

export interface Command {
  /** One line for the help list. */
  readonly summary: string;
  /**
   * For a command that takes arguments: its usage line, the options parseArgs accepts, and how
   * many positional arguments it needs. A command without them takes no arguments.
   */
  readonly args?: {
    readonly usage: string;
    readonly options: NonNullable<ParseArgsConfig['options']>;
    readonly positionals: { readonly min: number; readonly max: number };
  };
  run(context: CommandContext, args: CommandArgs): Promise<void>;
}

/** A command declining to run, with a message that tells the operator what to do instead. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** The arguments do not make sense (exit 2, with the usage line), as opposed to a failure (exit 1). */
export class UsageError extends CommandError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses a command's arguments with node:util parseArgs (strict: an unknown option is refused). */
export function parseCommandArgs(command: Command, argv: readonly string[]): CommandArgs {
  if (!command.args) {
    if (argv.length > 0) throw new UsageError(`takes no arguments; got ${argv.join(' ')}.`);
    return NO_ARGS;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: command.args.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { min, max } = command.args.positionals;
  const count = parsed.positionals.length;
  if (count < min || count > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(`takes ${wanted} argument${max === 1 ? '' : 's'} besides the options; got ${count}${count ? `: ${parsed.positionals.join(' ')}` : ''}.`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

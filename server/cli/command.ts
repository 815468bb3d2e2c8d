// What a command of the command-line tool is given and how it refuses: the shape every command in
// commands.ts shares, so adding one is a function and a line in the table.
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

export interface Command {
  /** One line for the help list. */
  readonly summary: string;
  run(context: CommandContext): Promise<void>;
}

/** A command declining to run, with a message that tells the operator what to do instead. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

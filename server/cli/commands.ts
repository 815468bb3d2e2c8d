// The table of commands `npm run candor -- <command>` knows, and the help that lists them.
// Add a command here; server/cli.ts only parses argv and dispatches through this table.
import type { Command } from './command.js';
import { resetAdminTokenCommand } from './reset-admin-token.js';
import { verifyCommand } from './verify.js';

export const COMMANDS: Readonly<Record<string, Command>> = {
  'reset-admin-token': {
    summary: 'Replace the admin token with a new one, printed once (for a lost token).',
    run: resetAdminTokenCommand,
  },
  verify: {
    summary: 'Recompute per-visitor facts and daily sums from the raw events; report any difference.',
    run: verifyCommand,
  },
};

export function helpLines(commands: Readonly<Record<string, Command>> = COMMANDS): string[] {
  const rows = Object.entries(commands).map(([name, command]) => [name, command.summary] as const);
  rows.push(['help', 'Show this list.']);
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    'Usage: npm run candor -- <command>',
    '',
    'Commands:',
    ...rows.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'Commands read the same environment as the server (CANDOR_DATABASE_URL, CANDOR_ADMIN_TOKEN, ...)',
    'and bring the database schema up to date before they run.',
  ];
}

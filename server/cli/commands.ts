// The table of commands `npm run candor -- <command>` knows, and the help that lists them.
// Add a command here; server/cli.ts only parses argv and dispatches through this table.
import type { Command } from './command.js';
import { DEMO_ARGS, demoCommand } from './demo.js';
import { derivativesCommand } from './derivatives.js';
import { DETACH_EVENTS_ARGS, detachEventsCommand } from './detach-events.js';
import { IMPORT_ARGS, importCommand } from './import.js';
import { resetAdminTokenCommand } from './reset-admin-token.js';
import { verifyCommand } from './verify.js';

export const COMMANDS: Readonly<Record<string, Command>> = {
  demo: {
    summary: 'Create the demo shop\'s site and experiment and send it simulated visitors (npm run demo).',
    args: DEMO_ARGS,
    run: demoCommand,
  },
  derivatives: {
    summary: 'Make the smaller image copies (srcset) for creatives uploaded before Candor made them at upload.',
    run: derivativesCommand,
  },
  'detach-events': {
    summary: 'PostgreSQL: detach the monthly partitions of raw events wholly before a month, to archive or drop them.',
    args: DETACH_EVENTS_ARGS,
    run: detachEventsCommand,
  },
  import: {
    summary: 'Import a past test from a CSV file, one row per visitor, as a stopped experiment.',
    args: IMPORT_ARGS,
    run: importCommand,
  },
  'reset-admin-token': {
    summary: 'Replace the admin token with a new one, printed once (for a lost token).',
    run: resetAdminTokenCommand,
  },
  verify: {
    summary: 'Recompute per-visitor facts and daily sums from the raw events (imported tests: sums from facts); report any difference.',
    run: verifyCommand,
  },
};

export function helpLines(commands: Readonly<Record<string, Command>> = COMMANDS): string[] {
  const rows = Object.entries(commands).map(([name, command]) => [name, command.summary] as const);
  rows.push(['help', 'Show this list.']);
  const width = Math.max(...rows.map(([name]) => name.length));
  const usages = Object.values(commands).flatMap((command) => (command.args ? [`  npm run candor -- ${command.args.usage}`] : []));
  return [
    'Usage: npm run candor -- <command>',
    '',
    'Commands:',
    ...rows.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    ...(usages.length > 0 ? ['', 'Commands with arguments (README.md says more):', ...usages] : []),
    '',
    'Commands read the same environment as the server (CANDOR_DATABASE_URL, CANDOR_ADMIN_TOKEN, ...)',
    'and bring the database schema up to date before they run.',
  ];
}

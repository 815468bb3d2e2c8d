// `detach-events --before YYYY-MM`: on PostgreSQL, detaches every monthly partition of the raw
// events wholly before that month (server/db/event-partitions.ts). Facts and sums keep what the
// events counted; the detached tables stay in the database, to archive (pg_dump -t) or DROP.
import { detachEventPartitionsBefore, listEventPartitions } from '../db/event-partitions.js';
import { CommandError, UsageError, type Command, type CommandArgs, type CommandContext } from './command.js';

export const DETACH_EVENTS_ARGS: NonNullable<Command['args']> = {
  usage: 'detach-events --before YYYY-MM',
  options: { before: { type: 'string' } },
  positionals: { min: 0, max: 0 },
};

export async function detachEventsCommand({ db, dialect, out }: CommandContext, args: CommandArgs): Promise<void> {
  if (dialect !== 'postgres') throw new CommandError('Only PostgreSQL partitions its events; on SQLite there is nothing to detach.');
  const before = String(args.values.before ?? '');
  const match = /^(\d{4})-(\d{2})$/.exec(before);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new UsageError('--before takes a month, YYYY-MM.');
  const detached = await detachEventPartitionsBefore(db, Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  if (detached.length === 0) out(`No event partition lies wholly before ${before}.`);
  else out(`Detached ${detached.join(', ')}. Archive them (pg_dump -t NAME) or DROP TABLE them when you no longer need them.`);
  out(`Attached now: ${(await listEventPartitions(db)).join(', ')}.`);
}

// Handing a job to the group-commit writer from a route: whatever keeps it from committing
// becomes a 503 to retry, so nothing is acknowledged that was not stored.
import { DatabaseBusyError } from '../db/lock-wait.js';
import { HttpError } from '../errors.js';
import type { CommitJob, CommitResult } from './commit.js';
import { QueueFullError, WriterClosedError, type Writer } from './writer.js';

export async function submitOrRetryLater(writer: Writer, job: CommitJob): Promise<CommitResult> {
  try {
    return await writer.submit(job);
  } catch (error) {
    if (error instanceof QueueFullError || error instanceof WriterClosedError) {
      throw new HttpError('unavailable', 'Candor is busy; send it again in a moment.', undefined, 1);
    }
    // Another process kept the write lock past the wait (server/db/lock-wait.ts): nothing is stored.
    if (error instanceof DatabaseBusyError) throw new HttpError('unavailable', 'The database is busy; send it again in a moment.', undefined, 1);
    console.error('commit failed', error);
    throw new HttpError('unavailable', 'It could not be stored; send it again.', undefined, 1);
  }
}

// The buttons that move an experiment through its life. Which moves exist is the server's rule
// (server/experiments/status.ts, bundled); this file only words them, so the two cannot disagree.
import type { ExperimentStatus } from '../../../server/db/types.js';
import { allowedTransitions } from '../../../server/experiments/status.js';

export interface StatusAction {
  to: ExperimentStatus;
  label: string;
  primary?: boolean;
  /** Asked before the move, for moves that cannot be undone. */
  confirm?: string;
}

type Wording = Omit<StatusAction, 'to'>;

/** How each move is worded, by where it starts: resuming a paused test is not starting a draft. */
export const STATUS_ACTION_WORDING: Record<ExperimentStatus, Partial<Record<ExperimentStatus, Wording>>> = {
  draft: { running: { label: 'Start experiment', primary: true } },
  running: {
    paused: { label: 'Pause' },
    stopped: { label: 'Stop', confirm: 'Stop this experiment for good? Visitors will see the fallback again, and the results are final.' },
  },
  paused: {
    running: { label: 'Resume', primary: true },
    stopped: { label: 'Stop', confirm: 'Stop this experiment for good? The results will be final.' },
  },
  stopped: { archived: { label: 'Archive' } },
  archived: {},
};

/** The moves the server allows from this status, worded; a move without wording is a bug the tests catch. */
export function statusActions(status: ExperimentStatus): StatusAction[] {
  return allowedTransitions(status).flatMap((to) => {
    const wording = STATUS_ACTION_WORDING[status][to];
    return wording ? [{ to, ...wording }] : [];
  });
}

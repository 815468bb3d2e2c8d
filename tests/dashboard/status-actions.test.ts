// The dashboard's status buttons and the server's life-cycle rule agree: a button for every move
// the server allows, and none for a move it refuses (the archived experiment has none at all).
import { describe, expect, it } from 'vitest';
import { STATUS_ACTION_WORDING, statusActions } from '../../client/dashboard/experiments/status-actions.js';
import { allowedTransitions, canTransition, EXPERIMENT_STATUSES } from '../../server/experiments/status.js';

describe('status actions', () => {
  it.each(EXPERIMENT_STATUSES)('offers from %s exactly the moves the server allows', (from) => {
    expect(statusActions(from).map((action) => action.to)).toEqual([...allowedTransitions(from)]);
  });

  it('words no move the server refuses', () => {
    for (const from of EXPERIMENT_STATUSES) {
      for (const to of Object.keys(STATUS_ACTION_WORDING[from])) expect(canTransition(from, to as typeof from), `${from} -> ${to}`).toBe(true);
    }
  });

  it('offers nothing for an archived experiment, and asks before stopping', () => {
    expect(statusActions('archived')).toEqual([]);
    for (const from of ['running', 'paused'] as const) {
      expect(statusActions(from).find((action) => action.to === 'stopped')?.confirm).toMatch(/for good/);
    }
  });
});

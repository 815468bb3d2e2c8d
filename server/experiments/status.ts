// The experiment life cycle: draft → running ⇄ paused → stopped → archived.
import type { ExperimentStatus } from '../db/types.js';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'stopped', 'archived'] as const;

const NEXT: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  draft: ['running'],
  running: ['paused', 'stopped'],
  paused: ['running', 'stopped'],
  stopped: ['archived'],
  archived: [],
};

export function canTransition(from: ExperimentStatus, to: ExperimentStatus): boolean {
  return NEXT[from].includes(to);
}

export function allowedTransitions(from: ExperimentStatus): readonly ExperimentStatus[] {
  return NEXT[from];
}

/**
 * Live: running or paused. A live experiment holds its slot (two in one slot would collide on the
 * page), and its results are read with the always-valid (peeking-safe) figures.
 */
export function isLive(status: ExperimentStatus): boolean {
  return status === 'running' || status === 'paused';
}

export const LIVE_STATUSES: readonly ExperimentStatus[] = EXPERIMENT_STATUSES.filter(isLive);

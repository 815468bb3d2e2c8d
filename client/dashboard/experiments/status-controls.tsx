// Moving an experiment through its life: start, pause, resume, stop, archive. Stopping is final,
// so it asks first. The server checks the site's policy and the slot on start and explains a refusal.
import { useState } from 'preact/hooks';
import type { ExperimentStatus } from '../../../server/db/types.js';
import { api } from '../api.js';
import type { Experiment } from '../types.js';
import { statusActions } from './status-actions.js';

interface StatusControlsProps {
  experiment: Experiment;
  onChanged: (experiment: Experiment) => void;
  onError: (error: unknown) => void;
  /** Why the buttons are off (unsaved changes), or null when they are on. */
  blockedBy: string | null;
}

export function StatusControls({ experiment, onChanged, onError, blockedBy }: StatusControlsProps) {
  const [busy, setBusy] = useState(false);
  if (experiment.importedAt !== null) return null;

  const change = async (to: ExperimentStatus, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    onError(null);
    try {
      onChanged(await api.setStatus(experiment.id, to));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {statusActions(experiment.status).map((action) => (
        <button
          type="button"
          key={action.to}
          class={`button${action.primary ? ' button-primary' : action.to === 'stopped' ? ' button-danger' : ''}`}
          disabled={busy || blockedBy !== null}
          title={blockedBy ?? undefined}
          onClick={() => change(action.to, action.confirm)}
        >
          {action.label}
        </button>
      ))}
    </>
  );
}

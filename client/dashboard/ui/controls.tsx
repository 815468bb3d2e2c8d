// Small pieces every page uses: labelled fields, notices, the status pill, the loading state.
// A field's label is a real <label>, its hint and error are tied to it for screen readers.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api.js';

interface FieldProps {
  label: string;
  hint?: ComponentChildren;
  error?: string | null;
  children: ComponentChildren;
  id: string;
  wide?: boolean;
}

export function Field({ label, hint, error, children, id, wide }: FieldProps) {
  return (
    <div class={`field${wide ? ' field-wide' : ''}${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type Tone = 'error' | 'warning' | 'info' | 'success';

export function Notice({ tone, title, children }: { tone: Tone; title?: string; children?: ComponentChildren }) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}>
      {title && <strong class="notice-title">{title}</strong>}
      {children && <div>{children}</div>}
    </div>
  );
}

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return <Notice tone="error" title="That did not work">{message}</Notice>;
}

const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
  archived: 'Archived',
  imported: 'Imported',
};

export function StatusPill({ status, imported }: { status: string; imported?: boolean }) {
  const shown = imported ? 'imported' : status;
  return <span class={`pill pill-${shown}`}>{STATUS_LABELS[shown] ?? shown}</span>;
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function PageHeader({ title, eyebrow, children }: { title: ComponentChildren; eyebrow?: ComponentChildren; children?: ComponentChildren }) {
  useEffect(() => {
    if (typeof title === 'string') document.title = `${title} · Candor`;
  }, [title]);
  return (
    <header class="page-header">
      <div class="page-title">
        {eyebrow && <div class="eyebrow">{eyebrow}</div>}
        <h1>{title}</h1>
      </div>
      {children && <div class="page-actions">{children}</div>}
    </header>
  );
}

/** An error from the API that names this field, for its Field's error line. */
export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  return error.field === field || error.field.startsWith(`${field}.`) || error.field.startsWith(`${field}[`) ? error.message : null;
}

// One "upload a file" control: a real, labelled file input (the keyboard and screen readers use
// it like any other field), the upload under way, and a refusal in the server's own words, which
// say what is wrong with the file (an HTML page called .jpg, a video cut off half way).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { Creative } from '../types.js';
import { formatBytes } from './creative-media.js';

interface CreativeUploadProps {
  id: string;
  label: string;
  accept: string;
  hint: string;
  /** Only this kind will do (a poster is an image); the server takes either, so it is checked here. */
  kind?: Creative['kind'];
  /** The address the field holds now: once it changes, an old refusal no longer applies. */
  current: string;
  onUploaded: (creative: Creative) => void;
}

export function CreativeUpload({ id, label, accept, hint, kind, current, onUploaded }: CreativeUploadProps) {
  const [sending, setSending] = useState<File | null>(null);
  const [done, setDone] = useState<{ text: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A second file picked while the first is on its way wins; the first answer is dropped.
  const latest = useRef(0);
  useEffect(() => setError(null), [current]);

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const mine = ++latest.current;
    setSending(file);
    setDone(null);
    setError(null);
    try {
      const creative = await api.uploadCreative(file);
      if (mine !== latest.current) return;
      if (kind && creative.kind !== kind) throw new Error(`“${file.name}” is a ${creative.kind}; this needs ${kind === 'image' ? 'an image' : 'a video'}.`);
      onUploaded(creative);
      setDone({ text: `Uploaded “${creative.originalName ?? file.name}”.`, url: creative.url });
    } catch (err) {
      if (mine === latest.current) setError(err instanceof Error ? err.message : String(err));
    } finally {
      if (mine === latest.current) {
        setSending(null);
        // Emptied, so that picking the same file again (after fixing the arm) uploads it again.
        input.value = '';
      }
    }
  };

  const statusId = `${id}-status`;
  const errorId = `${id}-error`;
  return (
    <div class={`field upload${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-busy={sending !== null}
        aria-describedby={error ? `${statusId} ${errorId}` : statusId}
        onChange={(event) => void upload(event.currentTarget)}
      />
      <p class="hint upload-status" id={statusId} role="status">
        {sending ? (
          <>
            <span class="spinner" aria-hidden="true" /> Uploading “{sending.name}” ({formatBytes(sending.size)}) and reading its credentials…
          </>
        ) : (
          // Said only while the field still holds what was uploaded.
          (done && done.url === current ? done.text : hint)
        )}
      </p>
      {error && (
        <p class="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

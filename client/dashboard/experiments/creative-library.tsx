// "Choose an uploaded file": the creatives already stored, newest first, each with what a choice
// rests on (name, kind, size, dimensions, and what its own credentials say). Loaded when opened,
// so an editor that never needs it asks the server nothing.
import { useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import type { Creative } from '../types.js';
import { ErrorNotice, Loading } from '../ui/controls.js';
import { useLoad } from '../ui/use-load.js';
import { describeFile } from './creative-media.js';
import { ProvenanceBadge } from './creative-provenance.js';

interface CreativeLibraryProps {
  id: string;
  /** Offer only this kind (a poster is an image). */
  kind?: Creative['kind'];
  label?: string;
  onChoose: (creative: Creative) => void;
}

export function CreativeLibrary({ id, kind, label = 'Choose an uploaded file', onChoose }: CreativeLibraryProps) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const choose = (creative: Creative) => {
    setOpen(false);
    onChoose(creative);
    // The list goes away with the button that had focus; focus goes back where the list came from.
    toggle.current?.focus();
  };
  return (
    <>
      <div class="library-toggle">
        <button ref={toggle} type="button" class="button button-small" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          {label}
        </button>
      </div>
      {open && <LibraryList id={id} kind={kind} onChoose={choose} />}
    </>
  );
}

function LibraryList({ id, kind, onChoose }: { id: string; kind?: Creative['kind']; onChoose: (creative: Creative) => void }) {
  const { data, error } = useLoad(() => api.creatives(), []);
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading what="the uploaded files" />;
  const shown = kind ? data.filter((creative) => creative.kind === kind) : data;
  if (shown.length === 0) return <p class="empty small">{kind ? `No ${kind} has been uploaded yet.` : 'Nothing has been uploaded yet.'}</p>;
  return (
    <ul id={id} class="library-list" aria-label="Uploaded files">
      {shown.map((creative) => (
        <li key={creative.id}>
          <button type="button" class="library-item" onClick={() => onChoose(creative)}>
            <Thumbnail creative={creative} />
            <span class="library-text">
              <span class="library-name">{creative.originalName ?? `${creative.sha256.slice(0, 12)}.${creative.ext}`}</span>
              <span class="muted small">{describeFile(creative)}</span>
            </span>
            <ProvenanceBadge provenance={creative.provenance} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function Thumbnail({ creative }: { creative: Creative }) {
  const src = creative.kind === 'image' ? creative.url : creative.posterUrl;
  if (!src) return <span class="library-thumb library-thumb-video" aria-hidden="true">▶</span>;
  return <img class="library-thumb" src={src} alt="" loading="lazy" decoding="async" />;
}

// The arms that ran without the disclosure a preset asks for, allowed only because the site's
// presets include research: said once above the figures, and tagged in the arms' table.
import type { ResultsDocument } from '../types.js';
import { Notice } from '../ui/controls.js';

export function ResearchNote({ doc }: { doc: ResultsDocument }) {
  const arms = doc.variants.filter((variant) => variant.undisclosedUnderResearch);
  if (arms.length === 0) return null;
  return (
    <Notice tone="warning" title="Undisclosed under the research policy">
      <p class="small">These arms ran without the disclosure a rule asks for, allowed only for research. Their figures are not a design to run in the open.</p>
      <ul class="small">
        {arms.flatMap((arm) => arm.policyNotes.map((note) => <li key={`${arm.key}-${note.rule}`}>{note.message}.</li>))}
      </ul>
    </Notice>
  );
}

export function ResearchTag({ variant }: { variant: ResultsDocument['variants'][number] | undefined }) {
  if (!variant?.undisclosedUnderResearch) return null;
  return (
    <span class="tag tag-warning" title={variant.policyNotes.map((note) => note.message).join('\n')}>
      undisclosed (research)
    </span>
  );
}

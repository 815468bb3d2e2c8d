// What an arm's uploaded file says about itself, next to its media: the file's facts and its
// provenance in one line, and, when the file says generative AI but the arm is declared
// traditional, the same warning the server gives, with the origin it proposes a click away.
import type { Provenance, Site } from '../types.js';
import { Notice } from '../ui/controls.js';
import { describeFile, originSuggestion, provenanceBadge, provenanceDetails, provenanceSummary } from './creative-media.js';
import type { VariantForm } from './experiment-form.js';

export function ProvenanceBadge({ provenance }: { provenance: Provenance }) {
  const badge = provenanceBadge(provenance);
  return (
    <span class={`cr-badge cr-badge-${badge.tone}`} title={provenanceSummary(provenance)}>
      {badge.text}
    </span>
  );
}

/** The linked upload: its name and facts, and its provenance summary (what the CR pin says). */
export function CreativeFacts({ variant, id }: { variant: VariantForm; id: string }) {
  const creative = variant.creative;
  if (!creative) return null;
  const details = provenanceDetails(creative.provenance);
  const facts = describeFile({ ...creative, width: Number(variant.width) || undefined, height: Number(variant.height) || undefined });
  return (
    <div class="creative-facts" id={id} aria-label="Uploaded file">
      <p class="creative-file">
        <span>
          <strong>{creative.originalName ?? 'Uploaded file'}</strong>
          {facts && <span class="muted"> · {facts}</span>}
        </span>
        <ProvenanceBadge provenance={creative.provenance} />
      </p>
      <p class="creative-provenance" data-testid="provenance-summary">
        {provenanceSummary(creative.provenance)}
      </p>
      {details && <p class="muted small">{details}</p>}
    </div>
  );
}

interface OriginCheckProps {
  variant: VariantForm;
  /** The server's warning for this arm (policy.ts's findProvenanceWarnings), as it will give it on save. */
  warning: string | null;
  policy: Site['disclosurePolicy'];
  onChange: (patch: Partial<VariantForm>) => void;
}

export function OriginCheck({ variant, warning, policy, onChange }: OriginCheckProps) {
  const suggestion = originSuggestion(variant);
  if (!suggestion && !warning) return null;
  const consequence =
    policy === 'strict' ? 'The site’s strict policy will not start the experiment like this.' : 'The experiment can run like this under the research policy, with a warning.';
  return (
    <Notice tone="warning" title="This file says it was made with AI">
      {warning && <p class="small">{capitalise(warning)}.</p>}
      <p class="small">{consequence}</p>
      {suggestion && (
        <button type="button" class="button button-small" onClick={() => onChange(suggestion.patch)}>
          {suggestion.label}
        </button>
      )}
    </Notice>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

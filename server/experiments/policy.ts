// A site's disclosure policy, checked when an experiment starts or resumes.
// strict: every AI or hybrid creative says so. research: undisclosed AI arms are allowed so the
// effect of disclosing can be measured, except where a real person's likeness appears: deepfake
// rules (EU AI Act, article 50(4)) require that to be disclosed whatever the purpose.
// And the media's own word counts: a variant declared traditional whose file's Content Credentials
// (or XMP) say generative AI is refused under strict, and warned about under research.
import { describeProvenance, saysMadeWithAi, type Provenance } from '../creatives/source-type.js';
import type { DisclosurePolicy, DisclosureStyle, Likeness, Origin } from './vocabulary.js';

export interface PolicyVariant {
  key: string;
  origin: Origin;
  disclosure: { style: DisclosureStyle };
  likeness: Likeness;
  /** The uploaded creative its media is, when known (experiments/model.ts). */
  creative?: { provenance: Provenance } | null;
}

export interface PolicyViolation {
  field: string;
  message: string;
}

/** Variants declared traditional whose media says it was made with generative AI: a warning under any policy. */
export function findProvenanceWarnings(variants: readonly PolicyVariant[]): PolicyViolation[] {
  return variants.flatMap((variant, index) => {
    const provenance = variant.creative?.provenance;
    if (variant.origin !== 'traditional' || !saysMadeWithAi(provenance)) return [];
    return [
      {
        field: `variants[${index}].origin`,
        message: `variant "${variant.key}" is declared traditional, but its media says otherwise (${describeProvenance(provenance!)})`,
      },
    ];
  });
}

export function findPolicyViolations(policy: DisclosurePolicy, variants: readonly PolicyVariant[]): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if (policy === 'strict') {
    for (const warning of findProvenanceWarnings(variants)) {
      violations.push({ ...warning, message: `${warning.message}: the site's strict policy will not run it. Declare it "ai" or "hybrid", with a disclosure.` });
    }
  }
  variants.forEach((variant, index) => {
    const madeWithAi = variant.origin !== 'traditional';
    const undisclosed = variant.disclosure.style === 'none';
    if (!madeWithAi || !undisclosed) return;
    const field = `variants[${index}].disclosure`;
    if (policy === 'strict') {
      violations.push({
        field,
        message: `variant "${variant.key}" is ${variant.origin === 'ai' ? 'AI-generated' : 'made partly with AI'} but carries no disclosure, which the site's strict policy requires`,
      });
    } else if (variant.likeness === 'consented') {
      violations.push({
        field,
        message: `variant "${variant.key}" shows a real person's likeness made with AI and must be disclosed, even under the research policy`,
      });
    }
  });
  return violations;
}

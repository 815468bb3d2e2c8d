// A site's disclosure policy, checked when an experiment starts or resumes.
// strict: every AI or hybrid creative says so. research: undisclosed AI arms are allowed so the
// effect of disclosing can be measured, except where a real person's likeness appears: deepfake
// rules (EU AI Act, article 50(4)) require that to be disclosed whatever the purpose.
import type { DisclosurePolicy, DisclosureStyle, Likeness, Origin } from './vocabulary.js';

export interface PolicyVariant {
  key: string;
  origin: Origin;
  disclosure: { style: DisclosureStyle };
  likeness: Likeness;
}

export interface PolicyViolation {
  field: string;
  message: string;
}

export function findPolicyViolations(policy: DisclosurePolicy, variants: readonly PolicyVariant[]): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
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

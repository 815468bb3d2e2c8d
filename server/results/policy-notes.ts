// Which arms run without the disclosure a preset asks for, because the site's presets include
// research: the results mark them, so no one reads an undisclosed arm's figures as a design a
// shop could run in the open. Pure: from the presets and the arms to one entry per arm.
import { listRequirements, type PolicyVariant } from '../experiments/policy.js';
import type { DisclosurePreset } from '../experiments/vocabulary.js';

export interface PolicyNote {
  rule: DisclosurePreset;
  message: string;
}

export interface ArmPolicyStanding {
  /** Made with AI and shown without a disclosure some preset asks for (or none at all), allowed only by research. */
  undisclosedUnderResearch: boolean;
  policyNotes: PolicyNote[];
}

export function policyStandings(presets: readonly DisclosurePreset[], variants: readonly PolicyVariant[]): ArmPolicyStanding[] {
  if (!presets.includes('research')) return variants.map(() => ({ undisclosedUnderResearch: false, policyNotes: [] }));
  const waived = listRequirements(presets, variants).filter((requirement) => requirement.waived);
  return variants.map((variant) => {
    const notes = waived
      .filter((requirement) => requirement.variant === variant.key)
      .map((requirement) => ({ rule: requirement.rule, message: `${requirement.problem}: allowed only because the site's presets include research` }));
    const plainUndisclosed = variant.origin !== 'traditional' && variant.disclosure.style === 'none';
    if (plainUndisclosed && notes.length === 0) {
      notes.push({ rule: 'research', message: `${variant.key}: made with AI and shown without a disclosure, as the site's research policy allows` });
    }
    return { undisclosedUnderResearch: notes.length > 0, policyNotes: notes };
  });
}

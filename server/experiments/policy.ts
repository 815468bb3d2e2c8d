// A site's disclosure presets, checked when an experiment starts or resumes, and explained in the
// editor before saving (the dashboard bundles this file). Each active preset asks things of each
// arm (policy-checks.ts); an unmet one refuses the start, unless the site's presets include
// research and what is unmet is a disclosure (not a fact, not a real person's likeness): then the
// arm runs, and the results mark it. The media's own word counts too: a variant declared
// traditional whose file says generative AI is refused under strict and warned about otherwise.
import { describeProvenance, saysMadeWithAi } from '../creatives/source-type.js';
import { checkArm, isFactMissing, type ArmCheck, type Missing, type PolicyVariant } from './policy-checks.js';
import { PRESET_ORDER } from './policy-rules.js';
import type { DisclosurePolicy, DisclosurePreset } from './vocabulary.js';

export type { PolicyVariant } from './policy-checks.js';

export interface PolicyWarning {
  field: string;
  message: string;
}

/** An unmet requirement that refuses the start: the rule, the arm, what is missing. */
export interface PolicyViolation extends PolicyWarning {
  rule: DisclosurePreset;
  variant: string;
  missing: Missing;
}

/** One requirement of one arm as the editor lists it, met or not, and waived under research or not. */
export interface ArmRequirement extends ArmCheck {
  variant: string;
  field: string;
  waived: boolean;
}

const FIELD_OF: Record<Missing, string> = {
  disclosure: 'disclosure',
  'visible-disclosure': 'disclosure',
  'conspicuous-disclosure': 'disclosure',
  'content-credentials': 'media',
  photorealistic: 'photorealistic',
  syntheticHuman: 'syntheticHuman',
  realProduct: 'realProduct',
  'declared-origin': 'origin',
};

/** Research lets a disclosure go missing for a legal rule, never a fact and never a real person's likeness. */
function waivedByResearch(presets: readonly DisclosurePreset[], check: ArmCheck, variant: PolicyVariant): boolean {
  if (!presets.includes('research') || check.missing === null || check.rule === 'research') return false;
  return !isFactMissing(check.missing) && check.missing !== 'declared-origin' && variant.likeness !== 'consented';
}

/** Every requirement the site's presets make of every arm, in the editor's order of rules. */
export function listRequirements(presets: readonly DisclosurePreset[], variants: readonly PolicyVariant[]): ArmRequirement[] {
  const active = PRESET_ORDER.filter((preset) => presets.includes(preset));
  return variants.flatMap((variant, index) =>
    active.flatMap((preset) =>
      checkArm(preset, variant).map((check) => ({
        ...check,
        variant: variant.key,
        field: `variants[${index}].${check.missing ? FIELD_OF[check.missing] : 'disclosure'}`,
        waived: waivedByResearch(presets, check, variant),
      })),
    ),
  );
}

/** What refuses the start: every unmet requirement that research does not waive. */
export function findPolicyViolations(presets: readonly DisclosurePreset[], variants: readonly PolicyVariant[]): PolicyViolation[] {
  return listRequirements(presets, variants)
    .filter((requirement) => requirement.missing !== null && !requirement.waived)
    .map((requirement) => ({
      field: requirement.field,
      message: requirement.problem!,
      rule: requirement.rule,
      variant: requirement.variant,
      missing: requirement.missing!,
    }));
}

/** Variants declared traditional whose media says it was made with generative AI: a warning under any policy. */
export function findProvenanceWarnings(variants: readonly PolicyVariant[]): PolicyWarning[] {
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

/**
 * The one word older clients know. "strict" only when strict is on: a site with only legal presets
 * lets AI arms no law covers run undisclosed, so it must not claim that every AI arm says so.
 */
export function legacyPolicy(presets: readonly DisclosurePreset[]): DisclosurePolicy {
  return presets.includes('strict') ? 'strict' : 'research';
}

/** An older client setting the policy word: it replaces strict or research and keeps the legal presets. */
export function presetsWithPolicy(presets: readonly DisclosurePreset[], policy: DisclosurePolicy): DisclosurePreset[] {
  return [...presets.filter((preset) => preset !== 'strict' && preset !== 'research'), policy];
}

// What each preset asks of one arm, from the arm's declared facts (photorealistic, synthetic human,
// real product, a real person's likeness), its disclosure style and its file's credentials.
// Pure, no Node imports: the dashboard bundles it to explain each requirement before saving.
import { saysMadeWithAi, type Provenance } from '../creatives/source-type.js';
import { PRESET_RULES } from './policy-rules.js';
import type { DisclosurePreset, DisclosureStyle, Likeness, Origin } from './vocabulary.js';

export interface PolicyVariant {
  key: string;
  origin: Origin;
  disclosure: { style: DisclosureStyle };
  likeness: Likeness;
  /** Declared by the shop; null: not said, which a rule that depends on it refuses. */
  photorealistic?: boolean | null;
  syntheticHuman?: boolean | null;
  realProduct?: boolean | null;
  /** The uploaded creative its media is, when known (experiments/model.ts). */
  creative?: { provenance: Provenance } | null;
}

/** What an unmet requirement lacks, machine-readable: a disclosure of some kind, a fact, or the file's credentials. */
export const MISSING = [
  'disclosure',
  'visible-disclosure',
  'conspicuous-disclosure',
  'content-credentials',
  'photorealistic',
  'syntheticHuman',
  'realProduct',
  'declared-origin',
] as const;
export type Missing = (typeof MISSING)[number];

/** One thing one preset asks of one arm, and whether the arm does it. */
export interface ArmCheck {
  rule: DisclosurePreset;
  /** What the rule asks of this arm, in words. */
  asks: string;
  /** null: met; otherwise what is missing, with the sentence that says so. */
  missing: Missing | null;
  problem: string | null;
}

const SHORT_NAME: Record<DisclosurePreset, string> = {
  strict: "The site's strict policy",
  research: "The site's research policy",
  'eu-ai-act-50-4': 'The EU AI Act, article 50(4),',
  'ny-gbl-396-b': 'New York GBL §396-b',
  'iab-ai-disclosure-2026': 'The IAB AI disclosure framework',
};

const FACT_FIELD: Record<'photorealistic' | 'syntheticHuman' | 'realProduct', string> = {
  photorealistic: 'whether it is photorealistic',
  syntheticHuman: 'whether it shows a synthetic performer (a human made by AI)',
  realProduct: 'whether it shows the real product',
};

function shows(style: DisclosureStyle): string {
  if (style === 'none') return 'this arm shows none';
  if (style === 'credentials') return 'this arm shows only the Content Credentials pin';
  if (style === 'badge') return 'this arm shows only the "AI" badge';
  return `this arm shows a ${style}`;
}

function accepts(rule: DisclosurePreset, style: DisclosureStyle): boolean {
  return PRESET_RULES[rule].acceptedStyles.includes(style);
}

/** Verified C2PA Content Credentials in the uploaded file; an external URL has none we know of. */
export function hasContentCredentials(variant: PolicyVariant): boolean {
  const provenance = variant.creative?.provenance;
  return !!provenance && provenance.source === 'c2pa' && provenance.manifest && provenance.validation !== 'invalid';
}

const needFact = (rule: DisclosurePreset, variant: PolicyVariant, fact: keyof typeof FACT_FIELD): ArmCheck => ({
  rule,
  asks: `to know ${FACT_FIELD[fact]}`,
  missing: fact,
  problem: `${variant.key}: ${SHORT_NAME[rule]} needs to know ${FACT_FIELD[fact]}; say ${fact}: true or false`,
});

function needStyle(rule: DisclosurePreset, variant: PolicyVariant, missing: Missing, what: string): ArmCheck {
  const met = accepts(rule, variant.disclosure.style);
  return { rule, asks: what, missing: met ? null : missing, problem: met ? null : `${variant.key}: ${SHORT_NAME[rule]} requires ${what}; ${shows(variant.disclosure.style)}` };
}

const madeWithAi = (variant: PolicyVariant) => variant.origin !== 'traditional';
const realPerson = (variant: PolicyVariant) => variant.likeness === 'consented';

/** Each rule's checks of one arm; an arm the rule does not reach gets none. */
const CHECKS: Record<DisclosurePreset, (variant: PolicyVariant) => ArmCheck[]> = {
  strict: (variant) => {
    if (variant.origin === 'traditional') {
      if (!saysMadeWithAi(variant.creative?.provenance)) return [];
      return [{ rule: 'strict', asks: 'an origin that matches what its file says', missing: 'declared-origin', problem: `${variant.key}: is declared traditional, but its file says it was made with generative AI; the site's strict policy will not run it. Declare it "ai" or "hybrid", with a disclosure` }];
    }
    return [needStyle('strict', variant, 'disclosure', `a disclosure on every creative made with AI`)];
  },
  research: (variant) => (madeWithAi(variant) && realPerson(variant) ? [needStyle('research', variant, 'disclosure', "a disclosure of a real person's likeness made with AI, even for research")] : []),
  'eu-ai-act-50-4': (variant) => {
    const rule = 'eu-ai-act-50-4';
    if (!madeWithAi(variant)) return [];
    if (variant.photorealistic == null) return [needFact(rule, variant, 'photorealistic')];
    if (!variant.photorealistic) return [];
    if (realPerson(variant)) return [needStyle(rule, variant, 'visible-disclosure', 'a visible disclosure of a photorealistic AI image of a real person')];
    if (variant.realProduct == null) return [needFact(rule, variant, 'realProduct')];
    return variant.realProduct ? [needStyle(rule, variant, 'visible-disclosure', 'a visible disclosure of a photorealistic AI image of a real product')] : [];
  },
  'ny-gbl-396-b': (variant) => {
    const rule = 'ny-gbl-396-b';
    if (!madeWithAi(variant)) return [];
    if (variant.syntheticHuman == null) return [needFact(rule, variant, 'syntheticHuman')];
    return variant.syntheticHuman ? [needStyle(rule, variant, 'conspicuous-disclosure', 'a conspicuous disclosure of a synthetic performer')] : [];
  },
  'iab-ai-disclosure-2026': (variant) => {
    const rule = 'iab-ai-disclosure-2026';
    if (!madeWithAi(variant)) return [];
    const material = variant.photorealistic === true || variant.syntheticHuman === true || realPerson(variant);
    if (!material) {
      if (variant.photorealistic == null) return [needFact(rule, variant, 'photorealistic')];
      if (variant.syntheticHuman == null) return [needFact(rule, variant, 'syntheticHuman')];
      return [];
    }
    const credentials = hasContentCredentials(variant);
    return [
      needStyle(rule, variant, 'visible-disclosure', 'a visible AI label where AI use is material'),
      {
        rule,
        asks: 'C2PA metadata (Content Credentials) in the creative',
        missing: credentials ? null : 'content-credentials',
        problem: credentials ? null : `${variant.key}: ${SHORT_NAME[rule]} requires C2PA metadata where AI use is material; this arm's ${variant.creative ? 'file carries no Content Credentials that verify' : 'media is not an upload whose Content Credentials Candor has read'}`,
      },
    ];
  },
};

export function checkArm(preset: DisclosurePreset, variant: PolicyVariant): ArmCheck[] {
  return CHECKS[preset](variant);
}

/** A fact the shop has not declared is never waived: research is about disclosing, not about not knowing. */
export function isFactMissing(missing: Missing): boolean {
  return missing === 'photorealistic' || missing === 'syntheticHuman' || missing === 'realProduct';
}

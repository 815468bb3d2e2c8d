// The disclosure presets a site can switch on, in words a shop can read: what each requires, its
// source, and which disclosure styles count as the disclosure it asks for. Summaries in our own
// words, never legal advice. No Node imports: the dashboard bundles this file (site and experiment editors).
import type { DisclosurePreset, DisclosureStyle } from './vocabulary.js';

export const NOT_LEGAL_ADVICE = 'Summary, not legal advice.';

export interface RuleSource {
  /** The text by name, article or section included, so it can be found without a link. */
  name: string;
  /** When it applies from (or was published), in words. */
  date: string;
  /** The official text, only where we are sure of the address; null otherwise. */
  url: string | null;
}

export interface PresetRule {
  id: DisclosurePreset;
  title: string;
  /** What it requires of an arm, in plain words. */
  summary: string;
  source: RuleSource | null;
  /**
   * The disclosure styles that meet it, where it asks for one. A style not listed does not count:
   * a new style (say an icon) meets no rule until someone decides it does, here.
   */
  acceptedStyles: readonly DisclosureStyle[];
}

// Which styles count, and why:
// - EU 50(4) asks that the content be disclosed as generated or manipulated, clearly and at the
//   first exposure (art. 50(5)). A label, a caption or the "AI" badge is seen with the creative;
//   the Content Credentials pin says nothing until it is opened, so it is not enough.
// - New York asks for a conspicuous disclosure that a synthetic performer appears: words that a
//   viewer reads, so a label or a caption. The two-letter badge and the pin do not say it.
// - IAB asks for a visible label (label, caption or badge) plus C2PA metadata in the file: the pin
//   alone is the metadata without the label.
// - strict asks for any disclosure, the pin included, as it always has.
// The neutral "AI" icon is a visible mark like the badge: it counts where the badge counts.
const VISIBLE: readonly DisclosureStyle[] = ['label', 'caption', 'badge', 'icon'];

export const PRESET_RULES: Readonly<Record<DisclosurePreset, PresetRule>> = {
  strict: {
    id: 'strict',
    title: 'Strict: every AI creative says so',
    summary:
      'Every arm made wholly or partly with AI carries a disclosure (a label, caption, badge, AI icon or the Content Credentials pin). An arm declared traditional whose file says it was made with generative AI does not run.',
    source: null,
    acceptedStyles: ['label', 'caption', 'badge', 'icon', 'credentials'],
  },
  research: {
    id: 'research',
    title: 'Research: undisclosed AI arms may run, marked as such',
    summary:
      'An AI arm may run without a disclosure so that the effect of disclosing can be measured, even where another preset here would require one; such arms are marked in the results. Never for a real person’s likeness: that is always disclosed.',
    source: null,
    acceptedStyles: ['label', 'caption', 'badge', 'icon', 'credentials'],
  },
  'eu-ai-act-50-4': {
    id: 'eu-ai-act-50-4',
    title: 'EU AI Act, article 50(4): deep fakes',
    summary:
      'Image or video made or changed with AI that resembles real people, objects or places and would pass as authentic must be disclosed as AI-generated, clearly and from the first view. A photorealistic AI image of a real product or a real person is in scope. Evidently artistic or creative work may use a lighter disclosure; an ad showing a real product is not treated as such here. Counts: a label, caption, badge or AI icon; the Content Credentials pin alone does not.',
    source: {
      name: 'Regulation (EU) 2024/1689 (Artificial Intelligence Act), article 50(4)',
      date: 'applies from 2 August 2026',
      url: 'https://eur-lex.europa.eu/eli/reg/2024/1689/oj',
    },
    acceptedStyles: VISIBLE,
  },
  'ny-gbl-396-b': {
    id: 'ny-gbl-396-b',
    title: 'New York GBL §396-b: synthetic performers',
    summary:
      'An ad that shows a synthetic performer (a human made by AI, such as an AI model wearing the jewellery) must say so conspicuously. Counts: a label or a caption in words; the two-letter badge, the AI icon and the Content Credentials pin do not.',
    source: { name: 'New York General Business Law §396-b', date: 'in force from 9 June 2026', url: null },
    acceptedStyles: ['label', 'caption'],
  },
  'iab-ai-disclosure-2026': {
    id: 'iab-ai-disclosure-2026',
    title: 'IAB AI Transparency and Disclosure Framework',
    summary:
      'Where AI use is material (here: a photorealistic creative, or one showing a person, synthetic or real), the ad carries a visible label and C2PA metadata. Counts: a label, caption, badge or AI icon, on an uploaded creative whose file carries Content Credentials that verify.',
    source: { name: 'IAB AI Transparency and Disclosure Framework', date: 'January 2026', url: null },
    acceptedStyles: VISIBLE,
  },
};

/** The order the editor lists them in: the legal rules, then the two house policies. */
export const PRESET_ORDER: readonly DisclosurePreset[] = ['eu-ai-act-50-4', 'ny-gbl-396-b', 'iab-ai-disclosure-2026', 'strict', 'research'];

export interface PlatformNote {
  platform: string;
  note: string;
}

/** For creatives reused in ads on other platforms: informational, nothing here enforces them. */
export const PLATFORM_NOTES: readonly PlatformNote[] = [
  {
    platform: 'Meta',
    note: 'Meta shows an “AI info” label on ads it detects (from C2PA or IPTC metadata) or that are declared as made or edited with AI; photorealistic people and events must be declared. Keep the Content Credentials in the file you upload there.',
  },
  {
    platform: 'TikTok',
    note: 'TikTok asks advertisers to turn on its “AI-generated” label for realistic AI content, and may apply it itself from Content Credentials.',
  },
];

/** How a rule's source reads in one line: name, date, and the address where we have one. */
export function citeSource(rule: PresetRule): string {
  if (!rule.source) return 'Candor house policy';
  return `${rule.source.name}, ${rule.source.date}${rule.source.url ? ` (${rule.source.url})` : ''}`;
}

// Which arms the results mark as run undisclosed under research (policy-notes.ts), as a table of
// presets and arms: only with research on, only for AI arms shown without what a preset asks.
import { describe, expect, it } from 'vitest';
import type { PolicyVariant } from '../../server/experiments/policy.js';
import type { DisclosurePreset } from '../../server/experiments/vocabulary.js';
import { policyStandings } from '../../server/results/policy-notes.js';

const arm = (key: string, fields: Partial<PolicyVariant> = {}): PolicyVariant => ({
  key,
  origin: 'ai',
  disclosure: { style: 'none' },
  likeness: 'none',
  photorealistic: true,
  syntheticHuman: false,
  realProduct: true,
  ...fields,
});

describe('policyStandings', () => {
  const cases: Array<[string, DisclosurePreset[], PolicyVariant, boolean, DisclosurePreset[]]> = [
    ['a traditional arm', ['research', 'eu-ai-act-50-4'], arm('photo', { origin: 'traditional' }), false, []],
    ['an undisclosed AI arm without research', ['eu-ai-act-50-4'], arm('ai'), false, []],
    ['an undisclosed real product under EU with research', ['research', 'eu-ai-act-50-4'], arm('ai'), true, ['eu-ai-act-50-4']],
    ['a pin where EU and IAB ask a label, with research', ['research', 'eu-ai-act-50-4', 'iab-ai-disclosure-2026'], arm('ai', { disclosure: { style: 'credentials' } }), true, ['eu-ai-act-50-4', 'iab-ai-disclosure-2026', 'iab-ai-disclosure-2026']],
    ['an undisclosed AI arm no law reaches, under research', ['research'], arm('ai', { photorealistic: false }), true, ['research']],
    ['a labelled AI arm under research and EU', ['research', 'eu-ai-act-50-4'], arm('ai', { disclosure: { style: 'label' } }), false, []],
  ];
  it.each(cases)('%s', (_, presets, variant, marked, rules) => {
    const [standing] = policyStandings(presets, [variant]);
    expect(standing!.undisclosedUnderResearch).toBe(marked);
    expect(standing!.policyNotes.map((note) => note.rule)).toEqual(rules);
  });
});

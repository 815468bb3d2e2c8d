// What the demo runs: a four-arm test of the Lumen campaign in the shop's hero slot. The studio
// photo is the control; one AI image is shown three ways (undisclosed, labelled, captioned), so
// origin and disclosure can be told apart. Given to the admin API's own input schema.
import type { z } from 'zod';
import type { experimentInput } from '../experiments/experiment-input.js';
import { CREATIVE_HEIGHT, CREATIVE_WIDTH } from './creatives/studio.js';

export const DEMO_EXPERIMENT_KEY = 'hero-campaign';
export const DEMO_SLOT = 'hero';
/**
 * Fixed, unlike a real experiment's random seed: every demo then assigns a given visitor id to
 * the same arm, so the simulated traffic (seeded too) gives the same figures everywhere.
 */
export const DEMO_HASH_SEED = 'aurelia-lumen-hero';

export type DemoExperimentInput = z.input<typeof experimentInput>;

const STUDIO_ALT = 'The Lumen ring on a travertine plinth in soft studio light, beside the words "The Lumen ring, from €129".';
const CINEMATIC_ALT = 'A giant glowing gold ring standing in still water under a violet and amber dusk sky, a lone walker at its foot.';

/** `baseUrl` is where visitors' browsers reach Candor: the creatives are served from there. */
export function demoExperimentInput(baseUrl: string): DemoExperimentInput {
  const image = (file: string, alt: string) => ({
    type: 'image' as const,
    url: `${baseUrl}/demo/media/${file}`,
    alt,
    width: CREATIVE_WIDTH,
    height: CREATIVE_HEIGHT,
  });
  const studio = image('hero-studio.svg', STUDIO_ALT);
  const cinematic = image('hero-cinematic.svg', CINEMATIC_ALT);
  const clickUrl = `${baseUrl}/demo#details`;
  const ai = { origin: 'ai' as const, media: cinematic, clickUrl, generator: 'demo image model' };
  return {
    key: DEMO_EXPERIMENT_KEY,
    name: 'Lumen campaign: AI image and how to disclose it',
    hypothesis:
      'The AI-generated image earns more clicks than the studio photo; saying it was made with AI keeps most of that lift and costs less trust than hiding it.',
    slot: DEMO_SLOT,
    coverage: 1,
    primaryMetric: 'clicked',
    guardrailMetrics: ['added_to_cart', 'trust'],
    plannedSampleSize: 4000,
    seed: DEMO_HASH_SEED,
    survey: { question: 'trust' },
    variants: [
      { key: 'traditional', name: 'Studio photo', origin: 'traditional', media: studio, clickUrl, control: true },
      { key: 'ai-plain', name: 'AI image, undisclosed', ...ai, disclosure: { style: 'none' } },
      { key: 'ai-label', name: 'AI image, "Made with AI" label', ...ai, disclosure: { style: 'label', text: 'Made with AI', position: 'top-left' } },
      {
        key: 'ai-caption',
        name: 'AI image, caption below',
        ...ai,
        disclosure: { style: 'caption', text: 'This image was created with generative AI.', position: 'below' },
      },
    ],
  };
}

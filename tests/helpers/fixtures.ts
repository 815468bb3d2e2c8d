// Request bodies that pass validation, to change one field at a time in tests.
import type { TestApp } from './app.js';

export function siteBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Aurum Jewellery',
    allowedOrigins: ['https://aurum.example'],
    disclosurePolicy: 'strict',
    ...overrides,
  };
}

export function variantBody(key: string, overrides: Record<string, unknown> = {}) {
  return {
    key,
    name: `Variant ${key}`,
    origin: 'traditional',
    media: { type: 'image', url: `https://cdn.aurum.example/${key}.jpg`, alt: 'A gold ring on linen' },
    ...overrides,
  };
}

/** A 2×2-ready experiment: a traditional control and an AI video with a label. */
export function experimentBody(overrides: Record<string, unknown> = {}) {
  return {
    key: 'hero-ai-video',
    name: 'AI video in the hero slot',
    hypothesis: 'A labelled AI video earns as many add-to-carts as the studio photo.',
    slot: 'hero',
    primaryMetric: 'added_to_cart',
    guardrailMetrics: ['trust'],
    plannedSampleSize: 4000,
    variants: [
      variantBody('studio', { control: true }),
      variantBody('ai-labelled', {
        origin: 'ai',
        generator: 'Veo 3',
        disclosure: { style: 'label', text: 'Made with AI' },
        media: { type: 'video', url: 'https://cdn.aurum.example/ai.mp4', poster: 'https://cdn.aurum.example/ai.jpg', alt: 'A ring turning in light' },
      }),
    ],
    ...overrides,
  };
}

export async function createSite(t: TestApp, overrides: Record<string, unknown> = {}) {
  const reply = await t.call('POST', '/api/sites', siteBody(overrides));
  if (reply.status !== 201) throw new Error(`site not created: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function createExperiment(t: TestApp, siteId: string, overrides: Record<string, unknown> = {}) {
  const reply = await t.call('POST', `/api/sites/${siteId}/experiments`, experimentBody(overrides));
  if (reply.status !== 201) throw new Error(`experiment not created: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function setStatus(t: TestApp, experimentId: string, status: string) {
  return t.call('POST', `/api/experiments/${experimentId}/status`, { status });
}

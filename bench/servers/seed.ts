// What the Candor child serves: one site and one running experiment with three variants, made
// through the real admin API (app.request() in process, or HTTP), as a shop owner would make them.

/** What the seed calls: a Hono app in process (app.request), or a running server over HTTP. */
export interface Requester {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/** A running Candor at `base` (http://127.0.0.1:PORT), called over HTTP. */
export function overHttp(base: string): Requester {
  return { request: (path, init) => fetch(base + path, init) };
}

export interface Seeded {
  siteKey: string;
  experimentKey: string;
  origin: string;
}

const ORIGIN = 'https://shop.example';

const media = (name: string) => ({ type: 'image', url: `https://cdn.shop.example/${name}.jpg`, alt: 'A gold ring on linen' });

const experiment = {
  key: 'hero-ai',
  name: 'AI creatives in the hero slot',
  hypothesis: 'A labelled AI creative earns as many add-to-carts as the studio photo.',
  slot: 'hero',
  primaryMetric: 'added_to_cart',
  guardrailMetrics: ['trust'],
  variants: [
    { key: 'studio', name: 'Studio photo', origin: 'traditional', control: true, media: media('studio') },
    {
      key: 'ai-label',
      name: 'AI video, labelled',
      origin: 'ai',
      generator: 'Veo 3',
      disclosure: { style: 'label', text: 'Made with AI' },
      media: { type: 'video', url: 'https://cdn.shop.example/ai.mp4', poster: 'https://cdn.shop.example/ai.jpg', alt: 'A ring turning in light' },
      clickUrl: 'https://shop.example/rings/aurora',
    },
    { key: 'hybrid-badge', name: 'Retouched with AI, badge', origin: 'hybrid', disclosure: { style: 'badge' }, media: media('hybrid') },
  ],
};

/** Calls Candor's admin API; a non-2xx answer throws with its body. */
export function adminCaller(app: Requester, adminToken: string) {
  return async (method: string, path: string, body: unknown): Promise<Record<string, any>> => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, any>;
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };
}

export async function seedRunningExperiment(app: Requester, adminToken: string): Promise<Seeded> {
  const call = adminCaller(app, adminToken);
  const site = await call('POST', '/api/sites', { name: 'Bench shop', allowedOrigins: [ORIGIN], disclosurePolicy: 'strict' });
  const created = await call('POST', `/api/sites/${site.id}/experiments`, experiment);
  const running = await call('POST', `/api/experiments/${created.id}/status`, { status: 'running' });
  if (running.status !== 'running') throw new Error(`the experiment did not start: ${JSON.stringify(running)}`);
  return { siteKey: site.publicKey as string, experimentKey: experiment.key, origin: ORIGIN };
}

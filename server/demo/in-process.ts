// The event API called inside this process, through the app's own routes (app.request): the
// demo's simulated visitors take the path real ones take, with no network and no port.
import type { AppDeps } from '../deps.js';
import type { PostEvents } from './simulate.js';

export async function inProcessEventPoster(deps: AppDeps): Promise<PostEvents> {
  // Imported when needed: app.ts mounts the demo's routes, which lead here.
  const { createApp } = await import('../app.js');
  // In-process requests have no client address, so they would all share the one rate-limit
  // bucket meant for a single browser; the limit guards against the network, not against us.
  const app = createApp({ ...deps, config: { ...deps.config, rateLimit: 0 } });
  return async (body) => {
    const response = await app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: kept as text for the error message.
    }
    return { status: response.status, body: parsed };
  };
}

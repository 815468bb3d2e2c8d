// The event API called inside this process, through the app's own routes (app.request): the
// demo's simulated visitors take the path real ones take, with no network and no port, and
// land in the same app's writer and last-seen record as the events a browser sends.
import type { Context, Hono } from 'hono';

export type PostEvents = (body: string) => Promise<{ status: number; body: unknown }>;

// Only code in this process can put this key in a request's env: the network cannot forge it.
const IN_PROCESS = Symbol('candor in-process request');

/** A request made by inProcessEventPoster, not one that came over the network. */
export function isInProcess(c: Context): boolean {
  const env = c.env as Record<symbol, unknown> | undefined;
  return env?.[IN_PROCESS] === true;
}

/** Posts a batch to the app's own POST /v1/events; `app` is the whole app, so errors render as they would for a client. */
export function inProcessEventPoster(app: Hono): PostEvents {
  return async (body) => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const response = await app.request('/v1/events', init, { [IN_PROCESS]: true });
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

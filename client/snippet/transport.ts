// Events go out in batches as text/plain JSON (a "simple" request: no CORS preflight), by fetch
// with keepalive so a navigation does not cancel them, and by sendBeacon when the page is being
// hidden or left. One retry on a network error, 429 or 5xx; the server de-duplicates by event id,
// so a retry that did arrive the first time costs nothing.
import { uuidV7 } from './storage.js';
import type { CandorEvent } from './types.js';

/** The server takes at most 100 events in one batch; a batch is sent when it is full. */
const MAX_BATCH = 100;

let queue: CandorEvent[] = [];
let timer: any;
let endpoint = '';
/** Who sends, once known; until then (consent not yet given) events wait in memory. */
let sender: { site: string; visitor: string } | undefined;
let stopped = false;

export function startTransport(url: string, site: string, visitor: string): void {
  endpoint = url;
  sender = { site, visitor };
  addEventListener('pagehide', () => flush(true));
  document.addEventListener('visibilitychange', () => document.hidden && flush(true));
  flush();
}

/** Stops sending for good (no consent, or a privacy signal): what waits is dropped, not sent. */
export function stopTransport(): void {
  stopped = true;
  queue.length = 0;
}

export function send(event: CandorEvent, now?: boolean): void {
  if (stopped || queue.length >= MAX_BATCH) return;
  // A time-ordered id (storage.ts), so the server's (site, id) index grows at its end.
  queue.push({ ...event, id: uuidV7(), ts: Date.now() });
  if (sender) now || queue.length >= MAX_BATCH ? flush() : (timer ||= setTimeout(flush, 1000));
}

function flush(leaving?: boolean): void {
  clearTimeout(timer);
  timer = 0;
  if (stopped || !queue.length) return;
  const body = JSON.stringify({ ...sender, events: queue });
  queue = [];
  if (!(leaving && navigator.sendBeacon?.(endpoint, body))) post(body, true);
}

function post(body: string, retry?: boolean): void {
  fetch(endpoint, { method: 'POST', body, keepalive: true })
    .then((response) => {
      // A refused batch (4xx) would be refused again; only a busy or failing server is retried.
      if (response.status == 429 || response.status > 499) throw 0;
    })
    .catch(() => retry && setTimeout(post, 2000, body));
}

// The load plan for POST /v1/events: each autocannon connection gets its own body stream (one
// visitor at a time), and every answer is checked: Candor's must be the 202 that accepts the
// whole batch, the bare server's an empty 204.
import type autocannon from 'autocannon';
import { createBodyStream, type BodyCounters, type BodyPlan, type ExperimentShape, type IdStyle } from './ingest-bodies.js';
import type { LoadPlan } from './load.js';

// What the snippet sends: sendBeacon posts a string as text/plain, from the shop's pages.
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export interface Traffic {
  plan: LoadPlan;
  /** Bodies built so far; every one built is also written (autocannon builds just before it writes). */
  sent: BodyCounters;
  /** Answers that were exactly the expected one, over the warm-up and the timed run. */
  good(): number;
  /** Answers that were not, with a few of them to show. */
  wrong(): { count: number; examples: string[] };
}

export interface TrafficTarget {
  name: string;
  url: string;
  /** 202 with the whole batch accepted (Candor), or 204 with no body (the bare server). */
  expect: 'accepted' | 'empty';
  serverCpuSeconds: () => number | null;
}

export function createTraffic(
  target: TrafficTarget,
  site: { siteKey: string; origin: string; experiment: ExperimentShape },
  eventsPerBatch: number,
  ids: IdStyle,
): Traffic {
  const url = new URL(target.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`load goes only to 127.0.0.1, not ${target.url}`);
  const bodyPlan: BodyPlan = { siteKey: site.siteKey, experiment: site.experiment, eventsPerBatch, ids };
  const sent: BodyCounters = { requests: 0, events: 0 };
  const [status, answer] =
    target.expect === 'accepted' ? [202, JSON.stringify({ accepted: eventsPerBatch, duplicates: 0, rejected: [], dropped: {} })] : [204, ''];
  let good = 0;
  let wrong = 0;
  const examples: string[] = [];
  const headers = {
    'content-type': 'text/plain;charset=UTF-8',
    'user-agent': CHROME,
    origin: site.origin,
    referer: `${site.origin}/rings/aurora`,
    accept: '*/*',
    'accept-language': 'en-GB,en;q=0.9',
  };

  const onResponse = (code: number, body: string) => {
    if (code === status && body === answer) {
      good++;
      return;
    }
    wrong++;
    if (examples.length < 5) examples.push(`${code} ${body.slice(0, 300)}`);
  };

  const setupClient = (client: autocannon.Client) => {
    const next = createBodyStream(bodyPlan, sent);
    client.setRequests([
      {
        method: 'POST',
        path: url.pathname,
        headers,
        setupRequest: (request) => {
          request.body = next();
          return request;
        },
        onResponse,
      },
    ]);
  };

  return {
    plan: { name: target.name, url: target.url, expectStatus: status, setupClient, serverCpuSeconds: target.serverCpuSeconds },
    sent,
    good: () => good,
    wrong: () => ({ count: wrong, examples }),
  };
}

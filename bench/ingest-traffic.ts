// The load plan for POST /v1/events: each autocannon connection gets its own body stream (one
// visitor at a time), and every answer is checked: Candor's must be the 202 that accepts the
// whole batch, the bare server's an empty 204. Also what a measurement of it needs: the site's
// experiment as the snippet learns it, and a timed load that fails on any wrong answer.
import type autocannon from 'autocannon';
import { createBodyStream, type BodyCounters, type BodyPlan, type ExperimentShape, type IdStyle } from './ingest-bodies.js';
import { measureLoad, type LoadPlan, type LoadResult, type LoadSettings } from './load.js';
import type { CandorInfo } from './scenarios.js';

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

export interface SiteShape {
  siteKey: string;
  origin: string;
  experiment: ExperimentShape;
}

/** What the snippet learns from GET /v1/config: the experiment's seed, coverage and arms. */
export async function readSiteShape(candor: CandorInfo): Promise<SiteShape> {
  const response = await fetch(`http://127.0.0.1:${candor.port}/v1/config?site=${candor.siteKey}`, { headers: { origin: candor.origin } });
  const config = (await response.json()) as { experiments: ExperimentShape[] };
  const experiment = config.experiments.find((candidate) => candidate.key === candor.experimentKey);
  if (response.status !== 200 || !experiment || experiment.variants.length !== 3) {
    throw new Error(`GET /v1/config answered ${response.status} without the seeded 3-arm experiment`);
  }
  return { siteKey: candor.siteKey, origin: candor.origin, experiment };
}

/** One timed load; any answer other than the expected one fails the bench. */
export async function measureTraffic(traffic: Traffic, label: string, settings: LoadSettings): Promise<LoadResult> {
  process.stderr.write(`measuring ${label} …\n`);
  const result = await measureLoad(traffic.plan, settings);
  const wrong = traffic.wrong();
  if (result.bad > 0 || result.unexpected > 0 || wrong.count > 0 || result.responses === 0) {
    throw new Error(
      `${label}: ${result.responses} answers, ${result.bad} failed or outside 2xx/3xx, ${wrong.count} not the expected answer; ` +
        `statuses ${JSON.stringify(result.statuses)}; for example ${JSON.stringify(wrong.examples)}`,
    );
  }
  return result;
}

// The public hot paths under load, each checked once by hand before it is measured, so a wrong
// answer (a 200 where a 304 was meant, an unassigned visitor) cannot pass for a fast one.
import type { LoadPlan } from './load.js';
import type { Seeded } from './servers/seed.js';

export interface CandorInfo extends Seeded {
  port: number;
}

export interface Scenario {
  plan: LoadPlan;
  /** The path as shown in the table. */
  label: string;
  check(): Promise<unknown>;
}

/** The exact bytes of the config answer, and its ETag for the conditional path. */
export async function readConfigAnswer(candor: CandorInfo): Promise<{ body: Buffer; etag: string }> {
  const response = await fetch(`http://127.0.0.1:${candor.port}/v1/config?site=${candor.siteKey}`);
  const body = Buffer.from(await response.arrayBuffer());
  const etag = response.headers.get('etag');
  if (response.status !== 200 || !etag) throw new Error(`GET /v1/config answered ${response.status} without an ETag`);
  const config = JSON.parse(body.toString('utf8')) as { experiments: Array<{ variants: unknown[] }> };
  if (config.experiments.length !== 1 || config.experiments[0]!.variants.length !== 3) {
    throw new Error(`GET /v1/config does not hold the seeded experiment: ${body.toString('utf8')}`);
  }
  return { body, etag };
}

export function candorScenarios(candor: CandorInfo, etag: string): Scenario[] {
  const base = `http://127.0.0.1:${candor.port}`;
  const configPath = `/v1/config?site=${candor.siteKey}`;
  // The snippet fetches cross-origin, so browsers send Origin; the 304 path is its revisit.
  const browser = { origin: candor.origin };
  const assignPath = (visitor: string) => `/v1/assign?site=${candor.siteKey}&experiment=${candor.experimentKey}&visitor=${visitor}`;
  let visitors = 0;

  return [
    {
      label: `GET ${configPath.replace(candor.siteKey, 'pk_…')}`,
      plan: { name: 'config', url: base + configPath, headers: browser, expectStatus: 200 },
      check: () => expectAnswer(base + configPath, browser, 200),
    },
    {
      label: 'GET /v1/config, If-None-Match → 304',
      plan: { name: 'config-304', url: base + configPath, headers: { ...browser, 'if-none-match': etag }, expectStatus: 304 },
      check: () => expectAnswer(base + configPath, { ...browser, 'if-none-match': etag }, 304),
    },
    {
      label: 'GET /v1/assign, a new visitor each time',
      plan: {
        name: 'assign',
        url: base + assignPath('first'),
        expectStatus: 200,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, path: assignPath(`v${(visitors++).toString(36)}`) }),
          },
        ],
      },
      check: async () => {
        const answer = await expectAnswer(base + assignPath('check-visitor'), {}, 200);
        if (answer.reason !== 'assigned') throw new Error(`GET /v1/assign did not assign: ${JSON.stringify(answer)}`);
      },
    },
    {
      label: 'GET /c.js (the snippet, brotli)',
      plan: { name: 'snippet', url: `${base}/c.js`, headers: { 'accept-encoding': 'gzip, deflate, br' }, expectStatus: 200 },
      check: async () => {
        const response = await fetch(`${base}/c.js`, { headers: { 'accept-encoding': 'br' } });
        await response.arrayBuffer();
        if (response.status !== 200 || response.headers.get('content-encoding') !== 'br') throw new Error(`GET /c.js answered ${response.status} without brotli`);
      },
    },
    {
      label: 'GET /healthz',
      plan: { name: 'healthz', url: `${base}/healthz`, expectStatus: 200 },
      check: () => expectAnswer(`${base}/healthz`, {}, 200),
    },
  ];
}

async function expectAnswer(url: string, headers: Record<string, string>, status: number): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (response.status !== status) throw new Error(`${url} answered ${response.status}, not ${status}: ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

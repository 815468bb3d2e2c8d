// One load measurement with autocannon: a warm-up that is not counted, then a timed run. Latency
// percentiles come from our own record of every response, since autocannon's histogram keeps
// whole milliseconds and these paths answer in well under one.
import autocannon from 'autocannon';

export interface LoadPlan {
  name: string;
  url: string;
  /**
   * Several servers of one service (e.g. Candor processes on one database): connections are
   * spread round-robin over them, as a load balancer would. `url` is the first of them.
   */
  urls?: string[];
  /** The status every answer must have (200, or 304 for a conditional request). */
  expectStatus: number;
  headers?: Record<string, string>;
  /** Per-request paths, e.g. a setupRequest that changes the visitor id each time. */
  requests?: autocannon.Request[];
  /** Called for each connection as it is made, e.g. to give it a request stream of its own. */
  setupClient?: (client: autocannon.Client) => void;
  /** Told when the timed run starts and ends (after the warm-up), e.g. to cut a profile to it; awaited. */
  onTimedRun?: (edge: 'start' | 'end') => void | Promise<void>;
  /** The server's CPU seconds so far, read before and after the timed run. */
  serverCpuSeconds?: () => number | null;
}

export interface LoadSettings {
  connections: number;
  pipelining: number;
  warmupSeconds: number;
  seconds: number;
}

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU time per answer, or null where it cannot be read. */
  cpuUsPerRequest: number | null;
  /** The share of one core the server used; well under 1, the load generator was the limit. */
  serverBusy: number | null;
  /** The share of one core this (load) process used; near 1, the load generator set the pace. */
  loadBusy: number;
  responses: number;
  /** Answers outside 2xx/3xx plus connection errors and timeouts; must be 0. */
  bad: number;
  /** Answers whose status was not the expected one; must be 0 too. */
  unexpected: number;
  statuses: Record<string, number>;
}

const MAX_LATENCY_SAMPLES = 10_000_000;

export async function measureLoad(plan: LoadPlan, settings: LoadSettings): Promise<LoadResult> {
  for (const url of plan.urls ?? [plan.url]) {
    if (new URL(url).hostname !== '127.0.0.1') throw new Error(`load goes only to 127.0.0.1, not ${url}`);
  }
  await runOnce(plan, settings, settings.warmupSeconds, []);
  const latencies: number[] = [];
  const cpuBefore = plan.serverCpuSeconds?.() ?? null;
  const loadBefore = process.cpuUsage();
  await plan.onTimedRun?.('start');
  const result = await runOnce(plan, settings, settings.seconds, latencies);
  await plan.onTimedRun?.('end');
  const loadUsed = process.cpuUsage(loadBefore);
  const cpuAfter = plan.serverCpuSeconds?.() ?? null;
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count ?? 0;
  const sorted = Float64Array.from(latencies).sort();
  return {
    name: plan.name,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    cpuUsPerRequest: cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1e6) / result.requests.total,
    serverBusy: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / result.duration,
    loadBusy: (loadUsed.user + loadUsed.system) / 1e6 / result.duration,
    responses: result.requests.total,
    bad: result['1xx'] + result['4xx'] + result['5xx'] + result.errors + result.timeouts,
    unexpected: result.requests.total - (statuses[String(plan.expectStatus)] ?? 0),
    statuses,
  };
}

function runOnce(plan: LoadPlan, settings: LoadSettings, seconds: number, latencies: number[]): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        // autocannon takes a list of URLs and gives connection i the URL i mod n; its types say string only.
        url: (plan.urls ?? plan.url) as string,
        connections: settings.connections,
        pipelining: settings.pipelining,
        duration: seconds,
        timeout: 10,
        ...(plan.headers && { headers: plan.headers }),
        ...(plan.requests && { requests: plan.requests }),
        ...(plan.setupClient && { setupClient: plan.setupClient }),
      },
      (err, result) => {
        clearTimeout(guard);
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve(result);
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (latencies.length < MAX_LATENCY_SAMPLES) latencies.push(responseTime);
    });
    // autocannon stops itself after `seconds`; this only bounds a run that somehow hangs.
    const guard = setTimeout(() => instance.stop(), (seconds + 15) * 1000);
  });
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

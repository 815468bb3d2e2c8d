// The results bench's ingestion: a child process (so its work does not sit in the event loop that
// times the documents) posting 10-event batches to POST /v1/events at a fixed rate with autocannon,
// as bench/ingest-traffic.ts makes them, every answer checked. Told what to do by BENCH_INGEST
// (JSON); says it is under way once answers come back, and gives its counts when stopped.
import autocannon from 'autocannon';
import { createTraffic } from './ingest-traffic.js';
import { announceReady } from './servers/child.js';
import { DONE_PREFIX, type IngestOrder } from './results-ingest.js';

const order = JSON.parse(process.env.BENCH_INGEST ?? 'null') as IngestOrder | null;
if (!order) throw new Error('BENCH_INGEST must say what to post.');
const traffic = createTraffic({ name: 'ingest', url: order.url, expect: 'accepted', serverCpuSeconds: () => null }, order.target, order.eventsPerBatch, 'snippet');
// From the first accepted batch on: the start-up before it is not ingestion.
let started = process.hrtime.bigint();
const latencies: number[] = [];
let announced = false;
const instance = autocannon(
  {
    url: order.url,
    connections: order.connections,
    overallRate: Math.max(1, Math.round(order.eventsPerSecond / order.eventsPerBatch)),
    // Until told to stop; the bound only ends a run whose parent vanished without closing our stdin.
    duration: 3600,
    timeout: 10,
    setupClient: traffic.plan.setupClient,
  },
  () => finish(),
);
instance.on('response', (_client, _status, _bytes, responseTime) => {
  latencies.push(responseTime);
  if (!announced && traffic.good() > 0) {
    announced = true;
    started = process.hrtime.bigint();
    announceReady({});
  }
});

let finished = false;
function finish(): void {
  if (finished) return;
  finished = true;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  const wrong = traffic.wrong();
  const report = {
    seconds,
    requests: traffic.sent.requests,
    events: traffic.sent.events,
    good: traffic.good(),
    wrong: wrong.count,
    examples: wrong.examples,
    eventsPerSecond: (traffic.good() * order!.eventsPerBatch) / seconds,
    p99Ms: sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]! : Number.NaN,
  };
  process.stdout.write(`${DONE_PREFIX}${JSON.stringify(report)}\n`, () => process.exit(0));
}
const stop = () => instance.stop();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();

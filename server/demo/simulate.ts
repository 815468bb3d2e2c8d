// Sending the demo's simulated visitors through the real event API (POST /v1/events, JSON, one
// batch per visitor as the snippet sends them), a few requests at a time so that the group
// commit gathers them. Every event must be accepted: anything else is a bug worth a loud error.
import type { Experiment } from '../experiments/model.js';
import type { PostEvents } from '../collect/in-process.js';
import { chunks } from '../collect/update-facts.js';
import { INGEST_LIMITS } from '../collect/vocabulary.js';
import { DEMO_TRAFFIC, planDemoTraffic, tallyPlan, type ArmTally, type PlannedEvent, type PlannedVisitor } from './traffic-plan.js';

/** Posts one batch (a JSON text) to /v1/events and gives back the answer. */
export type { PostEvents };

export interface SimulateOptions {
  post: PostEvents;
  siteKey: string;
  experiment: Pick<Experiment, 'key' | 'seed' | 'coverage' | 'variants'>;
  now: number;
  visitors?: number;
  seed?: string;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface SimulationReport {
  visitors: number;
  events: number;
  accepted: number;
  duplicates: number;
  /** What the event API refused, by visitor: empty when all is well. */
  rejected: Array<{ visitor: string; index: number; code: string }>;
  arms: Record<string, ArmTally>;
}

export class DemoTrafficError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoTrafficError';
  }
}

interface EventsAnswer {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; code: string }>;
}

const RETRIES = 5;

export async function simulateDemoTraffic(options: SimulateOptions): Promise<SimulationReport> {
  const plan = planDemoTraffic(options.experiment, {
    visitors: options.visitors ?? DEMO_TRAFFIC.visitors,
    seed: options.seed ?? DEMO_TRAFFIC.seed,
    now: options.now,
  });
  const report: SimulationReport = { visitors: plan.length, events: 0, accepted: 0, duplicates: 0, rejected: [], arms: tallyPlan(plan) };
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const planned = plan[next++]!;
      for (const batch of batches(planned)) {
        const answer = await send(options.post, JSON.stringify({ site: options.siteKey, visitor: planned.visitor, events: batch.map(wireEvent) }));
        report.events += batch.length;
        report.accepted += answer.accepted;
        report.duplicates += answer.duplicates;
        for (const { index, code } of answer.rejected) report.rejected.push({ visitor: planned.visitor, index, code });
      }
    }
  };
  // The writer's flush timer is unref'd so that it never holds a server open; in a short-lived
  // process (the CLI) nothing else would keep the event loop alive while commits are awaited.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 16) }, worker));
  } finally {
    clearInterval(keepAlive);
  }
  return report;
}

/** A visitor's events, in batches the API takes (one, in practice: a visit has a handful). */
function batches(planned: PlannedVisitor): PlannedEvent[][] {
  return chunks(planned.events, INGEST_LIMITS.eventsPerBatch);
}

/** The event as the snippet sends it: fields that do not apply are left out. */
function wireEvent(event: PlannedEvent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([, value]) => value !== null));
}

async function send(post: PostEvents, body: string): Promise<EventsAnswer> {
  for (let attempt = 1; ; attempt++) {
    const reply = await post(body);
    if (reply.status === 202) return reply.body as EventsAnswer;
    // 503: the writer's queue is full for a moment, as a real sender would be told; try again.
    if (reply.status === 503 && attempt < RETRIES) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      continue;
    }
    throw new DemoTrafficError(`The event API answered ${reply.status} to a simulated batch: ${JSON.stringify(reply.body)}`);
  }
}

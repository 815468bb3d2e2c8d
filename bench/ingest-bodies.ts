// Event batches as the snippet would post them: each visitor's first batch opens with an
// exposure in the arm the hash gives them, later ones carry what they did next. Every event id,
// visitor and order is new, so every event of an accepted batch must be stored, none a duplicate.
import { randomUUID } from 'node:crypto';
import { uuidV7 } from '../client/snippet/storage.js';
import { DEVICES, SOURCES } from '../server/segments/vocabulary.js';
import { assignVariant } from '../server/assign/index.js';

/** The running experiment as GET /v1/config shows it to the snippet. */
export interface ExperimentShape {
  key: string;
  seed: string;
  coverage: number;
  variants: ReadonlyArray<{ key: string; weight: number }>;
}

export interface BodyPlan {
  siteKey: string;
  experiment: ExperimentShape;
  eventsPerBatch: number;
  /**
   * snippet (the default): visitor and event ids as the snippet makes them (UUIDv7s, by its own
   * code), order ids random UUIDs. random: every id a random v4 UUID, as the tests make them.
   * ordered: every id a time prefix, a counter and a salt.
   */
  ids?: IdStyle;
}

export type IdStyle = 'snippet' | 'random' | 'ordered';


const SALT = randomUUID().slice(0, 8);
let made = 0;

function orderedId(): string {
  return `${Date.now().toString(36)}${(made++ % 60_466_176).toString(36).padStart(5, '0')}${SALT}`;
}

/** What one load run built, shared by all its connections. */
export interface BodyCounters {
  requests: number;
  events: number;
}

/** A visitor sends 1 to MAX_BATCHES batches before the connection moves on to a new one. */
const MAX_BATCHES = 6;
// How the events after the exposure are mixed; purchases are rarer than views.
const LATER_EVENTS = [
  ['viewable', 25],
  ['video_progress', 25],
  ['click', 15],
  ['add_to_cart', 12],
  ['survey', 13],
  ['purchase', 10],
] as const;
const MIX_TOTAL = LATER_EVENTS.reduce((sum, [, weight]) => sum + weight, 0);
const MILESTONES = [25, 50, 75, 100];

type Event = Record<string, string | number | Record<string, string>>;

function pickLaterType(): (typeof LATER_EVENTS)[number][0] {
  let roll = Math.random() * MIX_TOTAL;
  for (const [type, weight] of LATER_EVENTS) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return 'viewable';
}

/**
 * One connection's stream of bodies, a visitor at a time, as one browser tab keeps its
 * connection: the batches of a visitor arrive in order, so the exposure is stored first.
 */
export function createBodyStream(plan: BodyPlan, counters: BodyCounters): () => string {
  const { experiment, eventsPerBatch } = plan;
  const style = plan.ids ?? 'snippet';
  const newId = style === 'ordered' ? orderedId : style === 'snippet' ? uuidV7 : randomUUID;
  // Order ids are the shop's own, not the snippet's.
  const newOrderId = style === 'ordered' ? orderedId : randomUUID;
  const weights = experiment.variants.map((variant) => variant.weight);
  let visitor = '';
  let variant = '';
  let batchesLeft = 0;

  function nextVisitor(): void {
    // Coverage below 1 leaves some visitors out; draw until one is in (bounded).
    for (let tries = 0; tries < 1000; tries++) {
      const id = newId();
      const arm = assignVariant({ seed: experiment.seed, coverage: experiment.coverage, weights }, id);
      if (arm === -1) continue;
      visitor = id;
      variant = experiment.variants[arm]!.key;
      batchesLeft = 1 + Math.floor(Math.random() * MAX_BATCHES);
      return;
    }
    throw new Error(`no visitor in 1000 tries falls inside the coverage of ${experiment.key}`);
  }

  function laterEvent(ts: number): Event {
    const type = pickLaterType();
    const id = newId();
    switch (type) {
      case 'video_progress':
        return { id, type, experiment: experiment.key, variant, ts, value: MILESTONES[Math.floor(Math.random() * 4)]! };
      case 'survey':
        return Math.random() < 0.5
          ? { id, type, experiment: experiment.key, variant, ts, name: 'trust', value: 1 + Math.floor(Math.random() * 5) }
          : { id, type, experiment: experiment.key, variant, ts, name: 'noticed', value: Math.random() < 0.4 ? 1 : 0 };
      // Conversions are about the visitor, not one creative: the snippet names no experiment.
      case 'add_to_cart':
        return { id, type, ts, value: 49 + Math.floor(Math.random() * 200) };
      case 'purchase':
        return { id, type, ts, order: newOrderId(), value: 49 + Math.floor(Math.random() * 400) };
      default:
        return { id, type, experiment: experiment.key, variant, ts };
    }
  }

  return () => {
    const events: Event[] = [];
    const now = Date.now();
    if (batchesLeft === 0) {
      nextVisitor();
      // The page loaded a few seconds ago; what follows happened after the exposure.
      const seenAt = now - 3000 - Math.floor(Math.random() * 2000);
      // With the segment the snippet classifies in the browser, as every exposure carries it.
      const props = { device: DEVICES[counters.requests % 3]!, source: SOURCES[counters.requests % 6]! };
      events.push({ id: newId(), type: 'exposure', experiment: experiment.key, variant, ts: seenAt, props });
      while (events.length < eventsPerBatch) events.push(laterEvent(seenAt + events.length));
    } else {
      const at = now - 1000 - Math.floor(Math.random() * 1000);
      while (events.length < eventsPerBatch) events.push(laterEvent(at + events.length));
    }
    batchesLeft--;
    counters.requests++;
    counters.events += events.length;
    return JSON.stringify({ site: plan.siteKey, visitor, events });
  };
}

/** Builds `count` bodies and answers the µs each took, to weigh generation against the load. */
export function timeBodies(plan: BodyPlan, count: number): { usPerBody: number; bytesPerBody: number } {
  const next = createBodyStream(plan, { requests: 0, events: 0 });
  let bytes = 0;
  // A first round lets the JIT settle, as it has during a run.
  for (let i = 0; i < count; i++) bytes += next().length;
  const start = process.hrtime.bigint();
  bytes = 0;
  for (let i = 0; i < count; i++) bytes += next().length;
  const us = Number(process.hrtime.bigint() - start) / 1000;
  return { usPerBody: us / count, bytesPerBody: bytes / count };
}

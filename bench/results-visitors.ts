// The raw events of one visitor of the results bench, exactly EVENTS_PER_VISITOR of them, as the
// snippet would have sent them and the pipeline stored them: an exposure in the arm the hash
// gives the visitor, then views, video milestones, clicks, conversions and survey answers.
import { randomUUID } from 'node:crypto';
import { assignVariant } from '../server/assign/index.js';
import type { EventsTable } from '../server/db/types.js';
import { mulberry32 } from '../server/demo/seeded-random.js';
import { DEVICES, SOURCES } from '../server/segments/vocabulary.js';

export const EVENTS_PER_VISITOR = 10;

/** One arm as the bench's behaviour model sees it; rates are per visitor. */
export interface ArmModel {
  id: string;
  video: boolean;
  click: number;
  addToCart: number;
  /** Mean stated trust, 1–5. */
  trust: number;
  /** The share of those answering who say they noticed AI. */
  noticed: number;
}

export interface VisitorPlan {
  siteId: string;
  experimentId: string;
  seed: string;
  arms: readonly ArmModel[];
}

/** A small seeded generator: the same behaviour in every run, fast. */
export const createRandom = mulberry32;

const MINUTE = 60_000;
const MILESTONES = [25, 50, 75, 100] as const;
// The chance of reaching each milestone having reached the one before.
const KEEP_WATCHING = [0.8, 0.75, 0.7, 0.65] as const;

/** The segment mix of the bench's visitors: device and source shares in the vocabulary's order, and new visitors' share. */
const DEVICE_SHARES = [0.6, 0.08, 0.32] as const;
const SOURCE_SHARES = [0.3, 0.3, 0.15, 0.08, 0.12, 0.05] as const;
const NEW_SHARE = 0.45;
const DAY = 86_400_000;

function drawIndex(shares: readonly number[], draw: number): number {
  let left = draw;
  const found = shares.findIndex((share) => (left -= share) < 0);
  return found === -1 ? shares.length - 1 : found;
}

/** A UUIDv7: the time in ms, then random bits, so ids made later sort later (the B-tree appends). */
export function timeOrderedId(ts: number): string {
  const time = ts.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/**
 * Makes the events of one visitor first exposed at `firstExposureAt`; `nextOrder` numbers the
 * purchases so order ids stay unique. Visitor ids are UUIDv7s as the snippet makes them, made
 * minutes before the first exposure (a new visitor) or days before (a returning one), so the
 * server reads the visit from them; event ids are time-ordered (v7). Each exposure carries the
 * device and source the snippet would send: the three segment dimensions.
 */
export function makeVisitor(plan: VisitorPlan, firstExposureAt: number, random: () => number, nextOrder: () => number): EventsTable[] {
  const madeAt = random() < NEW_SHARE ? firstExposureAt - Math.floor(random() * 20 * MINUTE) : firstExposureAt - DAY - Math.floor(random() * 60 * DAY);
  const visitorId = timeOrderedId(madeAt);
  const props = JSON.stringify({ device: DEVICES[drawIndex(DEVICE_SHARES, random())], source: SOURCES[drawIndex(SOURCE_SHARES, random())] });
  // The seeded experiment covers everyone, its arms equally weighted (the API's defaults).
  const armIndex = assignVariant({ seed: plan.seed, coverage: 1, weights: plan.arms.map(() => 1) }, visitorId);
  const arm = plan.arms[armIndex]!;
  let ts = firstExposureAt;
  const events: EventsTable[] = [];
  const add = (type: string, inExperiment: boolean, extra: Partial<EventsTable> = {}) => {
    events.push({
      siteId: plan.siteId,
      id: timeOrderedId(ts),
      experimentId: inExperiment ? plan.experimentId : null,
      variantId: inExperiment ? arm.id : null,
      visitorId,
      type,
      name: null,
      ts,
      receivedAt: ts + 80 + Math.floor(random() * 900),
      value: null,
      orderId: null,
      props: null,
      ...extra,
    });
    ts += 1000 + Math.floor(random() * 3 * MINUTE);
  };

  add('exposure', true, { props });
  if (random() < 0.85) add('viewable', true);
  if (arm.video && random() < 0.6) {
    add('video_start', true);
    for (const [index, milestone] of MILESTONES.entries()) {
      if (random() >= KEEP_WATCHING[index]!) break;
      add('video_progress', true, { value: milestone });
    }
  }
  if (random() < arm.click) add('click', true);
  if (random() < arm.addToCart) {
    add('add_to_cart', false, { value: 40 + Math.floor(random() * 160) });
    if (random() < 0.35) add('purchase', false, { value: Math.round(Math.exp(3.8 + random() * 1.2) * 100) / 100, orderId: `order-${nextOrder()}` });
  }
  if (random() < 0.05) {
    const trust = Math.min(5, Math.max(1, Math.round(arm.trust + (random() - 0.5) * 3)));
    add('survey', true, { name: 'trust', value: trust });
    if (random() < 0.8) add('survey', true, { name: 'noticed', value: random() < arm.noticed ? 1 : 0 });
  }
  events.length = Math.min(events.length, EVENTS_PER_VISITOR);
  // The rest: the creative seen again on later pages, and the shop's own page views.
  while (events.length < EVENTS_PER_VISITOR) {
    if (random() < 0.4) add('exposure', true, { props });
    else add('custom', false, { name: 'page_view' });
  }
  return events;
}

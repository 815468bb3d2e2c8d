// The demo's simulated visitors (pure): who comes when, which arm the real assignment function
// gives them, and what they do there, drawn from a seeded generator with effects known in
// advance (DEMO_EFFECTS), so the results the dashboard shows can be checked against the truth.
import { assignVariant } from '../assign/index.js';
import { DAY_MS, INGEST_LIMITS, type EventType } from '../collect/vocabulary.js';
import type { WireEvent } from '../collect/wire-event.js';
import type { Device, Source } from '../segments/vocabulary.js';
import { seededRandom } from './seeded-random.js';
import { PRODUCT } from './shop.js';

/**
 * What each arm does to a visitor who saw it, as shares of exposed visitors (trust: the mean
 * answer, 1–5, of those who answered the survey). The story: the undisclosed AI image wins
 * clicks and carts but costs the most trust; a label or caption keeps part of the lift and
 * most of the trust; the caption converts best.
 */
export const DEMO_EFFECTS = {
  traditional: { viewable: 0.7, clicked: 0.04, addedToCart: 0.03, purchased: 0.012, trust: 3.9 },
  'ai-plain': { viewable: 0.7, clicked: 0.05, addedToCart: 0.034, purchased: 0.012, trust: 3.4 },
  'ai-label': { viewable: 0.7, clicked: 0.044, addedToCart: 0.031, purchased: 0.013, trust: 3.7 },
  'ai-caption': { viewable: 0.7, clicked: 0.046, addedToCart: 0.032, purchased: 0.014, trust: 3.8 },
} as const satisfies Record<string, ArmEffect>;

/**
 * Who the visitors are, as the snippet would classify them (shares of visitors; a small shop's
 * usual mix, mostly phones). One real interaction: the undisclosed AI image lifts clicks on
 * phones only. On tablets and desktops it clicks like the studio photo, and on phones enough
 * more that the arm's click rate over all devices is still DEMO_EFFECTS'.
 */
export const DEMO_SEGMENTS = {
  devices: { mobile: 0.62, desktop: 0.3, tablet: 0.08 },
  sources: { direct: 0.3, search: 0.32, social: 0.16, paid: 0.1, email: 0.08, referral: 0.04 },
  interaction: { arm: 'ai-plain', device: 'mobile', elsewhereClicked: DEMO_EFFECTS.traditional.clicked },
} as const satisfies {
  devices: Record<Device, number>;
  sources: Record<Source, number>;
  interaction: { arm: keyof typeof DEMO_EFFECTS; device: Device; elsewhereClicked: number };
};

/** The click rate of an arm on a device: DEMO_EFFECTS', but for the interaction. */
export function demoClickRate(arm: string, effect: ArmEffect, device: Device): number {
  const { interaction, devices } = DEMO_SEGMENTS;
  if (arm !== interaction.arm) return effect.clicked;
  const share = devices[interaction.device];
  if (device !== interaction.device) return interaction.elsewhereClicked;
  return interaction.elsewhereClicked + (effect.clicked - interaction.elsewhereClicked) / share;
}

/** A level drawn with the given shares (which sum to 1). */
function drawLevel<T extends string>(shares: Readonly<Record<T, number>>, draw: number): T {
  const levels = Object.keys(shares) as T[];
  let left = draw;
  for (const level of levels) if ((left -= shares[level]) < 0) return level;
  return levels.at(-1)!;
}

export interface ArmEffect {
  viewable: number;
  clicked: number;
  addedToCart: number;
  purchased: number;
  trust: number;
}

export const DEMO_TRAFFIC = {
  visitors: 4000,
  /** Of the visitors who saw the creative in view, the share who answer the trust card (the same in every arm). */
  surveyRate: 0.3,
  /** Of adds to cart, the share of two rings rather than one (a purchase that follows keeps the quantity). */
  twoRingsRate: 0.08,
  /**
   * At 4,000 visitors, noise can reverse a difference of half a point; this seed (picked among
   * the first few hundred) is one whose run shows the arms in the order DEMO_EFFECTS puts them.
   */
  seed: 'aurelia-242',
} as const;

/**
 * Visits start within the six days before the last hour, not the fortnight a demo might like:
 * ingestion refuses events older than INGEST_LIMITS.maxAgeMs (seven days). The history, and
 * with it a new demo experiment, begins with the earliest possible visit.
 */
const VISIT_WINDOW_MS = 6 * DAY_MS;
const LAST_VISIT_BEFORE_NOW_MS = 3600_000;
export const DEMO_HISTORY_MS = VISIT_WINDOW_MS + LAST_VISIT_BEFORE_NOW_MS;

const HOUR_MS = 3600_000;
/** Visits by UTC hour: quiet at night, a shop's evening peak. */
const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, hour) => 0.35 + 0.65 * Math.max(0, Math.sin(((hour - 7) / 24) * 2 * Math.PI)));
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

/** A wire event with every field the demo uses present; null for conversions' experiment and variant (they count for every experiment the visitor saw). */
export interface PlannedEvent extends Required<Pick<WireEvent, 'id' | 'ts' | 'experiment' | 'variant' | 'value' | 'name' | 'order' | 'props'>> {
  type: Extract<EventType, 'exposure' | 'viewable' | 'click' | 'survey' | 'add_to_cart' | 'purchase'>;
}

export interface PlannedVisitor {
  visitor: string;
  variant: string;
  device: Device;
  source: Source;
  events: PlannedEvent[];
}

export interface PlanExperiment {
  key: string;
  seed: string;
  coverage: number;
  variants: ReadonlyArray<{ key: string; weight: number }>;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const ORDER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function pick(random: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** Time first, so ids sort as the events happened and the events table's index is appended to. */
function eventId(ts: number, random: () => number): string {
  return ts.toString(36).padStart(9, '0') + pick(random, BASE36, 10);
}

/** An answer from 1 to 5 whose mean is `mean` (exactly, for means from 2 to 4), spread ±1 either way. */
function trustAnswer(mean: number, random: () => number): number {
  const floor = Math.floor(mean);
  let answer = floor + (random() < mean - floor ? 1 : 0);
  const spread = random();
  if (spread < 0.22) answer -= 1;
  else if (spread < 0.44) answer += 1;
  return Math.min(5, Math.max(1, answer));
}

/**
 * A start time in the window, denser in the evening. Always three draws, so that which visitors
 * come and what they do never depends on the hour the demo is loaded; only their times move.
 */
function visitStart(random: () => number, now: number): number {
  const end = now - LAST_VISIT_BEFORE_NOW_MS;
  const day = Math.floor(random() * (VISIT_WINDOW_MS / DAY_MS));
  let left = random() * HOUR_TOTAL;
  const found = HOUR_WEIGHTS.findIndex((weight) => (left -= weight) < 0);
  const hour = found === -1 ? 23 : found;
  // Counted back from the midnight (UTC) of the window's last day; a time past the window's end
  // wraps round to its start, so every hour of the day is in the window exactly six times.
  let ts = Math.floor(end / DAY_MS) * DAY_MS - day * DAY_MS + hour * HOUR_MS + Math.floor(random() * HOUR_MS);
  if (ts >= end) ts -= VISIT_WINDOW_MS;
  return ts;
}

export function planDemoTraffic(experiment: PlanExperiment, options: { visitors: number; seed: string; now: number }): PlannedVisitor[] {
  const random = seededRandom(`${options.seed}:${experiment.key}`);
  // A stream of its own, so who visits and what they do draw the same numbers as before segments.
  const segmentRandom = seededRandom(`${options.seed}:${experiment.key}:segments`);
  const weights = experiment.variants.map((variant) => variant.weight);
  if (DEMO_HISTORY_MS >= INGEST_LIMITS.maxAgeMs) throw new Error('The demo history reaches past what ingestion accepts.');

  const planned: PlannedVisitor[] = [];
  for (let n = 0; n < options.visitors; n++) {
    const visitor = `sim_${pick(random, BASE36, 20)}`;
    const start = visitStart(random, options.now);
    const device = drawLevel<Device>(DEMO_SEGMENTS.devices, segmentRandom());
    const source = drawLevel<Source>(DEMO_SEGMENTS.sources, segmentRandom());
    const index = assignVariant({ seed: experiment.seed, coverage: experiment.coverage, weights }, visitor);
    const variant = experiment.variants[index]?.key;
    // Outside the experiment's coverage: the slot shows the shop's own image, nothing is sent.
    if (variant === undefined) continue;
    // An arm the table does not know (the demo edited before it ran) behaves like the studio photo.
    const effect = (DEMO_EFFECTS as Record<string, ArmEffect>)[variant] ?? DEMO_EFFECTS.traditional;
    const clicked = demoClickRate(variant, effect, device);
    const events = visitorEvents(experiment.key, variant, { ...effect, clicked }, start, random, { device, source });
    planned.push({ visitor, variant, device, source, events });
  }
  return planned.sort((a, b) => a.events[0]!.ts - b.events[0]!.ts);
}

function visitorEvents(
  experiment: string,
  variant: string,
  effect: ArmEffect,
  start: number,
  random: () => number,
  segment: { device: Device; source: Source },
): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const add = (type: PlannedEvent['type'], ts: number, extra: Partial<PlannedEvent> = {}) => {
    const arm = type === 'add_to_cart' || type === 'purchase' ? { experiment: null, variant: null } : { experiment, variant };
    events.push({ id: eventId(ts, random), type, ...arm, ts, value: null, name: null, order: null, props: null, ...extra });
  };
  // The exposure carries the segment, as the snippet's does.
  add('exposure', start, { props: segment });
  const [inView, clicks, answers, carts, buys] = [random(), random(), random(), random(), random()];
  const viewable = inView < effect.viewable;
  // The rates are shares of all exposed visitors; only a visitor who saw the creative clicks it
  // or answers the card about it.
  if (viewable) add('viewable', start + 1000 + Math.floor(random() * 2000));
  if (viewable && clicks < effect.clicked / effect.viewable) add('click', start + 3000 + Math.floor(random() * 20_000));
  if (viewable && answers < DEMO_TRAFFIC.surveyRate) {
    add('survey', start + 30_000 + Math.floor(random() * 60_000), { name: 'trust', value: trustAnswer(effect.trust, random) });
  }
  if (carts < effect.addedToCart) {
    const quantity = random() < DEMO_TRAFFIC.twoRingsRate ? 2 : 1;
    const cartAt = start + 60_000 + Math.floor(random() * 19 * 60_000);
    add('add_to_cart', cartAt, { value: PRODUCT.price * quantity });
    if (buys < effect.purchased / effect.addedToCart) {
      add('purchase', cartAt + 120_000 + Math.floor(random() * 13 * 60_000), {
        value: PRODUCT.price * quantity,
        order: `AUR-${pick(random, ORDER_ALPHABET, 8)}`,
      });
    }
  }
  return events.sort((a, b) => a.ts - b.ts);
}

export interface ArmTally {
  visitors: number;
  viewable: number;
  clicked: number;
  addedToCart: number;
  purchased: number;
  revenue: number;
  trustAnswers: number;
  trustSum: number;
}

/** What a plan holds per arm, to print and to check results against. */
export function tallyPlan(plan: readonly PlannedVisitor[]): Record<string, ArmTally> {
  const tallies: Record<string, ArmTally> = {};
  for (const { variant, events } of plan) {
    const tally = (tallies[variant] ??= { visitors: 0, viewable: 0, clicked: 0, addedToCart: 0, purchased: 0, revenue: 0, trustAnswers: 0, trustSum: 0 });
    tally.visitors++;
    const has = (type: PlannedEvent['type']) => events.some((event) => event.type === type);
    if (has('viewable')) tally.viewable++;
    if (has('click')) tally.clicked++;
    if (has('add_to_cart')) tally.addedToCart++;
    for (const event of events) {
      if (event.type === 'purchase') {
        tally.purchased++;
        tally.revenue += event.value!;
      }
      if (event.type === 'survey') {
        tally.trustAnswers++;
        tally.trustSum += event.value!;
      }
    }
  }
  return tallies;
}

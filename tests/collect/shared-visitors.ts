// Visitors of one running experiment for a load spread over several Candor processes: a small
// pool that keeps changing, so that batches of the same visitor are folded by different processes
// at once. Each batch carries what makes those folds race: exposures earlier than any the visitor
// sent before (the fact is rebuilt from raw events, and may move to another segment cell),
// conversions stamped before and after them, clicks, and purchases with order ids, some of them a
// reloaded thank-you page (an order already sent, under a new event id).
import { randomBytes, randomUUID } from 'node:crypto';
import { armOf, event } from './helpers.js';

export interface Batch {
  visitor: string;
  body: string;
  ids: string[];
  /** The order id of each purchase in the batch, by event id. */
  orders: Map<string, string>;
}

export interface Visitor {
  id: string;
  arm: string;
  /** The earliest exposure sent for them so far (sent, not necessarily acknowledged). */
  earliestExposure: number;
  orders: Array<{ orderId: string; value: number }>;
}

const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));
const oneOf = <T>(items: readonly T[]): T => items[between(0, items.length - 1)]!;
const SECOND = 1000;
const DEVICES = ['mobile', 'tablet', 'desktop'];
const SOURCES = ['direct', 'search', 'social', 'email', 'paid', 'referral'];

export class SharedVisitors {
  private readonly active: Visitor[] = [];
  private readonly all: Visitor[] = [];

  /**
   * `startedAt` is the experiment's start: exposures are stamped from it to four minutes after
   * (within the ten minutes ahead of the clock that ingestion takes), so that a later batch can
   * carry an exposure earlier than the first without being clamped to the start.
   */
  constructor(
    private readonly siteKey: string,
    private readonly experiment: any,
    private readonly startedAt: number,
    private readonly poolSize = 24,
  ) {}

  /** Every visitor made so far. */
  get ids(): string[] {
    return this.all.map((visitor) => visitor.id);
  }

  /** A batch for a visitor of the pool, which now and then takes in a fresh visitor. */
  nextBatch(): Batch {
    if (this.active.length < this.poolSize) return this.batchFor(this.fresh());
    if (Math.random() < 0.15) {
      const visitor = this.fresh();
      this.active[between(0, this.active.length - 1)] = visitor;
      return this.batchFor(visitor);
    }
    return this.batchFor(oneOf(this.active));
  }

  /** A batch for a visitor met before (by id), or for a fresh one; `reloads: false` leaves out reloaded orders. */
  batchFor(visitor: Visitor | string = this.fresh(), { reloads = true } = {}): Batch {
    const known = typeof visitor === 'string' ? this.all.find((candidate) => candidate.id === visitor) : visitor;
    if (!known) throw new Error(`unknown visitor ${String(visitor)}`);
    return this.makeBatch(known, reloads);
  }

  private fresh(): Visitor {
    for (;;) {
      const id = `v_${randomBytes(9).toString('base64url')}`;
      const arm = armOf(this.experiment, id);
      if (arm === null) continue;
      const visitor: Visitor = { id, arm: arm.key, earliestExposure: 0, orders: [] };
      this.all.push(visitor);
      if (this.active.length < this.poolSize) this.active.push(visitor);
      return visitor;
    }
  }

  private makeBatch(visitor: Visitor, reloads: boolean): Batch {
    const tagged = (type: string, ts: number, fields: Record<string, unknown> = {}) =>
      event(type, ts, { experiment: this.experiment.key, variant: visitor.arm, ...fields });
    const exposure = (ts: number) => tagged('exposure', ts, { props: { device: oneOf(DEVICES), source: oneOf(SOURCES) } });
    const events: Array<ReturnType<typeof event>> = [];
    const orders = new Map<string, string>();

    // Stamped to the millisecond, and the earliest exposure always alone at its time: the writer
    // rebuilds a fact only for an exposure strictly earlier than its first, while a recomputation
    // breaks a tie by event id. A tie is a one-process question of its own, not the race tested here.
    if (visitor.earliestExposure === 0) {
      visitor.earliestExposure = this.startedAt + between(150, 240) * SECOND + between(0, 999);
      events.push(exposure(visitor.earliestExposure));
    } else if (Math.random() < 0.35 && visitor.earliestExposure - this.startedAt > SECOND) {
      // Late: earlier than every exposure sent so far, so whoever folds it rebuilds the fact.
      visitor.earliestExposure -= between(1, Math.min(60 * SECOND, visitor.earliestExposure - this.startedAt - 1));
      events.push(exposure(visitor.earliestExposure));
    } else {
      events.push(exposure(visitor.earliestExposure + between(1, 60 * SECOND)));
    }
    // Around the earliest exposure: some count only once a late exposure arrives.
    const around = () => visitor.earliestExposure + between(-90, 60) * SECOND;
    const money = () => between(100, 50_000) / 100;
    const purchase = () => {
      const reload = reloads && visitor.orders.length > 0 && Math.random() < 0.3;
      const order = reload ? oneOf(visitor.orders) : { orderId: randomUUID(), value: money() };
      if (!reload) visitor.orders.push(order);
      const made = event('purchase', around(), { value: order.value, order: order.orderId });
      orders.set(made.id, order.orderId);
      return made;
    };
    const makers = [
      () => tagged('click', around()),
      () => tagged('click', around()),
      () => tagged('viewable', around()),
      () => tagged('video_progress', around(), { value: oneOf([25, 50, 75, 100]) }),
      () => tagged('survey', around(), { name: 'trust', value: between(1, 5) }),
      () => tagged('survey', around(), { name: 'noticed', value: between(0, 1) }),
      () => event('add_to_cart', around(), { value: money() }),
      () => tagged('add_to_cart', around(), { value: money() }),
      purchase,
      purchase,
    ];
    const size = between(6, 24);
    while (events.length < size) events.push(oneOf(makers)());
    return {
      visitor: visitor.id,
      body: JSON.stringify({ site: this.siteKey, visitor: visitor.id, events }),
      ids: events.map((made) => made.id),
      orders,
    };
  }
}

// A client load spread over several Candor processes as a load balancer spreads it: round robin
// over the processes up, a process marked down taking no new requests. A batch that fails is not
// sent elsewhere, so "acknowledged" means exactly "answered 202, every event accounted for, by
// some process". Every send and its outcome go into a ledger, which the test then checks against
// what the database holds.
import type { Batch } from './shared-visitors.js';

const REQUEST_TIMEOUT_MS = 5000;
/** fetch's own user agent ("node") is taken for a bot, whose events are dropped unstored. */
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

export interface Reply {
  status: number;
  body: any;
}

export async function postBatch(base: string, body: string): Promise<Reply> {
  const response = await fetch(`${base}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Whether a reply acknowledges every event of the batch (accepted or found a duplicate). */
export function acknowledges(reply: Reply, batch: Batch): boolean {
  return reply.status === 202 && reply.body.rejected.length === 0 && reply.body.accepted + reply.body.duplicates === batch.ids.length;
}

export class RoundRobin {
  private turn = 0;
  private readonly down = new Set<number>();

  constructor(readonly bases: readonly string[]) {}

  /** The next process up, other than `avoid` when another is up. */
  pick(avoid?: number): number {
    for (let tries = 0; tries < 2 * this.bases.length; tries++) {
      const index = this.turn++ % this.bases.length;
      if (this.down.has(index)) continue;
      if (index === avoid && tries < this.bases.length) continue;
      return index;
    }
    throw new Error('no process is up');
  }

  isUp(index: number): boolean {
    return !this.down.has(index);
  }

  markDown(index: number): void {
    this.down.add(index);
  }

  markUp(index: number): void {
    this.down.delete(index);
  }
}

export type SendKind = 'first' | 'twin' | 'replay';

export interface Send {
  batch: Batch;
  process: number;
  kind: SendKind;
  /** The answer, or why there was none. */
  reply: Reply | { failed: string };
  /** Whether the process had been killed (or was being killed) when the request failed. */
  afterKill: boolean;
}

export class Ledger {
  readonly sends: Send[] = [];
  /** Batches acknowledged by some process, in the order of their first acknowledgement, with that process. */
  readonly acknowledged: Array<{ batch: Batch; process: number }> = [];
  private readonly acknowledgedBatches = new Set<Batch>();
  /** Process indexes being killed: a request to one of them that fails is expected. */
  readonly killing = new Set<number>();

  async send(balancer: RoundRobin, batch: Batch, process: number, kind: SendKind): Promise<Send> {
    let reply: Send['reply'];
    try {
      reply = await postBatch(balancer.bases[process]!, batch.body);
    } catch (error) {
      reply = { failed: String(error) };
    }
    const sent: Send = { batch, process, kind, reply, afterKill: this.killing.has(process) };
    this.sends.push(sent);
    if ('status' in reply && acknowledges(reply, batch) && !this.acknowledgedBatches.has(batch)) {
      this.acknowledgedBatches.add(batch);
      this.acknowledged.push({ batch, process });
    }
    return sent;
  }

  /** Sends that failed while their process was up, or were answered but not acknowledged. */
  unexpected(): string[] {
    return this.sends.flatMap((sent) => {
      if ('failed' in sent.reply) return sent.afterKill ? [] : [`process ${sent.process} failed a ${sent.kind} send: ${sent.reply.failed}`];
      return acknowledges(sent.reply, sent.batch) ? [] : [`process ${sent.process} answered a ${sent.kind} send ${sent.reply.status} ${JSON.stringify(sent.reply.body)}`];
    });
  }

  /** Sends that failed because their process was killed under them. */
  failedAtKill(): number {
    return this.sends.filter((sent) => 'failed' in sent.reply && sent.afterKill).length;
  }

  acknowledgedBy(process: number): number {
    return this.acknowledged.filter((entry) => entry.process === process).length;
  }
}

export interface ClientOptions {
  balancer: RoundRobin;
  ledger: Ledger;
  nextBatch: () => Batch;
  /** Checked before every request: the client stops once it is true. */
  stop: () => boolean;
}

/**
 * One client: mostly new batches to the next process; now and then the same new batch to two
 * processes at once (a retry racing its original), or an acknowledged batch sent again to a
 * process other than the one that acknowledged it.
 */
export async function runClient({ balancer, ledger, nextBatch, stop }: ClientOptions): Promise<void> {
  while (!stop()) {
    const roll = Math.random();
    if (roll < 0.1 && ledger.acknowledged.length > 0) {
      const earlier = ledger.acknowledged[Math.floor(Math.random() * ledger.acknowledged.length)]!;
      await ledger.send(balancer, earlier.batch, balancer.pick(earlier.process), 'replay');
    } else if (roll < 0.2) {
      const batch = nextBatch();
      const first = balancer.pick();
      await Promise.all([ledger.send(balancer, batch, first, 'first'), ledger.send(balancer, batch, balancer.pick(first), 'twin')]);
    } else {
      await ledger.send(balancer, nextBatch(), balancer.pick(), 'first');
    }
  }
}

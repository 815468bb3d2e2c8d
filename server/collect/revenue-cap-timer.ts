// The server's background check of revenue caps: once a minute, fix the percentile caps whose
// first days are over (fix-revenue-caps.ts); at the first check after a start, also finish what a
// process stopped mid-way left uncapped. Each process runs its own: the fixing is idempotent.
import type { Db, Dialect } from '../db/connect.js';
import { capLeftoverFacts, fixDueRevenueCaps, type CapCheck } from './fix-revenue-caps.js';

export const REVENUE_CAP_CHECK_MS = 60_000;

export interface RevenueCapTimerOptions {
  everyMs?: number;
  now?: () => number;
  /** Where a fixed cap and a failed check are told; console by default. */
  log?: (line: string) => void;
}

export interface RevenueCapTimer {
  /** Runs one check now (the timer's own, or a test's); never rejects. */
  check(): Promise<CapCheck[]>;
  /** Stops the timer and waits for a check under way. */
  stop(): Promise<void>;
}

export function startRevenueCapTimer(db: Db, dialect: Dialect, options: RevenueCapTimerOptions = {}): RevenueCapTimer {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  let leftoversDone = false;
  let running: Promise<CapCheck[]> | undefined;

  async function run(): Promise<CapCheck[]> {
    try {
      if (!leftoversDone) {
        const capped = await capLeftoverFacts(db, dialect);
        leftoversDone = true;
        if (capped > 0) log(`Brought ${capped} visitor fact${capped === 1 ? '' : 's'} under their experiment's revenue cap.`);
      }
      const checks = await fixDueRevenueCaps(db, dialect, now());
      for (const check of checks) {
        if (check.state === 'fixed') log(`Fixed the revenue cap of experiment ${check.experimentId} at ${check.value} (${check.facts} facts capped).`);
      }
      return checks;
    } catch (err) {
      // Tried again at the next tick; a busy or briefly unreachable database is no reason to stop.
      log(`The revenue cap check failed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
  }

  const check = () => (running ??= run().finally(() => (running = undefined)));
  const timer = setInterval(() => void check(), options.everyMs ?? REVENUE_CAP_CHECK_MS);
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

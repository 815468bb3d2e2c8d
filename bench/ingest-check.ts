// After a Candor child has stopped (SIGTERM: the writer drained), its database is read back:
// the benchmark must not be fast by being wrong. Every acknowledged event must be stored, no
// event may be dropped, and the facts and sums must match a rebuild from the raw events.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { verifyConsistency } from '../server/collect/verify.js';
import type { DatabaseTarget } from '../server/config.js';
import { openDatabase } from '../server/db/connect.js';

export interface StoredCheck {
  /** Events acknowledged by a 202 accepting the whole batch (warm-up and timed run). */
  acknowledged: number;
  /** Events in bodies written to Candor; those past `acknowledged` were in flight at a stop. */
  sent: number;
  stored: number;
  /** Rows of drop_counts, by reason: must stay empty (no bots, rejections or duplicates). */
  drops: Record<string, number>;
  visitors: number;
  facts: number;
  sumRows: number;
  factDifferences: number;
  sumDifferences: number;
  verifySeconds: number;
  /** What is wrong, in words; empty when all is well. */
  problems: string[];
}

/** Reads back a SQLite file or a PostgreSQL database (its URL naming the schema in `options`). */
export async function checkStored(target: DatabaseTarget, acknowledged: number, sent: number): Promise<StoredCheck> {
  const { db, close } = openDatabase(target);
  try {
    const { count } = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const dropRows = await sql<{ reason: string; count: number }>`SELECT reason, SUM(count) AS count FROM drop_counts GROUP BY reason`.execute(db);
    const drops = Object.fromEntries(dropRows.rows.map((row) => [row.reason, Number(row.count)]));
    const started = process.hrtime.bigint();
    const report = await verifyConsistency(db);
    const verifySeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const stored = Number(count);
    const problems: string[] = [];
    if (stored < acknowledged) problems.push(`${acknowledged - stored} acknowledged events are not stored`);
    if (stored > sent) problems.push(`${stored - sent} more events are stored than were sent`);
    if (dropRows.rows.length > 0) problems.push(`events were dropped: ${JSON.stringify(drops)}`);
    if (report.factDifferences.length > 0) problems.push(`${report.factDifferences.length} visitor facts differ from a rebuild`);
    if (report.sumDifferences.length > 0) problems.push(`${report.sumDifferences.length} daily sums differ from a rebuild`);
    return {
      acknowledged,
      sent,
      stored,
      drops,
      visitors: report.visitors,
      facts: report.facts,
      sumRows: report.sumRows,
      factDifferences: report.factDifferences.length,
      sumDifferences: report.sumDifferences.length,
      verifySeconds,
      problems,
    };
  } finally {
    await close();
  }
}

/** The peak resident set of a live process so far (VmHWM), in MB of 10^6 bytes; null where /proc is absent. */
export function peakRssMb(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? (Number(match[1]) * 1024) / 1e6 : null;
  } catch {
    return null;
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** One scenario's read-back, in words. */
export function storedLine({ id, stored: s }: { id: string; stored: StoredCheck }): string {
  const inFlight = s.stored - s.acknowledged;
  const verified = s.factDifferences === 0 && s.sumDifferences === 0 ? 'consistent' : `${s.factDifferences} fact and ${s.sumDifferences} sum differences`;
  return (
    `  (${id}) ${int(s.stored)} events stored = ${int(s.acknowledged)} acknowledged + ${int(inFlight)} in flight at a stop (sent ${int(s.sent)}); ` +
    `drops ${Object.keys(s.drops).length === 0 ? 'none' : JSON.stringify(s.drops)}; verifyConsistency over ${int(s.visitors)} visitors, ${int(s.facts)} facts, ` +
    `${int(s.sumRows)} sum rows: ${verified} (${s.verifySeconds.toFixed(1)} s)${s.problems.length > 0 ? `  PROBLEMS: ${s.problems.join('; ')}` : ''}`
  );
}

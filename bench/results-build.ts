// Builds one database of the results bench: the experiment through Candor's admin API, then the
// raw events written straight to SQLite (HTTP would take hours for 10M events), each visitor's
// fact made by Candor's own buildFact over their events (its segment cell included) and the daily
// and segment sums by its own addFactChange/addSegmentChange, so facts and sums are exactly what
// the writer would have stored.
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { buildFact, type ExperimentWindow, type Fact } from '../server/collect/facts.js';
import { FACT_FIELDS, snake } from '../server/imports/insert-facts.js';
import { addFactChange, nonZeroRows, type SumDeltas } from '../server/collect/sums.js';
import { DAY_MS, dayOf } from '../server/collect/vocabulary.js';
import { addSegmentChange, nonZeroSegmentRows, type SegmentDeltas } from '../server/segments/segment-sums.js';
import { seedExperiment, type SeededExperiment } from './results-seed.js';
import { createRandom, EVENTS_PER_VISITOR, makeVisitor, type ArmModel } from './results-visitors.js';

/** Per-arm behaviour, in the order of the seeded variants: control, credentials, AI, AI labelled. */
const BEHAVIOUR: ReadonlyArray<Omit<ArmModel, 'id'>> = [
  { video: false, click: 0.04, addToCart: 0.06, trust: 3.6, noticed: 0.05 },
  { video: false, click: 0.041, addToCart: 0.061, trust: 3.8, noticed: 0.15 },
  { video: true, click: 0.06, addToCart: 0.066, trust: 3.3, noticed: 0.3 },
  { video: true, click: 0.055, addToCart: 0.062, trust: 3.4, noticed: 0.75 },
];
/** Cohort days the first exposures spread over, today included. */
export const COHORT_DAYS = 30;
const VISITORS_PER_TRANSACTION = 20_000;

export interface BuiltDatabase {
  file: string;
  experimentId: string;
  /** Where ingestion during the timings posts: the measured experiment itself, or another shop's. */
  ingest: Pick<SeededExperiment, 'self' | 'other'>;
  visitors: number;
  events: number;
  facts: number;
  sumRows: number;
  /** segment_sums rows: variants × cells (device × source × visit) × metrics. */
  segmentSumRows: number;
  buildSeconds: number;
  /** The file once closed (WAL checkpointed) and flushed to disk, in bytes. */
  bytes: number;
}

const EVENT_COLUMNS = 'site_id, id, experiment_id, variant_id, visitor_id, type, name, ts, received_at, value, order_id, props';
/** Every column of visitor_facts, from the one list the bulk import writes (a new column cannot be missed). */
const FACT_COLUMNS = FACT_FIELDS.map(snake).join(', ');
const SUM_COLUMNS = 'experiment_id, variant_id, day, metric, n, sum_x, sum_x2, sum_y, sum_y2, sum_xy';
const SEGMENT_SUM_COLUMNS = 'experiment_id, variant_id, segment, metric, n, sum_x, sum_x2, sum_y, sum_y2, sum_xy';
const placeholders = (columns: string) => columns.split(',').map(() => '?').join(', ');

function factValues(fact: Fact, updatedAt: number): unknown[] {
  return FACT_FIELDS.map((field) => (field === 'updatedAt' ? updatedAt : fact[field]));
}

/** `visitors` visitors with EVENTS_PER_VISITOR events each, first exposed from 29 days ago (UTC midnight) to 3 hours ago. */
export async function buildDatabase(file: string, visitors: number, now: number, onProgress: (done: number) => void): Promise<BuiltDatabase> {
  const started = process.hrtime.bigint();
  const startedAt = (dayOf(now) - (COHORT_DAYS - 1)) * DAY_MS + 60_000;
  const seeded = await seedExperiment(file, startedAt);
  const window: ExperimentWindow = { id: seeded.experimentId, siteId: seeded.siteId, stoppedAt: null };
  const plan = {
    siteId: seeded.siteId,
    experimentId: seeded.experimentId,
    seed: seeded.seed,
    arms: BEHAVIOUR.map((arm, index) => ({ ...arm, id: seeded.variantIds[index]! })),
  };
  const lastExposure = now - 3 * 3_600_000;
  // Visitors arrive in time order, as ingestion would have stored them: one per slice of the span.
  const firstExposureOf = (index: number) => Math.floor(startedAt + ((lastExposure - startedAt) * (index + random())) / visitors);
  const random = createRandom(visitors);
  let orders = 0;
  const nextOrder = () => ++orders;

  // For the build only: a crash leaves a broken file, which is a temp file anyway.
  const raw = new SQLite(file);
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -2000000');
  raw.pragma('locking_mode = EXCLUSIVE');
  const insertEvent = raw.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES (${placeholders(EVENT_COLUMNS)})`);
  const insertFact = raw.prepare(`INSERT INTO visitor_facts (${FACT_COLUMNS}) VALUES (${placeholders(FACT_COLUMNS)})`);
  const insertSum = raw.prepare(`INSERT INTO variant_daily_sums (${SUM_COLUMNS}) VALUES (${placeholders(SUM_COLUMNS)})`);
  const insertSegmentSum = raw.prepare(`INSERT INTO segment_sums (${SEGMENT_SUM_COLUMNS}) VALUES (${placeholders(SEGMENT_SUM_COLUMNS)})`);
  const sums: SumDeltas = new Map();
  const segmentSums: SegmentDeltas = new Map();
  let facts = 0;
  // The schema's secondary indexes on random visitor ids are built once at the end, from the
  // schema's own statements: a sort is far faster than ten million random B-tree inserts.
  const indexes = raw
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('events', 'visitor_facts')`)
    .all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) raw.exec(`DROP INDEX ${index.name}`);

  const writeVisitors = raw.transaction((from: number, count: number) => {
    for (let v = from; v < from + count; v++) {
      const events = makeVisitor(plan, firstExposureOf(v), random, nextOrder);
      let updatedAt = 0;
      for (const e of events) {
        insertEvent.run(e.siteId, e.id, e.experimentId, e.variantId, e.visitorId, e.type, e.name, e.ts, e.receivedAt, e.value, e.orderId, e.props);
        updatedAt = Math.max(updatedAt, e.receivedAt);
      }
      const fact = buildFact(window, events[0]!.visitorId, events);
      if (!fact) throw new Error(`visitor ${events[0]!.visitorId} has no fact: the generator made no exposure`);
      insertFact.run(...factValues(fact, updatedAt));
      addFactChange(sums, null, fact);
      addSegmentChange(segmentSums, null, fact);
      facts++;
    }
  });
  try {
    for (let done = 0; done < visitors; ) {
      const count = Math.min(VISITORS_PER_TRANSACTION, visitors - done);
      writeVisitors(done, count);
      done += count;
      onProgress(done);
    }
    for (const index of indexes) raw.exec(index.sql);
    const rows = nonZeroRows(sums);
    const segmentRows = nonZeroSegmentRows(segmentSums);
    raw.transaction(() => {
      for (const r of rows) insertSum.run(r.experimentId, r.variantId, r.day, r.metric, r.n, r.sumX, r.sumX2, r.sumY, r.sumY2, r.sumXy);
      for (const r of segmentRows) insertSegmentSum.run(r.experimentId, r.variantId, r.segment, r.metric, r.n, r.sumX, r.sumX2, r.sumY, r.sumY2, r.sumXy);
    })();
    raw.pragma('journal_mode = WAL');
    raw.close();
    // Flushed now, or the kernel writes gigabytes back while the timings run.
    const fd = openSync(file, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    return {
      file,
      experimentId: seeded.experimentId,
      ingest: { self: seeded.self, other: seeded.other },
      visitors,
      events: visitors * EVENTS_PER_VISITOR,
      facts,
      sumRows: rows.length,
      segmentSumRows: segmentRows.length,
      buildSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      bytes: statSync(file).size,
    };
  } finally {
    if (raw.open) raw.close();
  }
}

/** What the database holds, read back rather than taken from the build's own counters. */
export function countStored(file: string): { events: number; facts: number; sumRows: number; segmentSumRows: number } {
  const db = new SQLite(file);
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { events: count('events'), facts: count('visitor_facts'), sumRows: count('variant_daily_sums'), segmentSumRows: count('segment_sums') };
  } finally {
    db.close();
  }
}

// Consistency check: rebuilds every per-visitor fact, every daily sum and every segment sum from
// the raw events alone and reports where the stored ones differ. The incremental writer must never drift.
// An imported experiment (server/imports/) has no raw events by design: its stored facts are the
// source, so only its sums are checked, against those facts.
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { EventsTable, VisitorFactsTable } from '../db/types.js';
import { buildFact, sameFact, windowOf, withoutUpdatedAt, type ExperimentWindow, type Fact } from './facts.js';
import { pendingImportIds } from '../db/pending-imports.js';
import { addFactChange, nonZeroRows, type SumDeltas, type SumRow } from './sums.js';
import { compareSegmentSums, type SegmentSumDifference } from '../segments/verify-segment-sums.js';
import { addSegmentChange, nonZeroSegmentRows, type SegmentDeltas } from '../segments/segment-sums.js';

export interface FactDifference {
  experimentId: string;
  visitorId: string;
  stored: Fact | null;
  expected: Fact | null;
}

export interface SumDifference {
  experimentId: string;
  variantId: string;
  day: number;
  metric: string;
  stored: SumRow | null;
  expected: SumRow | null;
}

export interface VerifyReport {
  visitors: number;
  facts: number;
  /** Of `facts`, those of imported experiments: taken as they are, and summed. */
  importedFacts: number;
  sumRows: number;
  factDifferences: FactDifference[];
  sumDifferences: SumDifference[];
  segmentSumRows: number;
  segmentSumDifferences: SegmentSumDifference[];
}

const PAGE = 1000;
/** Facts of an imported experiment are read in pages of this many, by primary key. */
const IMPORTED_PAGE = 5000;

export async function verifyConsistency(db: Db, tolerance = 1e-9): Promise<VerifyReport> {
  const windows = new Map<string, ExperimentWindow>();
  const imported: string[] = [];
  for (const row of await db.selectFrom('experiments').select(['id', 'siteId', 'stoppedAt', 'revenueCapValue', 'importedAt']).execute()) {
    if (row.importedAt !== null) imported.push(row.id);
    else windows.set(row.id, windowOf(row));
  }

  const report: VerifyReport = { visitors: 0, facts: 0, importedFacts: 0, sumRows: 0, factDifferences: [], sumDifferences: [], segmentSumRows: 0, segmentSumDifferences: [] };
  const expectedSums: SumDeltas = new Map();
  const expectedSegments: SegmentDeltas = new Map();
  // Page through visitors by id (keyset), so memory holds one page of events at a time. Each
  // side takes its own first page through its visitor index before the union, so a page costs
  // the same however many rows follow it.
  // An import still being written (or abandoned) has facts but no experiment yet: not checked.
  const pending = await pendingImportIds(db);
  const unfinished = pending.length > 0 ? sql` AND experiment_id NOT IN (${sql.join(pending)})` : sql``;
  const live = sql<boolean>`experiment_id NOT IN (SELECT id FROM experiments WHERE imported_at IS NOT NULL)${unfinished}`;
  let after = '';
  for (;;) {
    const ids = (
      await sql<{ visitorId: string }>`
        SELECT visitor_id FROM (SELECT DISTINCT visitor_id FROM events WHERE visitor_id > ${after} ORDER BY visitor_id LIMIT ${PAGE}) AS e
        UNION SELECT visitor_id FROM (
          SELECT DISTINCT visitor_id FROM visitor_facts WHERE visitor_id > ${after} AND ${live} ORDER BY visitor_id LIMIT ${PAGE}
        ) AS f
        ORDER BY visitor_id LIMIT ${PAGE}`.execute(db)
    ).rows.map((row) => row.visitorId);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    report.visitors += ids.length;
    const events = await db.selectFrom('events').selectAll().where('visitorId', 'in', ids).execute();
    const stored = await db.selectFrom('visitorFacts').selectAll().where('visitorId', 'in', ids).where(live).execute();
    report.facts += stored.length;
    compareVisitors(events, stored.map(withoutUpdatedAt), windows, tolerance, { daily: expectedSums, segments: expectedSegments }, report);
  }
  for (const experimentId of imported) await sumImportedFacts(db, experimentId, { daily: expectedSums, segments: expectedSegments }, report);

  const storedSums = await db.selectFrom('variantDailySums').selectAll().execute();
  report.sumRows = storedSums.length;
  compareSums(storedSums as SumRow[], nonZeroRows(expectedSums), tolerance, report);
  const storedSegments = await db.selectFrom('segmentSums').selectAll().execute();
  report.segmentSumRows = storedSegments.length;
  report.segmentSumDifferences = compareSegmentSums(storedSegments, nonZeroSegmentRows(expectedSegments), tolerance);
  return report;
}

/** An imported experiment's facts are its source (it has no events): they are summed as they are. */
/** The sums the facts imply: daily, and per segment cell. */
interface ExpectedSums {
  daily: SumDeltas;
  segments: SegmentDeltas;
}

async function sumImportedFacts(db: Db, experimentId: string, expected: ExpectedSums, report: VerifyReport): Promise<void> {
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('visitorFacts')
      .selectAll()
      .where('experimentId', '=', experimentId)
      .where('visitorId', '>', after)
      .orderBy('visitorId')
      .limit(IMPORTED_PAGE)
      .execute();
    if (page.length === 0) return;
    after = page.at(-1)!.visitorId;
    report.facts += page.length;
    report.importedFacts += page.length;
    // addFactChange reads the fact's fields only, so the row's updatedAt can stay.
    for (const fact of page) {
      addFactChange(expected.daily, null, fact);
      addSegmentChange(expected.segments, null, fact);
    }
  }
}

function compareVisitors(
  events: readonly EventsTable[],
  stored: readonly Fact[],
  windows: ReadonlyMap<string, ExperimentWindow>,
  tolerance: number,
  expectedSums: ExpectedSums,
  report: VerifyReport,
): void {
  const eventsBySiteVisitor = new Map<string, EventsTable[]>();
  for (const event of events) {
    const key = `${event.siteId}\u0000${event.visitorId}`;
    const list = eventsBySiteVisitor.get(key);
    if (list) list.push(event);
    else eventsBySiteVisitor.set(key, [event]);
  }
  const storedByKey = new Map(stored.map((fact) => [`${fact.experimentId}\u0000${fact.visitorId}`, fact]));
  const expectedKeys = new Set<string>();
  for (const visitorEvents of eventsBySiteVisitor.values()) {
    const exposed = new Set(visitorEvents.filter((e) => e.type === 'exposure' && e.experimentId !== null).map((e) => e.experimentId!));
    for (const experimentId of exposed) {
      const window = windows.get(experimentId);
      if (!window) continue;
      const expected = buildFact(window, visitorEvents[0]!.visitorId, visitorEvents);
      if (!expected) continue;
      const key = `${experimentId}\u0000${expected.visitorId}`;
      expectedKeys.add(key);
      addFactChange(expectedSums.daily, null, expected);
      addSegmentChange(expectedSums.segments, null, expected);
      const found = storedByKey.get(key) ?? null;
      if (!found || !sameFact(found, expected, tolerance)) {
        report.factDifferences.push({ experimentId, visitorId: expected.visitorId, stored: found, expected });
      }
    }
  }
  for (const [key, fact] of storedByKey) {
    if (!expectedKeys.has(key)) report.factDifferences.push({ experimentId: fact.experimentId, visitorId: fact.visitorId, stored: fact, expected: null });
  }
}

const SUM_FIELDS = ['n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'] as const;

function compareSums(stored: readonly SumRow[], expected: readonly SumRow[], tolerance: number, report: VerifyReport): void {
  const key = (row: SumRow) => `${row.experimentId}\u0000${row.variantId}\u0000${row.day}\u0000${row.metric}`;
  const expectedByKey = new Map(expected.map((row) => [key(row), row]));
  const isEmpty = (row: SumRow) => SUM_FIELDS.every((field) => Math.abs(row[field]) <= tolerance * 1e3);
  for (const row of stored) {
    const want = expectedByKey.get(key(row)) ?? null;
    expectedByKey.delete(key(row));
    const same = want ? SUM_FIELDS.every((field) => close(row[field], want[field], tolerance)) : isEmpty(row);
    if (!same) report.sumDifferences.push({ ...pick(row), stored: row, expected: want });
  }
  for (const want of expectedByKey.values()) report.sumDifferences.push({ ...pick(want), stored: null, expected: want });
}

function close(a: number, b: number, tolerance: number): boolean {
  // Sums built by adding and subtracting doubles drift by rounding; scale the tolerance.
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

function pick(row: SumRow) {
  return { experimentId: row.experimentId, variantId: row.variantId, day: row.day, metric: row.metric };
}

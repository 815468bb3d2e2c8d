// The flush store for PostgreSQL: each table written with one statement per flush, its rows sent
// as typed arrays through unnest (unnest.ts), and visitors read with `= ANY($1)`. The Kysely store
// (kysely-flush-store.ts) is the reference: tests/collect/flush-stores.test.ts checks that both
// leave identical tables. Locks are the same as the Kysely store's.
import { sql, type Transaction } from 'kysely';
import type { Database, EventsTable, VisitorFactsTable } from '../db/types.js';
import type { SegmentSumRow } from '../segments/segment-sums.js';
import { windowOf, type Fact } from './facts.js';
import { eventKey, type DropCountRow, type FlushStore, type VisitorRef } from './flush-store.js';
import { byKey } from './key-order.js';
import { lockSites } from './site-locks.js';
import { segmentRowKey } from './segment-sums-store.js';
import type { SumRow } from './sums.js';
import { sumRowKey } from './sums-store.js';
import { adding, column, columnNames, replacing, unnestInsert, unnestOf, type Column } from './unnest.js';
import { lockVisitors } from './visitor-locks.js';

const TEXT = 'text';
const BIGINT = 'bigint';
const INT = 'integer';
const DOUBLE = 'double precision';

const EVENT_COLUMNS: Column<EventsTable>[] = [
  column('site_id', TEXT, (e) => e.siteId),
  column('id', TEXT, (e) => e.id),
  column('experiment_id', TEXT, (e) => e.experimentId),
  column('variant_id', TEXT, (e) => e.variantId),
  column('visitor_id', TEXT, (e) => e.visitorId),
  column('type', TEXT, (e) => e.type),
  column('name', TEXT, (e) => e.name),
  column('ts', BIGINT, (e) => e.ts),
  column('received_at', BIGINT, (e) => e.receivedAt),
  column('value', DOUBLE, (e) => e.value),
  column('order_id', TEXT, (e) => e.orderId),
  column('props', TEXT, (e) => e.props),
];

type StampedFact = Fact & { updatedAt: number };
const FACT_COLUMNS: Column<StampedFact>[] = [
  column('experiment_id', TEXT, (f) => f.experimentId),
  column('visitor_id', TEXT, (f) => f.visitorId),
  column('site_id', TEXT, (f) => f.siteId),
  column('variant_id', TEXT, (f) => f.variantId),
  column('first_exposure_at', BIGINT, (f) => f.firstExposureAt),
  column('exposure_day', INT, (f) => f.exposureDay),
  column('exposures', INT, (f) => f.exposures),
  column('viewable', INT, (f) => f.viewable),
  column('video_started', INT, (f) => f.videoStarted),
  column('watch_pct', DOUBLE, (f) => f.watchPct),
  column('video_completed', INT, (f) => f.videoCompleted),
  column('clicks', INT, (f) => f.clicks),
  column('added_to_cart', INT, (f) => f.addedToCart),
  column('purchased', INT, (f) => f.purchased),
  column('revenue', DOUBLE, (f) => f.revenue),
  column('trust_sum', DOUBLE, (f) => f.trustSum),
  column('trust_answers', INT, (f) => f.trustAnswers),
  column('noticed_disclosure', INT, (f) => f.noticedDisclosure),
  column('answered_survey', INT, (f) => f.answeredSurvey),
  column('updated_at', BIGINT, (f) => f.updatedAt),
  column('segment', TEXT, (f) => f.segment),
  column('revenue_cap', DOUBLE, (f) => f.revenueCap),
  column('clicked_day', INT, (f) => f.clickedDay),
  column('carted_day', INT, (f) => f.cartedDay),
  column('purchased_day', INT, (f) => f.purchasedDay),
];
const FACT_KEY = new Set(['experiment_id', 'visitor_id']);

const SUM_FIELDS = ['n', 'sum_x', 'sum_x2', 'sum_y', 'sum_y2', 'sum_xy'];
function sumColumns<T extends SumRow | SegmentSumRow>(keyColumns: Column<T>[]): Column<T>[] {
  return [
    ...keyColumns,
    column('metric', TEXT, (r) => r.metric),
    column('n', BIGINT, (r) => r.n),
    column('sum_x', DOUBLE, (r) => r.sumX),
    column('sum_x2', DOUBLE, (r) => r.sumX2),
    column('sum_y', DOUBLE, (r) => r.sumY),
    column('sum_y2', DOUBLE, (r) => r.sumY2),
    column('sum_xy', DOUBLE, (r) => r.sumXy),
  ];
}
const DAILY_COLUMNS = sumColumns<SumRow>([column('experiment_id', TEXT, (r) => r.experimentId), column('variant_id', TEXT, (r) => r.variantId), column('day', INT, (r) => r.day)]);
const SEGMENT_COLUMNS = sumColumns<SegmentSumRow>([
  column('experiment_id', TEXT, (r) => r.experimentId),
  column('variant_id', TEXT, (r) => r.variantId),
  column('segment', TEXT, (r) => r.segment),
]);

const DROP_COLUMNS: Column<DropCountRow>[] = [
  column('site_id', TEXT, (r) => r.siteId),
  column('day', INT, (r) => r.day),
  column('reason', TEXT, (r) => r.reason),
  column('count', BIGINT, (r) => r.count),
];

export function postgresFlushStore(trx: Transaction<Database>): FlushStore {
  return {
    async lockForFlush(sites, visitors, exclusive) {
      await lockSites(trx, 'postgres', sites, exclusive);
      // An exclusive flush has its sites to itself: no other flush holds their visitors.
      if (!exclusive) await lockVisitors(trx, visitors);
    },
    async insertEvents(rows) {
      if (rows.length === 0) return new Set<string>();
      const names = columnNames(EVENT_COLUMNS);
      // One statement: the purchases' orders claimed first, in the flush's order (so order truth's
      // purchase, which comes first, wins); a purchase kept only if it claimed its order; and
      // back come only the positions of the rows not stored, none in the common case.
      const { rows: skipped } = await sql<{ n: number }>`
        WITH incoming AS (SELECT * FROM ${unnestOf(EVENT_COLUMNS, rows)} WITH ORDINALITY AS incoming (${names}, n)),
        claimed AS (
          INSERT INTO purchase_orders (site_id, order_id, event_id)
          SELECT site_id, order_id, id FROM incoming WHERE type = 'purchase' AND order_id IS NOT NULL ORDER BY n
          ON CONFLICT DO NOTHING RETURNING site_id, event_id),
        inserted AS (
          INSERT INTO events (${names})
          SELECT ${names} FROM incoming
          WHERE NOT (type = 'purchase' AND order_id IS NOT NULL)
            OR EXISTS (SELECT 1 FROM claimed c WHERE c.site_id = incoming.site_id AND c.event_id = incoming.id)
          ORDER BY n
          ON CONFLICT DO NOTHING RETURNING site_id, id)
        SELECT n FROM incoming WHERE NOT EXISTS (SELECT 1 FROM inserted i WHERE i.site_id = incoming.site_id AND i.id = incoming.id)`.execute(trx);
      const inserted = new Set(rows.map((row) => eventKey(row.siteId, row.id)));
      for (const { n } of skipped) inserted.delete(eventKey(rows[n - 1]!.siteId, rows[n - 1]!.id));
      return inserted;
    },
    async readWindows(siteIds) {
      if (siteIds.length === 0) return [];
      const { rows } = await sql<{ id: string; siteId: string; stoppedAt: number | null; revenueCapValue: number | null }>`
        SELECT id, site_id, stopped_at, revenue_cap_value FROM experiments WHERE site_id = ANY(${[...siteIds]}::text[])`.execute(trx);
      return rows.map(windowOf);
    },
    readFacts: (visitors) => selectByVisitors<VisitorFactsTable>(trx, 'visitor_facts', visitors),
    readEvents: (visitors) => selectByVisitors<EventsTable>(trx, 'events', visitors),
    async upsertFacts(facts, now) {
      if (facts.length === 0) return;
      const stamped = byKey(facts, (fact) => `${fact.experimentId}\u0000${fact.visitorId}`).map((fact) => ({ ...fact, updatedAt: now }));
      const replaced = replacing(FACT_COLUMNS.map((col) => col.name).filter((name) => !FACT_KEY.has(name)));
      await unnestInsert('visitor_facts', FACT_COLUMNS, stamped, sql`ON CONFLICT (experiment_id, visitor_id) DO UPDATE SET ${replaced}`).execute(trx);
    },
    async addToSums(rows) {
      if (rows.length === 0) return;
      const tail = sql`ON CONFLICT (experiment_id, variant_id, day, metric) DO UPDATE SET ${adding('variant_daily_sums', SUM_FIELDS)}`;
      await unnestInsert('variant_daily_sums', DAILY_COLUMNS, byKey(rows, sumRowKey), tail).execute(trx);
    },
    async addToSegmentSums(rows) {
      if (rows.length === 0) return;
      const tail = sql`ON CONFLICT (experiment_id, variant_id, segment, metric) DO UPDATE SET ${adding('segment_sums', SUM_FIELDS)}`;
      await unnestInsert('segment_sums', SEGMENT_COLUMNS, byKey(rows, segmentRowKey), tail).execute(trx);
    },
    async bumpSumsVersions(ids) {
      if (ids.length === 0) return;
      await sql`UPDATE experiments SET sums_version = sums_version + 1 WHERE id = ANY(${[...ids]}::text[])`.execute(trx);
    },
    async addDropCounts(rows) {
      if (rows.length === 0) return;
      await unnestInsert('drop_counts', DROP_COLUMNS, rows, sql`ON CONFLICT (site_id, day, reason) DO UPDATE SET ${adding('drop_counts', ['count'])}`).execute(trx);
    },
  };
}

/** The rows of these visitors: by visitor id (random, so it alone finds them), then kept to their own site. */
async function selectByVisitors<T extends { siteId: string; visitorId: string }>(trx: Transaction<Database>, table: 'events' | 'visitor_facts', visitors: readonly VisitorRef[]): Promise<T[]> {
  if (visitors.length === 0) return [];
  const wanted = new Set(visitors.map((visitor) => eventKey(visitor.siteId, visitor.visitorId)));
  const ids = [...new Set(visitors.map((visitor) => visitor.visitorId))];
  const { rows } = await sql<T>`SELECT * FROM ${sql.raw(table)} WHERE visitor_id = ANY(${ids}::text[])`.execute(trx);
  return rows.filter((row) => wanted.has(eventKey(row.siteId, row.visitorId)));
}

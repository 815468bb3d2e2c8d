// The flush store for SQLite: better-sqlite3 statements prepared once per connection and run one
// row at a time. On SQLite a prepared statement costs a bind and a step, while a query built by
// Kysely costs a compile and a prepare per flush chunk. They run on the connection that Kysely's
// SQLite driver holds for the flush transaction, so they join it (connect.ts).
import type SQLite from 'better-sqlite3';
import type { EventsTable, VisitorFactsTable } from '../db/types.js';
import type { SegmentSumRow } from '../segments/segment-sums.js';
import { windowOf, type Fact } from './facts.js';
import { eventKey, type DropCountRow, type FlushStore, type FlushStoreFactory, type VisitorRef } from './flush-store.js';
import { claimsOrder } from './purchase-orders.js';
import type { SumRow } from './sums.js';

const EVENT_COLUMNS = ['siteId', 'id', 'experimentId', 'variantId', 'visitorId', 'type', 'name', 'ts', 'receivedAt', 'value', 'orderId', 'props'] as const;
const FACT_KEY = ['experimentId', 'visitorId'] as const;
const FACT_VALUES = [
  'siteId',
  'variantId',
  'firstExposureAt',
  'exposureDay',
  'exposures',
  'viewable',
  'videoStarted',
  'watchPct',
  'videoCompleted',
  'clicks',
  'addedToCart',
  'purchased',
  'revenue',
  'trustSum',
  'trustAnswers',
  'noticedDisclosure',
  'answeredSurvey',
  'segment',
  'revenueCap',
  'clickedDay',
  'cartedDay',
  'purchasedDay',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof VisitorFactsTable>;
const FACT_COLUMNS = [...FACT_KEY, ...FACT_VALUES] as const;
const SUM_FIELDS = ['n', 'sumX', 'sumX2', 'sumY', 'sumY2', 'sumXy'] as const;

const snake = (name: string) => name.replace(/[A-Z0-9]+/g, (part) => `_${part.toLowerCase()}`);
const columnList = (columns: readonly string[]) => columns.map(snake).join(', ');
const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** An upsert that adds each incoming sum into the stored row of its key. */
function addingUpsert(table: string, key: readonly string[]): string {
  const columns = [...key, ...SUM_FIELDS];
  const added = SUM_FIELDS.map((field) => `${snake(field)} = ${snake(field)} + excluded.${snake(field)}`).join(', ');
  return `INSERT INTO ${table} (${columnList(columns)}) VALUES (${placeholders(columns.length)}) ON CONFLICT (${columnList(key)}) DO UPDATE SET ${added}`;
}

function prepareStatements(sqlite: SQLite.Database) {
  return {
    // One purchase per order (purchase-orders.ts): a purchase is stored only if it claims its order.
    claimOrder: sqlite.prepare('INSERT INTO purchase_orders (site_id, order_id, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    // A replay: the event's site and id are stored.
    insertEvent: sqlite.prepare(`INSERT INTO events (${columnList(EVENT_COLUMNS)}) VALUES (${placeholders(EVENT_COLUMNS.length)}) ON CONFLICT DO NOTHING`),
    windows: sqlite.prepare('SELECT id, site_id AS siteId, stopped_at AS stoppedAt, revenue_cap_value AS revenueCapValue FROM experiments WHERE site_id = ?'),
    // Rows as arrays, made into objects here: better-sqlite3 builds an object row through N-API
    // at about twice the cost.
    factsOf: sqlite.prepare(`SELECT ${columnList(FACT_COLUMNS)} FROM visitor_facts WHERE visitor_id = ?`).raw(true),
    // The events stored before this flush: those of the flush are still in hand (see readEvents).
    eventsBefore: sqlite.prepare(`SELECT ${columnList(EVENT_COLUMNS)} FROM events WHERE visitor_id = ? AND rowid <= ?`).raw(true),
    lastRowid: sqlite.prepare('SELECT max(rowid) FROM events').pluck(true),
    upsertFact: sqlite.prepare(
      `INSERT INTO visitor_facts (${columnList(FACT_COLUMNS)}) VALUES (${placeholders(FACT_COLUMNS.length)}) ` +
        `ON CONFLICT (${columnList(FACT_KEY)}) DO UPDATE SET ${FACT_VALUES.map((column) => `${snake(column)} = excluded.${snake(column)}`).join(', ')}`,
    ),
    addToSum: sqlite.prepare(addingUpsert('variant_daily_sums', ['experimentId', 'variantId', 'day', 'metric'])),
    addToSegmentSum: sqlite.prepare(addingUpsert('segment_sums', ['experimentId', 'variantId', 'segment', 'metric'])),
    bumpSumsVersion: sqlite.prepare('UPDATE experiments SET sums_version = sums_version + 1 WHERE id = ?'),
    addDropCount: sqlite.prepare(addingDropCount()),
  };
}

function addingDropCount(): string {
  return 'INSERT INTO drop_counts (site_id, day, reason, count) VALUES (?, ?, ?, ?) ON CONFLICT (site_id, day, reason) DO UPDATE SET count = count + excluded.count';
}

type Statements = ReturnType<typeof prepareStatements>;

/** Prepared once per connection, on the first flush (after the schema is in place). */
const preparedFor = new WeakMap<SQLite.Database, Statements>();

function statementsOf(sqlite: SQLite.Database): Statements {
  let statements = preparedFor.get(sqlite);
  if (!statements) preparedFor.set(sqlite, (statements = prepareStatements(sqlite)));
  return statements;
}

// Rows read as arrays (in the order of EVENT_COLUMNS and FACT_COLUMNS), made into objects of one
// literal shape each: the fold and the sums then read their fields without megamorphic lookups.
const eventFromRow = (v: any[]): EventsTable => ({
  siteId: v[0], id: v[1], experimentId: v[2], variantId: v[3], visitorId: v[4], type: v[5],
  name: v[6], ts: v[7], receivedAt: v[8], value: v[9], orderId: v[10], props: v[11],
});

const factFromRow = (v: any[]): VisitorFactsTable => ({
  experimentId: v[0], visitorId: v[1], siteId: v[2], variantId: v[3], firstExposureAt: v[4],
  exposureDay: v[5], exposures: v[6], viewable: v[7], videoStarted: v[8], watchPct: v[9],
  videoCompleted: v[10], clicks: v[11], addedToCart: v[12], purchased: v[13], revenue: v[14],
  trustSum: v[15], trustAnswers: v[16], noticedDisclosure: v[17], answeredSurvey: v[18],
  segment: v[19], revenueCap: v[20], clickedDay: v[21], cartedDay: v[22], purchasedDay: v[23],
  updatedAt: v[24],
});

/** Each visitor id once, with the sites it is wanted for: visitor ids are random, so the id alone finds the rows. */
function sitesByVisitor(visitors: readonly VisitorRef[]): Map<string, Set<string>> {
  const sitesOf = new Map<string, Set<string>>();
  for (const { siteId, visitorId } of visitors) {
    const sites = sitesOf.get(visitorId);
    if (sites) sites.add(siteId);
    else sitesOf.set(visitorId, new Set([siteId]));
  }
  return sitesOf;
}

export function sqliteFlushStore(sqlite: SQLite.Database): FlushStore {
  const s = statementsOf(sqlite);
  // The rows this flush stored, by visitor, in the order stored (so in rowid order), and the
  // last rowid before them: readEvents reads only older rows and adds these, as the database
  // would give them, without reading back and rebuilding what is already in hand.
  const storedByVisitor = new Map<string, EventsTable[]>();
  let rowidBefore: number | null = null;
  return {
    // One writer per database file: SQLite's write lock, taken at BEGIN IMMEDIATE, is the lock.
    lockForFlush: async () => {},
    async insertEvents(rows) {
      rowidBefore ??= (s.lastRowid.get() as number | null) ?? 0;
      const inserted = new Set<string>();
      for (const row of rows) {
        if (claimsOrder(row) && s.claimOrder.run(row.siteId, row.orderId, row.id).changes === 0) continue;
        const info = s.insertEvent.run(row.siteId, row.id, row.experimentId, row.variantId, row.visitorId, row.type, row.name, row.ts, row.receivedAt, row.value, row.orderId, row.props);
        if (info.changes === 0) continue;
        inserted.add(eventKey(row.siteId, row.id));
        const mine = storedByVisitor.get(row.visitorId);
        if (mine) mine.push(row);
        else storedByVisitor.set(row.visitorId, [row]);
      }
      return inserted;
    },
    async readWindows(siteIds) {
      return siteIds.flatMap((siteId) => (s.windows.all(siteId) as Parameters<typeof windowOf>[0][]).map(windowOf));
    },
    async readFacts(visitors) {
      const facts: VisitorFactsTable[] = [];
      for (const [visitorId, sites] of sitesByVisitor(visitors)) {
        for (const values of s.factsOf.all(visitorId) as any[][]) {
          const fact = factFromRow(values);
          if (sites.has(fact.siteId)) facts.push(fact);
        }
      }
      return facts;
    },
    async readEvents(visitors) {
      const events: EventsTable[] = [];
      for (const [visitorId, sites] of sitesByVisitor(visitors)) {
        if (rowidBefore === null || rowidBefore > 0) {
          for (const values of s.eventsBefore.all(visitorId, rowidBefore ?? Number.MAX_SAFE_INTEGER) as any[][]) {
            const event = eventFromRow(values);
            if (sites.has(event.siteId)) events.push(event);
          }
        }
        for (const event of storedByVisitor.get(visitorId) ?? []) if (sites.has(event.siteId)) events.push(event);
      }
      return events;
    },
    async upsertFacts(facts, now) {
      for (const fact of facts) s.upsertFact.run(factParameters(fact, now));
    },
    async addToSums(rows) {
      for (const row of rows) s.addToSum.run(row.experimentId, row.variantId, row.day, row.metric, ...sumsOf(row));
    },
    async addToSegmentSums(rows: readonly SegmentSumRow[]) {
      for (const row of rows) s.addToSegmentSum.run(row.experimentId, row.variantId, row.segment, row.metric, ...sumsOf(row));
    },
    async bumpSumsVersions(ids) {
      for (const id of ids) s.bumpSumsVersion.run(id);
    },
    async addDropCounts(rows: readonly DropCountRow[]) {
      for (const row of rows) s.addDropCount.run(row.siteId, row.day, row.reason, row.count);
    },
  };
}

/** A fact's values in the order of FACT_COLUMNS, stamped `now`. */
function factParameters(f: Fact, now: number): unknown[] {
  return [
    f.experimentId, f.visitorId, f.siteId, f.variantId, f.firstExposureAt, f.exposureDay, f.exposures, f.viewable,
    f.videoStarted, f.watchPct, f.videoCompleted, f.clicks, f.addedToCart, f.purchased, f.revenue, f.trustSum,
    f.trustAnswers, f.noticedDisclosure, f.answeredSurvey, f.segment, f.revenueCap, f.clickedDay, f.cartedDay,
    f.purchasedDay, now,
  ];
}

const sumsOf = (row: SumRow | SegmentSumRow) => [row.n, row.sumX, row.sumX2, row.sumY, row.sumY2, row.sumXy];

/** The factory flush-stores.ts hands the writer for a SQLite connection. */
export const sqliteFlushStoreFor =
  (sqlite: SQLite.Database): FlushStoreFactory =>
  () =>
    sqliteFlushStore(sqlite);

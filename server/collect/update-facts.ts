// Inside the flush transaction: folds newly stored events into per-visitor facts, rebuilding a
// fact from the raw events when it is new or an earlier exposure arrived, and returns each
// change so the daily sums can move by new − old.
import type { Transaction } from 'kysely';
import type { Database, EventsTable } from '../db/types.js';
import { buildFact, foldEvents, sameFact, withoutUpdatedAt, type ExperimentWindow, type Fact } from './facts.js';
import type { FlushStore } from './flush-store.js';
import { byKey } from './key-order.js';

export interface FactChange {
  before: Fact | null;
  after: Fact;
}

const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const visitorKey = (siteId: string, visitorId: string) => `${siteId}\u0000${visitorId}`;

function groupByVisitor<T extends { siteId: string; visitorId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = visitorKey(row.siteId, row.visitorId);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export async function updateFacts(store: FlushStore, stored: readonly EventsTable[]): Promise<FactChange[]> {
  if (stored.length === 0) return [];
  const newByVisitor = groupByVisitor(stored);
  const siteIds = [...new Set(stored.map((event) => event.siteId))];
  const visitors = [...newByVisitor.values()].map((events) => ({ siteId: events[0]!.siteId, visitorId: events[0]!.visitorId }));

  const windows = new Map<string, ExperimentWindow>();
  for (const window of await store.readWindows(siteIds)) windows.set(window.id, window);
  const factsByVisitor = groupByVisitor(await store.readFacts(visitors));

  // A fact is rebuilt from every raw event when it is new, or when an exposure earlier than
  // its first one arrives: events stored before it may then start to count.
  const rebuild = new Map<string, Set<string>>();
  for (const [key, events] of newByVisitor) {
    const facts = factsByVisitor.get(key) ?? [];
    for (const event of events) {
      if (event.type !== 'exposure' || event.experimentId === null || !windows.has(event.experimentId)) continue;
      const fact = facts.find((candidate) => candidate.experimentId === event.experimentId);
      // A tie rebuilds too: the fact does not keep its first exposure's id, which breaks ties.
      if (!fact || event.ts <= fact.firstExposureAt) {
        if (!rebuild.has(key)) rebuild.set(key, new Set());
        rebuild.get(key)!.add(event.experimentId);
      }
    }
  }
  const rebuilt = visitors.filter((visitor) => rebuild.has(visitorKey(visitor.siteId, visitor.visitorId)));
  const rawByVisitor = groupByVisitor(rebuilt.length === 0 ? [] : await store.readEvents(rebuilt));

  const changes: FactChange[] = [];
  for (const [key, events] of newByVisitor) {
    const rebuilt = rebuild.get(key) ?? new Set<string>();
    const stored = new Map((factsByVisitor.get(key) ?? []).map((row) => [row.experimentId, withoutUpdatedAt(row)]));
    for (const experimentId of rebuilt) {
      const after = buildFact(windows.get(experimentId)!, events[0]!.visitorId, rawByVisitor.get(key) ?? []);
      if (after) changes.push({ before: stored.get(experimentId) ?? null, after });
    }
    for (const [experimentId, before] of stored) {
      const window = windows.get(experimentId);
      if (rebuilt.has(experimentId) || !window) continue;
      const after = foldEvents(before, window, events);
      if (!sameFact(before, after, 0)) changes.push({ before, after });
    }
  }
  return changes;
}

export async function upsertFacts(trx: Transaction<Database>, facts: readonly Fact[], now: number): Promise<void> {
  // In key order, as every writer: the visitor locks already keep two flushes off one fact.
  for (const part of chunks(byKey(facts, (fact) => `${fact.experimentId}\u0000${fact.visitorId}`))) {
    await trx
      .insertInto('visitorFacts')
      .values(part.map((fact) => ({ ...fact, updatedAt: now })))
      .onConflict((oc) =>
        oc.columns(['experimentId', 'visitorId']).doUpdateSet((eb) => ({
          variantId: eb.ref('excluded.variantId'),
          firstExposureAt: eb.ref('excluded.firstExposureAt'),
          exposureDay: eb.ref('excluded.exposureDay'),
          exposures: eb.ref('excluded.exposures'),
          viewable: eb.ref('excluded.viewable'),
          videoStarted: eb.ref('excluded.videoStarted'),
          watchPct: eb.ref('excluded.watchPct'),
          videoCompleted: eb.ref('excluded.videoCompleted'),
          clicks: eb.ref('excluded.clicks'),
          addedToCart: eb.ref('excluded.addedToCart'),
          purchased: eb.ref('excluded.purchased'),
          revenue: eb.ref('excluded.revenue'),
          trustSum: eb.ref('excluded.trustSum'),
          trustAnswers: eb.ref('excluded.trustAnswers'),
          noticedDisclosure: eb.ref('excluded.noticedDisclosure'),
          answeredSurvey: eb.ref('excluded.answeredSurvey'),
          segment: eb.ref('excluded.segment'),
          revenueCap: eb.ref('excluded.revenueCap'),
          clickedDay: eb.ref('excluded.clickedDay'),
          cartedDay: eb.ref('excluded.cartedDay'),
          purchasedDay: eb.ref('excluded.purchasedDay'),
          updatedAt: eb.ref('excluded.updatedAt'),
        })),
      )
      .execute();
  }
}

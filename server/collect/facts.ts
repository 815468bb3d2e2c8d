// Per-visitor facts (pure): what one exposed visitor did in one experiment, from the first
// exposure on. applyEvent is order-independent for the events it counts (ORs, maxima, sums),
// so folding new events into a stored fact equals rebuilding it from every raw event: the
// writer does the first, `verify` the second, and they must agree.
import type { VisitorFactsTable } from '../db/types.js';
import { CONVERSION_TYPES, DAY_MS, dayOf, REVENUE_ADJUSTMENT, type EventType } from './vocabulary.js';
import { exposureCell } from '../segments/fact-cell.js';

export type { Fact } from '../metrics/registry.js';
import type { Fact } from '../metrics/registry.js';

/** A stored facts row as the fact it records: its write time is bookkeeping, not part of the fact. */
export function withoutUpdatedAt(row: VisitorFactsTable): Fact {
  const { updatedAt: _updatedAt, ...fact } = row;
  return fact;
}

export interface FactEvent {
  id: string;
  type: EventType | string;
  experimentId: string | null;
  variantId: string | null;
  ts: number;
  receivedAt: number;
  value: number | null;
  name: string | null;
  /** An exposure's props (JSON text): its device and source fix the fact's segment cell. */
  props?: string | null;
}

export interface ExperimentWindow {
  id: string;
  siteId: string;
  /** Conversions received after the stop no longer count. */
  stoppedAt: number | null;
  /** The revenue cap in force (experiments.revenue_cap_value): every fact folded carries it. Absent: none. */
  revenueCap?: number | null;
}

/** An experiment's row as the window its facts are folded in: the writer and verify both read it so. */
export function windowOf(row: { id: string; siteId: string; stoppedAt: number | null; revenueCapValue: number | null }): ExperimentWindow {
  return { id: row.id, siteId: row.siteId, stoppedAt: row.stoppedAt, revenueCap: row.revenueCapValue };
}

export function emptyFact(experiment: ExperimentWindow, visitorId: string, variantId: string, firstExposureAt: number): Fact {
  return {
    experimentId: experiment.id,
    visitorId,
    siteId: experiment.siteId,
    variantId,
    firstExposureAt,
    exposureDay: dayOf(firstExposureAt),
    exposures: 0,
    viewable: 0,
    videoStarted: 0,
    watchPct: 0,
    videoCompleted: 0,
    clicks: 0,
    addedToCart: 0,
    purchased: 0,
    revenue: 0,
    trustSum: 0,
    trustAnswers: 0,
    noticedDisclosure: null,
    answeredSurvey: 0,
    segment: '',
    revenueCap: experiment.revenueCap ?? null,
    clickedDay: null,
    cartedDay: null,
    purchasedDay: null,
  };
}

/** Whether an event changes this fact: after the first exposure, and about this experiment or a conversion. */
export function countsFor(fact: Fact, experiment: ExperimentWindow, event: FactEvent): boolean {
  if (event.ts < fact.firstExposureAt) return false;
  if (CONVERSION_TYPES.includes(event.type as EventType) || event.type === REVENUE_ADJUSTMENT) {
    return experiment.stoppedAt === null || event.receivedAt <= experiment.stoppedAt;
  }
  return event.experimentId === fact.experimentId;
}

/** Whole days from the first exposure to the event, kept if earlier than the day already known (a minimum: order-independent). */
function firstDay(known: number | null, fact: Fact, event: FactEvent): number {
  const day = Math.floor((event.ts - fact.firstExposureAt) / DAY_MS);
  return known === null || day < known ? day : known;
}

export function applyEvent(fact: Fact, event: FactEvent): Fact {
  const next = { ...fact };
  addEvent(next, event);
  return next;
}

/** applyEvent on the fold's own copy: a flush makes one object per fact, not one per event. */
function addEvent(fact: Fact, event: FactEvent): void {
  const value = event.value ?? 0;
  switch (event.type) {
    case 'exposure':
      fact.exposures += 1;
      return;
    case 'viewable':
      fact.viewable = 1;
      return;
    case 'video_start':
      fact.videoStarted = 1;
      return;
    case 'video_progress':
      fact.videoStarted = 1;
      fact.watchPct = Math.max(fact.watchPct, value);
      if (value >= 100) fact.videoCompleted = 1;
      return;
    case 'click':
      fact.clicks += 1;
      fact.clickedDay = firstDay(fact.clickedDay, fact, event);
      return;
    case 'add_to_cart':
      fact.addedToCart = 1;
      fact.cartedDay = firstDay(fact.cartedDay, fact, event);
      return;
    case 'purchase':
      fact.purchased = 1;
      fact.revenue += value;
      fact.purchasedDay = firstDay(fact.purchasedDay, fact, event);
      return;
    case REVENUE_ADJUSTMENT:
      fact.revenue += value;
      return;
    case 'survey':
      if (event.name === 'trust') {
        fact.answeredSurvey = 1;
        fact.trustSum += value;
        fact.trustAnswers += 1;
      } else if (event.name === 'noticed') {
        fact.answeredSurvey = 1;
        fact.noticedDisclosure = Math.max(fact.noticedDisclosure ?? 0, value);
      }
      return;
  }
}

/** Folds the events that count into a fact, which takes the experiment's revenue cap in force. */
export function foldEvents(fact: Fact, experiment: ExperimentWindow, events: readonly FactEvent[]): Fact {
  const current = { ...fact, revenueCap: experiment.revenueCap ?? null };
  for (const event of events) if (countsFor(current, experiment, event)) addEvent(current, event);
  return current;
}

/**
 * Builds a visitor's fact for one experiment from all their raw events on the site, or null if
 * they were never exposed to it. The first exposure (earliest ts, then smallest id) fixes the
 * variant, the cohort day and the segment cell.
 */
export function buildFact(experiment: ExperimentWindow, visitorId: string, events: readonly FactEvent[]): Fact | null {
  let first: FactEvent | undefined;
  for (const event of events) {
    if (event.type !== 'exposure' || event.experimentId !== experiment.id) continue;
    if (!first || event.ts < first.ts || (event.ts === first.ts && event.id < first.id)) first = event;
  }
  if (!first?.variantId) return null;
  const fact = emptyFact(experiment, visitorId, first.variantId, first.ts);
  fact.segment = exposureCell(visitorId, first.ts, first.props);
  return foldEvents(fact, experiment, events);
}

export function sameFact(a: Fact, b: Fact, tolerance = 1e-9): boolean {
  for (const key of Object.keys(a) as Array<keyof Fact>) {
    const x = a[key];
    const y = b[key];
    if (typeof x === 'number' && typeof y === 'number') {
      if (Math.abs(x - y) > tolerance * Math.max(1, Math.abs(x), Math.abs(y))) return false;
    } else if (x !== y) return false;
  }
  return true;
}

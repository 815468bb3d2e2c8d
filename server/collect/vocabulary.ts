// The closed sets of ingestion: event types, why an event is rejected or dropped, and the caps
// on a batch. DESIGN.md's vocabulary says what each event type means.
import type { SurveyQuestionName } from '../experiments/survey-input.js';

export const EVENT_TYPES = [
  'exposure',
  'viewable',
  'video_start',
  'video_progress',
  'click',
  'add_to_cart',
  'purchase',
  'survey',
  'custom',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Events about the visitor rather than one creative: they need no experiment named. */
export const SITE_WIDE_TYPES: readonly EventType[] = ['add_to_cart', 'purchase', 'custom'];

/** Conversions count for every experiment the visitor was exposed to (and that had not stopped). */
export const CONVERSION_TYPES: readonly EventType[] = ['add_to_cart', 'purchase'];

/**
 * Made by the server only, from a shop's signed order truth (server/webhooks/): a change to the
 * revenue of a purchase already stored (a refund, or the order's true total replacing the
 * pixel's). It counts like a conversion and moves revenue only; /v1/events never accepts it.
 */
export const REVENUE_ADJUSTMENT = 'revenue_adjustment';

export const VIDEO_MILESTONES = [25, 50, 75, 100] as const;

/** Survey questions: trust answers 1–5; noticed answers 1 (noticed AI) or 0 (did not). */
export const SURVEY_QUESTIONS = { trust: [1, 5], noticed: [0, 1] } as const satisfies Record<SurveyQuestionName, readonly [number, number]>;
export type SurveyQuestion = keyof typeof SURVEY_QUESTIONS;

/** Why one event of a batch was refused; returned to the sender and counted per site. */
export const REJECT_CODES = [
  'invalid_event',
  'invalid_timestamp',
  'missing_experiment',
  'unknown_experiment',
  'experiment_not_running',
  'unknown_variant',
  'variant_mismatch',
  'not_in_experiment',
  'before_start',
  'currency_mismatch',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** Event fields a rejection can name as the one at fault. */
export type EventField = 'id' | 'type' | 'experiment' | 'variant' | 'ts' | 'value' | 'name' | 'order' | 'currency' | 'props';

/** One refused event of a batch, as the sender is told: its index, why, and the field at fault if one is. */
export interface Rejection {
  index: number;
  code: RejectCode;
  field?: EventField;
}

/**
 * Everything counted in drop_counts: the rejections, plus what is dropped without a rejection
 * of its own (a bot's batch, a repeated event); the answer counts those per reason too.
 */
export const DROP_REASONS = [...REJECT_CODES, 'bot', 'duplicate'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const INGEST_LIMITS = {
  bodyBytes: 64 * 1024,
  eventsPerBatch: 100,
  idLength: 64,
  visitorLength: 128,
  keyLength: 64,
  nameLength: 64,
  orderLength: 128,
  propsBytes: 2048,
  propsKeys: 20,
  propsStringLength: 256,
  maxValue: 1e9,
  /** Beacons can arrive late from a phone that was offline; a week is plenty. */
  maxAgeMs: 7 * 24 * 3600 * 1000,
  /**
   * Clocks drift; more than this ahead is a broken clock or a forged event. The same allowance
   * holds for an event about an experiment stamped before the experiment started.
   */
  maxFutureMs: 10 * 60 * 1000,
} as const;

export const DAY_MS = 86_400_000;

export function dayOf(ts: number): number {
  return Math.floor(ts / DAY_MS);
}

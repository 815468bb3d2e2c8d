// The per-event pipeline (pure): each step takes an event and answers with it, resolved a
// little further, or with the reason it is refused. Plausible's ingestion is the model.
import { assignVariant } from '../assign/index.js';
import type { AcceptedEvent } from './commit.js';
import type { SiteEntry } from './catalog.js';
import { parseEvent, type IncomingEvent } from './parse.js';
import { CONVERSION_TYPES, INGEST_LIMITS, SITE_WIDE_TYPES, type EventField, type RejectCode, type Rejection } from './vocabulary.js';

export type StepResult = { ok: true; event: AcceptedEvent } | { ok: false; code: RejectCode; field: EventField };

export interface PipelineContext {
  entry: SiteEntry;
  visitor: string;
  now: number;
}

/**
 * The experiment must be running and the variant must be the one the hash gives this visitor:
 * a mismatch means a broken integration (or a forged event) and would bias the results.
 * Site-wide events (conversions, custom) may name an experiment; when that does not check
 * out they are kept without it, since conversions count for every exposure anyway.
 * Nothing about an experiment happens before it first starts: an event stamped earlier than the
 * clock-skew allowance is refused, and one within it is taken as stamped at the start, so no
 * cohort day before the start appears. (A pause keeps the first start: a page rendered before
 * the pause may still report late, offline beacons included.)
 */
export function resolveExperiment(event: IncomingEvent, { entry, visitor }: PipelineContext): StepResult {
  const base: AcceptedEvent = {
    siteId: entry.site.id,
    id: event.id,
    experimentId: null,
    variantId: null,
    visitorId: visitor,
    type: event.type,
    name: event.name,
    ts: event.ts,
    value: event.value,
    orderId: event.order,
    props: event.props,
  };
  if (event.experiment === null) return { ok: true, event: base };
  const siteWide = SITE_WIDE_TYPES.includes(event.type);
  const refuse = (code: RejectCode, field: EventField): StepResult => (siteWide ? { ok: true, event: base } : { ok: false, code, field });

  const experiment = entry.running.get(event.experiment);
  if (!experiment) return refuse(entry.statuses.has(event.experiment) ? 'experiment_not_running' : 'unknown_experiment', 'experiment');
  const claimed = experiment.variants.findIndex((variant) => variant.key === event.variant);
  if (claimed === -1) return refuse('unknown_variant', 'variant');
  const weights = experiment.variants.map((variant) => variant.weight);
  const assigned = assignVariant({ seed: experiment.seed, coverage: experiment.coverage, weights }, visitor);
  if (assigned === -1) return refuse('not_in_experiment', 'experiment');
  if (assigned !== claimed) return refuse('variant_mismatch', 'variant');
  // A running experiment has always started; the fallback only satisfies the type.
  const startedAt = experiment.startedAt ?? event.ts;
  if (event.ts < startedAt - INGEST_LIMITS.maxFutureMs) return refuse('before_start', 'ts');
  const ts = siteWide ? event.ts : Math.max(event.ts, startedAt);
  return { ok: true, event: { ...base, ts, experimentId: experiment.id, variantId: experiment.variants[claimed]!.id } };
}

export interface PipelineOutcome {
  accepted: AcceptedEvent[];
  rejected: Rejection[];
  /** Events repeated within this batch: the first copy counts, the others are duplicates. */
  repeated: number;
}

/** Revenue is summed in the site's one currency: a conversion in another is refused, never added. */
export function checkCurrency(event: IncomingEvent, { entry }: PipelineContext): RejectCode | null {
  if (event.currency === null || !CONVERSION_TYPES.includes(event.type)) return null;
  return event.currency === entry.site.currency ? null : 'currency_mismatch';
}

export function runPipeline(rawEvents: readonly unknown[], context: PipelineContext): PipelineOutcome {
  const outcome: PipelineOutcome = { accepted: [], rejected: [], repeated: 0 };
  const seen = new Set<string>();
  rawEvents.forEach((raw, index) => {
    const parsed = parseEvent(raw, context.now);
    if (!parsed.ok) return void outcome.rejected.push(parsed.field ? { index, code: parsed.code, field: parsed.field } : { index, code: parsed.code });
    const mismatch = checkCurrency(parsed.event, context);
    if (mismatch) return void outcome.rejected.push({ index, code: mismatch, field: 'currency' });
    const resolved = resolveExperiment(parsed.event, context);
    if (!resolved.ok) return void outcome.rejected.push({ index, code: resolved.code, field: resolved.field });
    if (seen.has(resolved.event.id)) return void outcome.repeated++;
    seen.add(resolved.event.id);
    outcome.accepted.push(resolved.event);
  });
  return outcome;
}

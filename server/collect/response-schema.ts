// The wire shapes of ingestion for the API document: the batch /v1/events takes (parse.ts checks
// it by hand, event by event, so one bad event rejects only itself; this schema describes the
// same envelope and fields for integrators) and what the collect routes answer.
import { z } from 'zod';
import { DROP_REASONS, EVENT_TYPES, INGEST_LIMITS, REJECT_CODES } from './vocabulary.js';

const incomingEventSchema = z.object({
  id: z.string().max(INGEST_LIMITS.idLength).meta({ description: 'Unique per event; a second event with the same id is counted as a duplicate.' }),
  type: z.enum(EVENT_TYPES),
  experiment: z.string().nullable().optional(),
  variant: z.string().nullable().optional(),
  ts: z.number().meta({ description: 'When it happened, in milliseconds since the epoch.' }),
  value: z.number().nullable().optional(),
  name: z.string().nullable().optional(),
  order: z.string().nullable().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable().optional(),
  props: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const eventBatchSchema = z
  .object({
    site: z.string().regex(/^pk_[A-Za-z0-9]{1,64}$/),
    visitor: z.string().min(1).max(INGEST_LIMITS.visitorLength).regex(/^[A-Za-z0-9_.:-]+$/),
    events: z.array(incomingEventSchema).min(1).max(INGEST_LIMITS.eventsPerBatch),
  })
  .meta({ id: 'EventBatch' });

export const eventsAnswerSchema = z
  .strictObject({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.array(z.strictObject({ index: z.number().int(), code: z.enum(REJECT_CODES), field: z.string().optional() })),
    dropped: z.partialRecord(z.enum(DROP_REASONS), z.number().int()),
  })
  .meta({ id: 'EventsAnswer', description: 'accepted + duplicates + rejected + dropped add up to the events sent.' });

export const dropsAnswerSchema = z.strictObject({
  since: z.number(),
  totals: z.record(z.enum(DROP_REASONS), z.number().int()),
  byDay: z.array(z.strictObject({ date: z.string(), reason: z.enum(DROP_REASONS), count: z.number().int() })),
});

export const visitorDeletedSchema = z.strictObject({ visitor: z.string(), deletedEvents: z.number().int(), deletedFacts: z.number().int() });

export type EventsAnswer = z.infer<typeof eventsAnswerSchema>;

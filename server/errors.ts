// The one error type routes throw, its closed set of codes with their HTTP statuses, and the
// renderer that turns any thrown value into `{"error": {"code", "message"}}`.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DatabaseBusyError } from './db/lock-wait.js';

export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_field: 400,
  invalid_csv: 400,
  invalid_body: 400,
  invalid_request: 400,
  unknown_topic: 400,
  unauthorized: 401,
  missing_signature: 401,
  invalid_signature: 401,
  webhook_secret_not_set: 401,
  origin_not_allowed: 403,
  not_found: 404,
  request_timeout: 408,
  unknown_site: 404,
  unknown_experiment: 404,
  key_taken: 409,
  experiment_frozen: 409,
  invalid_transition: 409,
  slot_busy: 409,
  demo_loaded: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  disclosure_policy: 422,
  currency_mismatch: 422,
  invalid_media: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One broken rule of a disclosure_policy refusal: which preset, which arm, what it lacks (experiments/policy.ts). */
export interface ViolationBody {
  rule: string;
  variant: string;
  missing: string;
  field: string;
  message: string;
}

/** What some errors say beyond the message, machine-readable. */
export interface ErrorDetails {
  violations?: ViolationBody[];
}

export class HttpError extends Error {
  readonly code: ErrorCode;
  /** The request field at fault, as a path such as `variants[1].weight`, when there is one. */
  readonly field: string | undefined;
  /** Seconds the client should wait before retrying (sent as Retry-After). */
  readonly retryAfter: number | undefined;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, field?: string, retryAfter?: number, details: ErrorDetails = {}) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
    this.details = details;
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; violations?: ViolationBody[] };
}

export function errorBody(error: HttpError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.field !== undefined) body.error.field = error.field;
  if (error.details.violations) body.error.violations = error.details.violations;
  return body;
}

/**
 * What any thrown value answers: known errors keep their code; a database another process kept
 * locked past the wait is a 503 to retry; a client that left mid-body gets a quiet 400; anything
 * else is our fault, logged, and a 500. Shared by Hono's onError and the direct event route.
 */
export function errorAnswer(err: unknown, clientLeft: boolean): HttpError {
  if (err instanceof DatabaseBusyError) return new HttpError('unavailable', 'The database is busy with another writer; try again in a moment.', undefined, 1);
  if (err instanceof HttpError) return err;
  // The client left mid-body (a read outside the body readers, such as a form): not our fault,
  // and no one is listening for the answer.
  if (clientLeft) return new HttpError('invalid_body', 'The body was cut off before its end.');
  console.error('unhandled error', err);
  return new HttpError('internal_error', 'Something went wrong on our side.');
}

/** Hono's onError. */
export function renderError(err: Error, c: Context): Response {
  const known = err instanceof HttpError || err instanceof DatabaseBusyError;
  const answer = errorAnswer(err, !known && clientLeftMidBody(c.env));
  if (answer.retryAfter !== undefined) c.header('Retry-After', String(answer.retryAfter));
  return c.json(errorBody(answer), answer.status);
}

/** Whether the node request behind this one was cut off before its body ended. */
export function clientLeftMidBody(env: unknown): boolean {
  const incoming = (env as { incoming?: IncomingState } | undefined)?.incoming;
  return incoming !== undefined && incomingCutOff(incoming);
}

interface IncomingState {
  complete?: boolean;
  readableAborted?: boolean;
  destroyed?: boolean;
}

export function incomingCutOff(incoming: IncomingState): boolean {
  return incoming.complete === false && (incoming.readableAborted === true || incoming.destroyed === true);
}

// The limits of an import of a past test, and how an import refuses: a named error carrying the
// API's error code, which the route turns into an HTTP error and the command line into a message.
import type { ErrorCode } from '../errors.js';

export const IMPORT_LIMITS = {
  bytes: 200 * 1024 * 1024,
  arms: 64,
  metrics: 20,
  /** --arm-filter, --origin and --disclosure options, each. */
  armOptions: 128,
  columnName: 200,
  /** An arm's value becomes its variant's name. */
  armValue: 120,
  visitorId: 128,
  /** Segment columns (dimensions) an import may name, and the distinct values (levels) each may hold. */
  segmentColumns: 4,
  segmentLevels: 50,
  /** A segment value is shown as a level's name. */
  segmentValue: 120,
  /** Numbers beyond this are taken for a broken column rather than a measurement. */
  maxAbsValue: 1e15,
} as const;

export type ImportErrorCode = Extract<ErrorCode, 'invalid_field' | 'invalid_csv' | 'payload_too_large' | 'not_found' | 'key_taken'>;

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** The option at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export function tooLarge(maxBytes: number = IMPORT_LIMITS.bytes): ImportError {
  return new ImportError('payload_too_large', `The file is over ${Math.round(maxBytes / 1024 / 1024)} MB, the most one import takes.`);
}

// How the creatives' lower layers refuse a file: a named error carrying the API's error code,
// which the routes turn into an HTTP error (only routes make those).
import type { ErrorCode } from '../errors.js';

export type CreativeErrorCode = Extract<ErrorCode, 'invalid_field' | 'invalid_media' | 'payload_too_large' | 'unsupported_media_type'>;

export class CreativeError extends Error {
  constructor(
    readonly code: CreativeErrorCode,
    message: string,
    /** The form field or request field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CreativeError';
  }
}

export function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

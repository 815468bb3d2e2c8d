// New or returning, from the visitor id alone: the snippet's ids are UUIDv7s
// (client/snippet/storage.ts), whose first 48 bits are the milliseconds they were made at. A
// visitor whose id is younger than a visit when first exposed is new; older is returning.
import type { Visit } from './vocabulary.js';

/** A visit, as analytics tools count one: 30 minutes. */
export const NEW_VISITOR_MS = 30 * 60 * 1000;

/** 32 hex digits, version 7, variant 10xx; the dashed display form is accepted too. */
const UUID_V7 = /^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$/i;

/** When the id was made (epoch ms), or null for an id that is not a UUIDv7. */
export function uuidV7Time(visitorId: string): number | null {
  const hex = visitorId.length === 36 ? visitorId.replace(/-/g, '') : visitorId;
  if (!UUID_V7.test(hex)) return null;
  return parseInt(hex.slice(0, 12), 16);
}

export function visitOf(visitorId: string, firstExposureAt: number): Visit | null {
  const made = uuidV7Time(visitorId);
  if (made === null) return null;
  return firstExposureAt - made < NEW_VISITOR_MS ? 'new' : 'returning';
}

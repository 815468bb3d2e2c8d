// A fact's segment cell, fixed by its first exposure: device and source from that exposure's
// props when they are in the closed sets (anything else leaves that dimension unknown; it is not
// an error), visit from the visitor id. Pure, so the writer and `verify` agree.
import { encodeCell } from './cell.js';
import { visitOf } from './visit.js';
import { EXPOSURE_PROP_DIMENSIONS, isLevelOf } from './vocabulary.js';

/** `props` is the stored JSON text of the exposure's props, or null. */
export function exposureCell(visitorId: string, firstExposureAt: number, props: string | null | undefined): string {
  const levels: Record<string, string> = {};
  const parsed = parseProps(props);
  for (const dimension of EXPOSURE_PROP_DIMENSIONS) {
    const level = parsed?.[dimension];
    if (isLevelOf(dimension, level)) levels[dimension] = level as string;
  }
  const visit = visitOf(visitorId, firstExposureAt);
  if (visit) levels.visit = visit;
  return encodeCell(levels);
}

function parseProps(props: string | null | undefined): Record<string, unknown> | null {
  if (!props) return null;
  try {
    const value: unknown = JSON.parse(props);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    // Stored props passed the parser's rules; text that is not JSON simply has no levels.
    return null;
  }
}

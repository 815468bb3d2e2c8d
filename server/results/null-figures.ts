// The statistics answer NaN (or ±Infinity) for a figure they cannot compute; JSON has neither, and
// the results document declares such a figure as null. One explicit pass makes the document what
// its type says, instead of leaving it to JSON.stringify and a guard in every reader.
import type { BuiltResults } from './document-schema.js';

/**
 * The same document with every non-finite number replaced by null. The builders' figures are typed
 * number and may be NaN; the schema declares which may be null, and tests/results parse the output
 * with the schema itself, so a figure declared always-present that can be missing fails there.
 */
export function withNullFigures<T extends BuiltResults>(document: T): T {
  return replaceNonFinite(document) as T;
}

function replaceNonFinite(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(replaceNonFinite);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = replaceNonFinite(entry);
    return out;
  }
  return value;
}

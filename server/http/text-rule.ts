// The one rule for text that comes from outside: no U+0000 (PostgreSQL text cannot hold it and
// the statement fails) and no lone surrogate (SQLite reads one back as three U+FFFD, PostgreSQL
// as one, so the dialects would disagree). Bodies, paths, queries, events and CSV files use it.

const UNSTORABLE = /\u0000|\p{Cs}/u;

/** Whether a string can be stored and read back alike on every dialect. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

export const UNSTORABLE_MESSAGE = 'must not hold a NUL character (U+0000) or an unpaired surrogate';

/**
 * The path (as zod gives it) of the first string in a JSON value that breaks the rule, keys
 * included (a bad key is named by its JSON escape), or null when there is none.
 */
export function findUnstorableText(value: unknown, path: Array<string | number> = []): Array<string | number> | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnstorableText(value[index], [...path, index]);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, JSON.stringify(key).slice(1, -1)];
    const found = findUnstorableText(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

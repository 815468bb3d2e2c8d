// What the snippet keeps in localStorage: the visitor id and the surveys already asked. A page
// where storage throws (blocked storage, a sandboxed frame, a full quota) still works for this
// page view: the values live in memory instead.

const memory: Record<string, string | null> = {};

/** Reads a key, or writes it when a value is given (null removes it). */
function stored(key: string, value?: string | null): string | null | undefined {
  try {
    // Reading the property itself throws where storage is blocked.
    const storage = localStorage;
    if (value === undefined) return storage.getItem(key);
    value === null ? storage.removeItem(key) : storage.setItem(key, value);
  } catch {
    return value === undefined ? memory[key] : (memory[key] = value);
  }
}

/** About 52 random bits in base 36: unique enough next to a millisecond time or a second draw. */
export function randomPart(): string {
  return Math.random().toString(36).slice(2);
}

/** A random UUID (secure pages have randomUUID; plain http ones get two random parts). */
export function visitorId(): string {
  const id = stored('candor_vid') || crypto.randomUUID?.() || randomPart() + randomPart();
  stored('candor_vid', id);
  return id;
}

export function forgetVisitor(): void {
  stored('candor_vid', null);
}

/** True the first time it is asked for a key, false ever after (per visitor, not per page). */
export function firstTime(key: string): boolean {
  const name = 'candor_s_' + key;
  if (stored(name)) return false;
  stored(name, '1');
  return true;
}

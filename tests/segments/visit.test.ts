// New or returning from the visitor id: a UUIDv7 as the snippet makes it tells when it was made.
import { describe, expect, it } from 'vitest';
import { NEW_VISITOR_MS, uuidV7Time, visitOf } from '../../server/segments/visit.js';
import { uuidV7 } from '../../client/snippet/storage.js';

/** An id as the snippet makes it, made at `at`. */
function idMadeAt(at: number): string {
  const realNow = Date.now;
  Date.now = () => at;
  try {
    return uuidV7();
  } finally {
    Date.now = realNow;
  }
}

describe('new or returning', () => {
  const exposure = Date.UTC(2026, 10, 20, 12);

  it('reads the time the snippet wrote into its id', () => {
    expect(uuidV7Time(idMadeAt(exposure - 1234))).toBe(exposure - 1234);
  });

  it('is new when the id was made less than 30 minutes before the first exposure, returning otherwise', () => {
    expect(visitOf(idMadeAt(exposure), exposure)).toBe('new');
    expect(visitOf(idMadeAt(exposure - NEW_VISITOR_MS + 1), exposure)).toBe('new');
    expect(visitOf(idMadeAt(exposure - NEW_VISITOR_MS), exposure)).toBe('returning');
    expect(visitOf(idMadeAt(exposure - 40 * 86_400_000), exposure)).toBe('returning');
    // A client clock ahead of the server's: made "after" the exposure, still new.
    expect(visitOf(idMadeAt(exposure + 60_000), exposure)).toBe('new');
  });

  it('takes the dashed form of the same id', () => {
    const id = idMadeAt(exposure - 3_600_000);
    const dashed = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    expect(visitOf(dashed, exposure)).toBe('returning');
  });

  it('knows nothing of an id that is not a UUIDv7', () => {
    for (const id of ['visitor-1', 'row-17', '0190f1a2b3c44d5e8f00112233445566', '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', '0190f1a2b3c47d5ecf00112233445566', '']) {
      expect(visitOf(id, exposure)).toBeNull();
    }
  });
});

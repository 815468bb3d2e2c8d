// The rate limiter's eviction at its bounds: it holds exactly maxKeys addresses, forgets one (the
// least recently seen) per new address past that, and a forgotten address starts again full.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../server/collect/rate-limit.js';

/** Empties a bucket of burst 1: the next take for the key is refused unless it was forgotten. */
const drained = (limiter: ReturnType<typeof createRateLimiter>, key: string) => expect(limiter.take(key), `first take for ${key}`).toBe(true);

describe('rate limiter eviction', () => {
  it('holds exactly maxKeys addresses: all of them stay limited until one more arrives', () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1, maxKeys: 5, now: () => 0 });
    const keys = ['a', 'b', 'c', 'd', 'e'];
    for (const key of keys) drained(limiter, key);
    // Each refused take counts as use, so the order of last use stays a, b, c, d, e.
    for (const key of keys) expect(limiter.take(key), key).toBe(false);
    drained(limiter, 'f'); // the sixth: forgets a, and only a
    for (const key of ['b', 'c', 'd', 'e', 'f']) expect(limiter.take(key), key).toBe(false);
    expect(limiter.take('a'), 'a, forgotten').toBe(true);
  });

  it('forgets one address per new one, oldest first, never two at once', () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1, maxKeys: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c']) drained(limiter, key);
    drained(limiter, 'x'); // forgets a; holds b, c, x
    drained(limiter, 'y'); // forgets b; holds c, x, y
    expect(limiter.take('c')).toBe(false);
    expect(limiter.take('x')).toBe(false);
    expect(limiter.take('y')).toBe(false);
  });

  it('gives a forgotten address a full burst, not what its old bucket held', () => {
    const clock = { now: 0 };
    const limiter = createRateLimiter({ perSecond: 1, burst: 3, maxKeys: 1, now: () => clock.now });
    while (limiter.take('a'));
    expect(limiter.take('b')).toBe(true); // forgets a
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, true, false]);
  });

  it('keeps a remembered address\'s refill: time away does not reset it past its burst', () => {
    const clock = { now: 0 };
    const limiter = createRateLimiter({ perSecond: 1, burst: 2, maxKeys: 2, now: () => clock.now });
    while (limiter.take('a'));
    clock.now += 1_500; // 1.5 tokens back
    expect(limiter.take('b')).toBe(true); // a stays: two keys fit
    expect([limiter.take('a'), limiter.take('a')]).toEqual([true, false]);
    clock.now += 60_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
  });
});

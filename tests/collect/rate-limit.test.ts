// The per-address token bucket: bounded in memory, and when full it forgets the addresses seen
// least recently, so a flood of new addresses cannot hand an abusive one a fresh bucket.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../server/collect/rate-limit.js';

describe('rate limiter', () => {
  it('allows a burst of four seconds\' worth, then refills with time', () => {
    const clock = { now: 0 };
    const limiter = createRateLimiter({ perSecond: 2, now: () => clock.now });
    const taken = Array.from({ length: 9 }, () => limiter.take('a'));
    expect(taken).toEqual([true, true, true, true, true, true, true, true, false]);
    clock.now += 500;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });

  it('keeps an abusive address limited while more new addresses arrive than it holds', () => {
    const limiter = createRateLimiter({ perSecond: 1, maxKeys: 100, now: () => 0 });
    while (limiter.take('abuser'));
    for (let i = 0; i < 1_000; i++) {
      expect(limiter.take(`10.0.${i >> 8}.${i & 255}`)).toBe(true);
      if (i % 10 === 0) expect(limiter.take('abuser'), `after ${i} other addresses`).toBe(false);
    }
  });

  it('keeps it limited at the real cap of 50,000 addresses too', () => {
    const limiter = createRateLimiter({ perSecond: 1, now: () => 0 });
    while (limiter.take('abuser'));
    let abuserPassed = 0;
    for (let i = 0; i < 60_000; i++) {
      limiter.take(`client-${i}`);
      if (i % 1_000 === 0 && limiter.take('abuser')) abuserPassed++;
    }
    expect(abuserPassed).toBe(0);
  });

  it('forgets the least recently seen address when full, not the others', () => {
    const limiter = createRateLimiter({ perSecond: 1, burst: 1, maxKeys: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c']) expect(limiter.take(key)).toBe(true);
    expect(limiter.take('a')).toBe(false); // a is now the most recent; b the least
    expect(limiter.take('d')).toBe(true); // evicts b
    expect(limiter.take('a')).toBe(false);
    expect(limiter.take('c')).toBe(false);
    expect(limiter.take('b')).toBe(true); // forgotten, so a fresh bucket (and c is evicted)
  });

  it('limits nothing at 0 a second', () => {
    const limiter = createRateLimiter({ perSecond: 0 });
    expect(Array.from({ length: 1000 }, () => limiter.take('a')).every(Boolean)).toBe(true);
  });
});

// A token bucket per client address, in memory only (addresses are never stored). Bounded:
// when too many addresses are tracked, the idle ones are forgotten.
export interface RateLimiter {
  /** Takes one token for this key; false when its bucket is empty. */
  take(key: string): boolean;
  /** Whole seconds until a token is back, for Retry-After. */
  readonly retryAfterSeconds: number;
}

export interface RateLimitOptions {
  perSecond: number;
  burst?: number;
  maxKeys?: number;
  now?: () => number;
}

export function createRateLimiter({ perSecond, burst = perSecond * 4, maxKeys = 50_000, now = Date.now }: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();

  function forgetIdle(at: number): void {
    // A bucket that has refilled is the same as no bucket at all.
    for (const [key, bucket] of buckets) if (bucket.tokens + ((at - bucket.at) / 1000) * perSecond >= burst) buckets.delete(key);
    if (buckets.size >= maxKeys) buckets.clear();
  }

  return {
    take(key) {
      if (perSecond <= 0) return true;
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) forgetIdle(at);
        bucket = { tokens: burst, at };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
      bucket.at = at;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    retryAfterSeconds: perSecond > 0 ? Math.max(1, Math.ceil(1 / perSecond)) : 0,
  };
}

// A token bucket per client address, in memory only (addresses are never stored). Bounded: when
// too many addresses are tracked, the one seen least recently is forgotten, so a flood of new
// addresses never resets the buckets of those still sending.
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
  // A Map iterates in insertion order; re-inserting a key on each request keeps it in order of
  // last use, so the first key is the least recently used one.
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    take(key) {
      if (perSecond <= 0) return true;
      const at = now();
      let bucket = buckets.get(key);
      if (bucket) {
        buckets.delete(key);
      } else {
        if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: burst, at };
      }
      buckets.set(key, bucket);
      bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
      bucket.at = at;
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    retryAfterSeconds: perSecond > 0 ? Math.max(1, Math.ceil(1 / perSecond)) : 0,
  };
}

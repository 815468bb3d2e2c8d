// Tests for server/assign/hash.ts: FNV-1a known values and GrowthBook hash v2 vectors.
import { describe, it, expect } from 'vitest';
import { fnv1a32, hashV2 } from '../../server/assign/index.js';

describe('fnv1a32', () => {
  it('returns the offset basis for the empty string', () => {
    expect(fnv1a32('')).toBe(2166136261);
  });

  it('matches the published FNV-1a value for "a"', () => {
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });

  it('returns an unsigned 32-bit integer', () => {
    for (const text of ['a', 'foobar', 'visitor-123', '\u00e9\u4e2d\ud83d\ude00']) {
      const h = fnv1a32(text);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });

  it('matches the published FNV-1a value for "foobar"', () => {
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-16 code units rather than UTF-8 bytes', () => {
    // "\u00e9" is one code unit (0xE9) but two UTF-8 bytes (C3 A9); hashing bytes
    // would split our buckets from GrowthBook's JS SDK for non-ASCII ids.
    expect(fnv1a32('\u00e9')).toBe(1812687940);
    expect(fnv1a32('\u00e9')).not.toBe(513665217);
    expect(fnv1a32('\ud83d\ude00')).toBe(3409036472);
  });
});

describe('hashV2', () => {
  // Vectors from GrowthBook's shared SDK spec: repository growthbook/growthbook,
  // file packages/sdk-js/test/cases.json, section "hash", version 2 rows.
  const specVectors: Array<[string, string, number]> = [
    ['seed', 'a', 0.0505],
    ['seed', 'b', 0.2696],
    ['foo', 'ab', 0.2575],
    ['foo', 'def', 0.2019],
    ['89123klj', '8952klfjas09ujkasdf', 0.124],
    ['90850943850283058242805', '123', 0.7516],
    ['()**(%$##$%#$#', '___)((*":&', 0.0128],
  ];

  it.each(specVectors)('matches GrowthBook for seed %j and id %j', (seed, id, expected) => {
    expect(hashV2(seed, id)).toBe(expected);
  });

  // Same file, "bucket" values that the "feature" and "stickyBucket" sections report
  // for hashVersion 2 rules; the seed is the rule's seed, or its key when no seed is set.
  const bucketVectors: Array<[string, string, number]> = [
    ['feature', '123', 0.5231],
    ['experiment', '1', 0.4413],
    ['holdout', '1', 0.8043],
    ['feature-exp', 'd123', 0.6468],
    ['feature-exp', 'i123', 0.9943],
  ];

  it.each(bucketVectors)('reproduces the bucket GrowthBook reports for seed %j and id %j', (seed, id, expected) => {
    expect(hashV2(seed, id)).toBe(expected);
  });

  it('returns a multiple of 1/10000 in [0, 1)', () => {
    for (let i = 0; i < 1000; i++) {
      const n = hashV2('seed', `visitor-${i}`);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(1);
      expect(Math.abs(n * 10000 - Math.round(n * 10000))).toBeLessThan(1e-6);
    }
  });

  it('gives the same value for the same seed and id on every call', () => {
    expect(hashV2('exp-1', 'visitor-42')).toBe(hashV2('exp-1', 'visitor-42'));
  });

  it('gives independent buckets under different seeds', () => {
    // If seeds did not decorrelate experiments, a visitor's bucket in one
    // experiment would predict their bucket in the next.
    let same = 0;
    for (let i = 0; i < 10000; i++) {
      const id = `visitor-${i}`;
      if (hashV2('exp-a', id) < 0.5 === hashV2('exp-b', id) < 0.5) same++;
    }
    expect(same / 10000).toBeGreaterThan(0.48);
    expect(same / 10000).toBeLessThan(0.52);
  });
});

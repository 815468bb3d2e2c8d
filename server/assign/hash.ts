// Visitor hashing: 32-bit FNV-1a and GrowthBook's hash version 2.
// Pure and dependency-free so the browser snippet can bundle this file as is.

// Hashes UTF-16 code units rather than UTF-8 bytes because GrowthBook's JS SDK
// does, and our buckets must agree with theirs for non-ASCII ids too.
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    // Math.imul keeps the multiply in 32 bits; a plain * would lose the low bits.
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

// Same formula as GrowthBook's hash v2, so their published vectors apply to us
// and an experiment moved between the two systems keeps its buckets.
export function hashV2(seed: string, id: string): number {
  return (fnv1a32(String(fnv1a32(seed + id))) % 10000) / 10000;
}

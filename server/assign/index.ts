// Public entry point of the visitor assignment module, shared by the server and
// the browser snippet.
export { fnv1a32, hashV2 } from './hash.js';
export { bucketRanges, chooseVariant, assignVariant } from './buckets.js';

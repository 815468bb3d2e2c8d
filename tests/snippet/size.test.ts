// The snippet's byte budget: /c.js is on every page view of every shop. At most 2,048 bytes
// gzip -9 (the limit); the extras, loaded on need, have a budget of their own.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultAssetsDir } from '../../server/assets.js';

function sizes(file: string) {
  const code = readFileSync(`${defaultAssetsDir()}/${file}`);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

describe('the snippet\'s size', () => {
  it('keeps /c.js within 2,048 bytes gzipped', () => {
    const { minified, gzipped } = sizes('c.js');
    console.log(`c.js: ${minified} bytes minified, ${gzipped} bytes gzip -9`);
    expect(gzipped).toBeLessThanOrEqual(2048);
  });

  // The extras grew with the shop's AJAX carts (Shopify's cart requests, WooCommerce's events, the
  // cart attribute): still loaded only where a survey, a video or a shop needs them.
  it('keeps /c-extras.js (survey card, video, shop forms and AJAX carts) within 2,048 bytes gzipped', () => {
    const { minified, gzipped } = sizes('c-extras.js');
    console.log(`c-extras.js: ${minified} bytes minified, ${gzipped} bytes gzip -9`);
    expect(gzipped).toBeLessThanOrEqual(2048);
  });

  it('bundles the server\'s own assignment code (the FNV-1a constants of hash v2 are in it)', () => {
    const code = readFileSync(`${defaultAssetsDir()}/c.js`, 'utf8');
    expect(code).toContain('16777619');
  });
});

// GET /c.js and /c-extras.js: the built files, compressed as the client accepts, cacheable, with
// an ETag per representation.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultAssetsDir } from '../../server/assets.js';
import { pickEncoding } from '../../server/http/static-asset.js';
import { buildTestApp } from '../helpers/app.js';
import { openTestDatabase } from '../helpers/databases.js';

describe('GET /c.js', () => {
  async function app(options: { assetsDir?: string } = {}) {
    const database = await openTestDatabase('sqlite');
    return { database, t: buildTestApp(database, options) };
  }

  it('serves the built snippet as JavaScript, brotli or gzip as accepted, with the same bytes inside', async () => {
    const { t, database } = await app();
    const built = readFileSync(`${defaultAssetsDir()}/c.js`);
    const plain = await t.app.request('/c.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(plain.headers.get('cache-control')).toMatch(/^public, max-age=300/);
    expect(Buffer.from(await plain.arrayBuffer())).toEqual(built);
    const gzip = await t.app.request('/c.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer()))).toEqual(built);
    const br = await t.app.request('/c.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer()))).toEqual(built);
    expect(new Set([plain, gzip, br].map((reply) => reply.headers.get('etag'))).size).toBe(3);
    await database.cleanup();
  });

  it('answers 304 to a matching If-None-Match, and serves the extras the same way', async () => {
    const { t, database } = await app();
    const first = await t.app.request('/c-extras.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(first.status).toBe(200);
    const again = await t.app.request('/c-extras.js', { headers: { 'accept-encoding': 'gzip', 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    await database.cleanup();
  });

  it('answers 503 unavailable, not a crash, when the snippet has not been built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'candor-assets-'));
    const { t, database } = await app({ assetsDir: empty });
    const reply = await t.app.request('/c.js');
    expect(reply.status).toBe(503);
    expect((await reply.json()).error.code).toBe('unavailable');
    await database.cleanup();
    rmSync(empty, { recursive: true });
  });

  it('picks brotli, then gzip, then none, honouring q=0', () => {
    expect(pickEncoding('gzip, br')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=0.0')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('deflate')).toBe('identity');
  });
});

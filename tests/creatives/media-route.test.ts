// GET /media/<sha256>.<ext>: served as video players need it (Range, including Safari's
// bytes=0-1 probe), cached for good, never sniffed, and nothing but stored creatives reachable.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { parseRange } from '../../server/creatives/range.js';
import { describeEachDialect } from '../helpers/databases.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { buildMediaApp, getMedia, uploadFile, type MediaWorld } from './helpers.js';

describe('parseRange', () => {
  const size = 1000;
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-1', { kind: 'partial', start: 0, end: 1 }],
    ['bytes=100-', { kind: 'partial', start: 100, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=-10', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=1000-1200', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=5-2', { kind: 'whole' }],
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['items=0-1', { kind: 'whole' }],
    ['bytes=-', { kind: 'whole' }],
    ['bytes=abc', { kind: 'whole' }],
  ])('answers %j for a 1000-byte file with %j', (header, answer) => {
    expect(parseRange(header, size)).toEqual(answer);
  });
});

describeEachDialect('the media route', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  async function storedVideo() {
    world = buildMediaApp(database());
    const bytes = mediaFile('video1.mp4');
    const reply = await uploadFile(world, bytes, 'clip.mp4', 'video/mp4');
    return { w: world, bytes, path: new URL(reply.body.url).pathname, sha256: reply.body.sha256 as string };
  }

  it('serves the whole file with its type, an ETag, immutable caching and nosniff', async () => {
    const { w, bytes, path, sha256 } = await storedVideo();
    const reply = await getMedia(w, path);
    expect(reply.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'content-length', 'etag', 'cache-control', 'accept-ranges', 'x-content-type-options'].map((name) => [name, reply.headers.get(name)]))).toEqual({
      'content-type': 'video/mp4',
      'content-length': String(bytes.length),
      etag: `"${sha256}"`,
      'cache-control': 'public, max-age=31536000, immutable',
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
    });
    expect(reply.bytes.equals(bytes)).toBe(true);
    expect((await getMedia(w, path, { 'if-none-match': `"${sha256}"` })).status).toBe(304);
  });

  it("answers Safari's bytes=0-1 probe, an open range and a suffix with 206 and the exact bytes", async () => {
    const { w, bytes, path } = await storedVideo();
    const probe = await getMedia(w, path, { range: 'bytes=0-1' });
    expect([probe.status, probe.headers.get('content-range'), probe.headers.get('content-length')]).toEqual([206, `bytes 0-1/${bytes.length}`, '2']);
    expect(probe.bytes.equals(bytes.subarray(0, 2))).toBe(true);
    const rest = await getMedia(w, path, { range: 'bytes=100-' });
    expect([rest.status, rest.headers.get('content-range')]).toEqual([206, `bytes 100-${bytes.length - 1}/${bytes.length}`]);
    expect(rest.bytes.equals(bytes.subarray(100))).toBe(true);
    const tail = await getMedia(w, path, { range: 'bytes=-500' });
    expect(tail.bytes.equals(bytes.subarray(bytes.length - 500))).toBe(true);
  });

  it('answers a range past the end with 416 and the size, and ignores a range for another version (If-Range)', async () => {
    const { w, bytes, path } = await storedVideo();
    const past = await getMedia(w, path, { range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect(JSON.parse(past.bytes.toString()).error.code).toBe('range_not_satisfiable');
    const stale = await getMedia(w, path, { range: 'bytes=0-1', 'if-range': '"another-version"' });
    expect([stale.status, stale.bytes.length]).toEqual([200, bytes.length]);
  });

  it('answers HEAD with the headers only', async () => {
    const { w, bytes, path } = await storedVideo();
    const response = await w.t.app.request(path, { method: 'HEAD', headers: { range: 'bytes=0-1' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-length')).toBe('2');
    expect(await response.text()).toBe('');
    expect(bytes.length).toBeGreaterThan(2);
  });

  it('answers 404 to every path that is not a stored creative: traversal, encoded or not, temp files, other names (400 with a NUL)', async () => {
    const { w, sha256 } = await storedVideo();
    // Files a traversal would aim at: next to the media folder, and in its temp folder.
    const secret = join(w.mediaDir, '..', `secret-${sha256.slice(0, 8)}.txt`);
    writeFileSync(secret, 'TOP-SECRET-BYTES');
    onTestFinished(() => rmSync(secret, { force: true }));
    mkdirSync(join(w.mediaDir, 'tmp'), { recursive: true });
    writeFileSync(join(w.mediaDir, 'tmp', `${sha256}.mp4`), 'HALF-AN-UPLOAD');
    const paths = [
      `/media/../secret-${sha256.slice(0, 8)}.txt`,
      `/media/..%2Fsecret-${sha256.slice(0, 8)}.txt`,
      `/media/%2e%2e%2fsecret-${sha256.slice(0, 8)}.txt`,
      `/media/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      '/media/..%2F..%2F..%2Fetc%2Fpasswd',
      '/media/..%252F..%252Fetc%252Fpasswd',
      '/media/%2Fetc%2Fpasswd',
      `/media/tmp/${sha256}.mp4`,
      `/media/tmp%2F${sha256}.mp4`,
      '/media/tmp',
      `/media/${sha256}.MP4`,
      `/media/${sha256}.txt`,
      `/media/${sha256}`,
      `/media/${'0'.repeat(64)}.mp4`,
      `/media/${sha256.slice(1)}.mp4`,
      '/media/',
    ];
    for (const path of paths) {
      const reply = await getMedia(w, path);
      expect(reply.status, path).toBe(404);
      expect(reply.bytes.toString(), path).not.toMatch(/TOP-SECRET-BYTES|HALF-AN-UPLOAD|root:/);
    }
    // A NUL never reaches the route: every path is held to the text rule first.
    const nul = await getMedia(w, `/media/${sha256}.mp4%00.jpg`);
    expect(nul.status).toBe(400);
    expect(nul.bytes.toString()).toContain('invalid_field');
  });
});

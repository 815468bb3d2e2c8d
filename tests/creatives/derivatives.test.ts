// The srcset copies made at upload: the standard widths never wider than the original, in AVIF,
// WebP and the original's own format, each stored and served by its own hash with long caching;
// an older creative gets them from `candor derivatives`. Resizing drops Content Credentials, so
// what the API and the visitor's pin say still comes from the original, which stays served.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, expect, it } from 'vitest';
import { NO_ARGS } from '../../server/cli/command.js';
import { COMMANDS } from '../../server/cli/commands.js';
import { loadConfig } from '../../server/config.js';
import { backfillDerivatives } from '../../server/creatives/backfill-derivatives.js';
import { derivativeWidths } from '../../server/creatives/derivatives.js';
import { describeEachDialect } from '../helpers/databases.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { buildMediaApp, getMedia, uploadFile, type MediaWorld } from './helpers.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const MIME = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' } as const;
const SHARP_FORMAT = { avif: 'heif', webp: 'webp', jpg: 'jpeg', png: 'png' } as const;

interface Copy {
  width: number;
  height: number;
  ext: keyof typeof MIME;
  sha256: string;
  bytes: number;
}

it('never makes a copy wider than the original: its own width instead, once', () => {
  expect(derivativeWidths(2048)).toEqual([480, 960, 1440, 2048]);
  expect(derivativeWidths(3000)).toEqual([480, 960, 1440, 2048]);
  expect(derivativeWidths(1000)).toEqual([480, 960, 1000]);
  expect(derivativeWidths(300)).toEqual([300]);
});

describeEachDialect('image derivatives', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  it('makes 480, 960, 1440 and 2048 px copies of a 2,048 px JPEG in AVIF, WebP and JPEG, each stored under its own hash and served for good', async () => {
    const w = (world = buildMediaApp(database()));
    const original = mediaFile('C.jpg');
    const reply = await uploadFile(w, original, 'C.jpg', 'image/jpeg');
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const copies = reply.body.derivatives as Copy[];
    expect(copies.map((copy) => `${copy.width}x${copy.height} ${copy.ext}`)).toEqual(
      ['480x320', '960x640', '1440x960', '2048x1365'].flatMap((size) => ['avif', 'webp', 'jpg'].map((ext) => `${size} ${ext}`)),
    );
    for (const copy of copies) {
      const served = await getMedia(w, `/media/${copy.sha256}.${copy.ext}`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe(MIME[copy.ext]);
      expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(sha256(served.bytes)).toBe(copy.sha256);
      expect(served.bytes.length).toBe(copy.bytes);
      const meta = await sharp(served.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([SHARP_FORMAT[copy.ext], copy.width, copy.height]);
      // Smaller than the original, every one of them.
      expect(copy.bytes).toBeLessThan(original.length);
    }
    // The original stays where it was, byte for byte.
    const kept = await getMedia(w, new URL(reply.body.url).pathname);
    expect(kept.bytes.equals(original)).toBe(true);
  });

  it('never upscales: a 700 px PNG gets 480 px and 700 px copies, in AVIF, WebP and PNG', async () => {
    const w = (world = buildMediaApp(database()));
    const png = await sharp({ create: { width: 700, height: 350, channels: 3, background: { r: 200, g: 120, b: 40 } } }).png().toBuffer();
    const reply = await uploadFile(w, png, 'banner.png', 'image/png');
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect((reply.body.derivatives as Copy[]).map((copy) => `${copy.width}x${copy.height} ${copy.ext}`)).toEqual([
      '480x240 avif', '480x240 webp', '480x240 png', '700x350 avif', '700x350 webp', '700x350 png',
    ]);
  });

  it('keeps the Content Credentials of the original: the same summary and provenance as the file uploaded says', async () => {
    const w = (world = buildMediaApp(database()));
    const reply = await uploadFile(w, mediaFile('C.jpg'), 'C.jpg', 'image/jpeg');
    expect(reply.body.provenance).toMatchObject({ source: 'c2pa', manifest: true, claimGenerator: 'make_test_images/0.33.1 c2pa-rs/0.33.1' });
    expect(reply.body.provenanceSummary).toMatch(/^Content Credentials: .*signed by C2PA Test Signing Cert/);
    // The copies themselves carry no manifest: that is why the summary must come from the original.
    const webp = (reply.body.derivatives as Copy[]).find((copy) => copy.ext === 'webp')!;
    const copyBytes = (await getMedia(w, `/media/${webp.sha256}.webp`)).bytes;
    expect(copyBytes.includes(Buffer.from('c2pa'))).toBe(false);
  });

  it('gives a creative from before version 8 its copies with `candor derivatives`, and leaves the others alone', async () => {
    const w = (world = buildMediaApp(database()));
    const { db } = database();
    const reply = await uploadFile(w, mediaFile('no_manifest.jpg'), 'old.jpg', 'image/jpeg');
    await db.updateTable('creatives').set({ derivatives: null }).execute();
    expect((await w.t.call('GET', `/api/creatives/${reply.body.id}`)).body.derivatives).toBeNull();
    expect(await backfillDerivatives(db, w.mediaDir)).toEqual({ filled: 1, files: 12, withoutPicture: 0 });
    const after = (await w.t.call('GET', `/api/creatives/${reply.body.id}`)).body;
    // The same bytes make the same files, by hash.
    expect(after.derivatives).toEqual(reply.body.derivatives);
    expect(await backfillDerivatives(db, w.mediaDir)).toEqual({ filled: 0, files: 0, withoutPicture: 0 });
  });

  it('runs as `npm run candor -- derivatives`, saying what it made', async () => {
    const w = (world = buildMediaApp(database()));
    const { db, dialect } = database();
    await uploadFile(w, mediaFile('no_manifest.jpg'), 'old.jpg', 'image/jpeg');
    await db.updateTable('creatives').set({ derivatives: null }).execute();
    const lines: string[] = [];
    const run = (config = loadConfig({ CANDOR_MEDIA_DIR: w.mediaDir })) => COMMANDS.derivatives!.run({ db, dialect, config, out: (line) => lines.push(line), now: Date.now }, NO_ARGS);
    await run();
    await run();
    expect(lines).toEqual(['Made 12 derivative files for 1 creative.', 'Every creative already has its derivatives.']);
  });
});

// A video's poster frame: made by ffmpeg where it is installed and stored by its hash like any
// upload; where it is not, the video is taken all the same, without a poster.
import { spawnSync } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { bufferSource } from '../../server/creatives/byte-source.js';
import { FORMATS } from '../../server/creatives/formats.js';
import { inspectSource } from '../../server/creatives/inspect.js';
import { describeEachDialect } from '../helpers/databases.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { buildMediaApp, getMedia, uploadFile, type MediaWorld } from './helpers.js';

const HAS_FFMPEG = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
if (!HAS_FFMPEG) console.warn('\n!!! ffmpeg is not installed: the poster-frame test is SKIPPED (apt-get install ffmpeg). !!!\n');

describeEachDialect('video posters', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  it.skipIf(!HAS_FFMPEG)("makes the first frame a JPEG poster with ffmpeg, stored and served by its own hash", async () => {
    world = buildMediaApp(database(), { env: { CANDOR_FFMPEG: 'ffmpeg' } });
    const reply = await uploadFile(world, mediaFile('video1.mp4'), 'clip.mp4', 'video/mp4');
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.posterUrl).toMatch(/^http:\/\/127\.0\.0\.1:8787\/media\/[0-9a-f]{64}\.jpg$/);
    const poster = await getMedia(world, new URL(reply.body.posterUrl).pathname);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect(await inspectSource(FORMATS.jpg, bufferSource(poster.bytes))).toEqual({ facts: { width: 720, height: 1280, durationMs: null } });
    // The poster's srcset copies, like an image's: never wider than its 720 px.
    expect(reply.body.derivatives.map((copy: { width: number; ext: string }) => `${copy.width} ${copy.ext}`)).toEqual(['480 avif', '480 webp', '480 jpg', '720 avif', '720 webp', '720 jpg']);
    expect(world.storedFiles()).toHaveLength(2 + 6);
  });

  it('takes the video without a poster where ffmpeg is not installed', async () => {
    world = buildMediaApp(database(), { env: { CANDOR_FFMPEG: '/nonexistent/bin/ffmpeg' } });
    const reply = await uploadFile(world, mediaFile('video1.mp4'), 'clip.mp4', 'video/mp4');
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.posterUrl).toBeNull();
    expect(world.storedFiles()).toEqual([`${reply.body.sha256}.mp4`]);
  });
});

// Types from magic bytes and sizes from headers, for each format Candor takes, on the smallest
// files that follow each format's specification (built here byte by byte), whole and cut off.
import { afterEach, describe, expect, it } from 'vitest';
import { bufferSource } from '../../server/creatives/byte-source.js';
import { FORMATS } from '../../server/creatives/formats.js';
import { inspectSource } from '../../server/creatives/inspect.js';
import { describeUnknown, sniffFormat } from '../../server/creatives/sniff.js';
import { describeEachDialect } from '../helpers/databases.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { buildMediaApp, uploadFile, type MediaWorld } from './helpers.js';
import { makePng } from './sign-c2pa.js';

const bytes = (...parts: Array<number[] | string | Uint8Array>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const box = (type: string, ...content: Array<number[] | string | Uint8Array>) => {
  const body = bytes(...content);
  return bytes(u32be(8 + body.length), type, body);
};
// EBML: an id as written, a size with its length marker (one byte below 127, else eight).
const ebml = (id: number[], ...content: Uint8Array[]) => {
  const body = Buffer.concat(content);
  const size = body.length < 127 ? [0x80 | body.length] : [0x01, 0, 0, 0, ...u32be(body.length)];
  return bytes(id, size, body);
};
const uint = (id: number[], value: number) => ebml(id, Buffer.from(value < 256 ? [value] : [value >> 8, value & 255]));

function riff(chunk: string, data: number[], declaredExtra = 0) {
  const payload = bytes('WEBP', chunk, u32le(data.length), data);
  return bytes('RIFF', u32le(payload.length + declaredExtra), payload);
}

function avif(width: number, height: number, rotation?: number) {
  const ispe = box('ispe', [0, 0, 0, 0], u32be(width), u32be(height));
  const thumbnail = box('ispe', [0, 0, 0, 0], u32be(160), u32be(90));
  const irot = rotation === undefined ? new Uint8Array(0) : box('irot', [rotation]);
  const meta = box('meta', [0, 0, 0, 0], box('hdlr', [0, 0, 0, 0, 0, 0, 0, 0], 'pict', new Uint8Array(12)), box('iprp', box('ipco', thumbnail, ispe, irot)));
  return bytes(box('ftyp', 'avif', [0, 0, 0, 0], 'avifmif1miaf'), meta, box('mdat', new Uint8Array(64)));
}

function webm(width: number, height: number, segmentExtra = 0) {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], uint([0x42, 0x86], 1), ebml([0x42, 0x82], Buffer.from('webm')));
  const duration = Buffer.alloc(8);
  duration.writeDoubleBE(2500);
  const info = ebml([0x15, 0x49, 0xa9, 0x66], ebml([0x2a, 0xd7, 0xb1], Buffer.from([0x0f, 0x42, 0x40])), ebml([0x44, 0x89], duration));
  const video = ebml([0xe0], uint([0xb0], width), uint([0xba], height));
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], ebml([0xae], uint([0xd7], 1), uint([0x83], 1), ebml([0x86], Buffer.from('V_VP9')), video));
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], uint([0xe7], 0), ebml([0xa3], Buffer.alloc(32, 7)));
  const segmentBody = Buffer.concat([info, tracks, cluster]);
  const segment = bytes([0x18, 0x53, 0x80, 0x67], [0x01, 0, 0, 0], u32be(segmentBody.length + segmentExtra), segmentBody);
  return bytes(header, segment);
}

function jpeg(width: number, height: number, orientation: number) {
  const ifd = bytes('MM', [0, 42], u32be(8), [0, 1], [0x01, 0x12, 0, 3], u32be(1), [0, orientation, 0, 0], u32be(0));
  const app1 = bytes('Exif\0\0', ifd);
  const segment = (marker: number, data: Uint8Array) => bytes([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 255], data);
  const sof = bytes([8], [height >> 8, height & 255, width >> 8, width & 255], [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  const sos = bytes([3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);
  return bytes([0xff, 0xd8], segment(0xe1, app1), segment(0xc0, sof), segment(0xda, sos), Buffer.alloc(200, 0x55), [0xff, 0xd9]);
}

describe('sniffFormat', () => {
  it.each([
    ['a JPEG', mediaFile('C.jpg'), 'jpg'],
    ['a PNG', makePng(4, 4), 'png'],
    ['a WebP', riff('VP8X', [0, 0, 0, 0, 99, 0, 0, 49, 0, 0]), 'webp'],
    ['an AVIF', avif(10, 10), 'avif'],
    ['an MP4', mediaFile('video1.mp4'), 'mp4'],
    ['a WebM', webm(640, 360), 'webm'],
  ])('knows %s by its first bytes', (_, file, ext) => {
    expect(sniffFormat(file.subarray(0, 4096))?.ext).toBe(ext);
  });

  it.each([
    ['an HTML page', '<!doctype html><html><script>alert(1)</script>', /HTML page/],
    ['an SVG drawing', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', /SVG drawing/],
    ['a PDF', '%PDF-1.7\n', /PDF/],
    ['a QuickTime movie', bytes(box('ftyp', 'qt  ', [0, 0, 0, 0], 'qt  ')), /QuickTime/],
    ['a HEIC photo', bytes(box('ftyp', 'heic', [0, 0, 0, 0], 'mif1heic')), /HEIC/],
    ['a Matroska film', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x8b, 0x42, 0x82, 0x88], 'matroska'), /Matroska/],
    ['random bytes', Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]), /not a format/],
  ])('refuses %s, and names what it is', (_, file, words) => {
    const head = typeof file === 'string' ? Buffer.from(file) : file;
    expect(sniffFormat(head)).toBeNull();
    expect(describeUnknown(head)).toMatch(words);
  });
});

describe('inspectSource', () => {
  const inspect = (ext: keyof typeof FORMATS, file: Uint8Array) => inspectSource(FORMATS[ext], bufferSource(file));

  it.each([
    ['a PNG (IHDR)', 'png', makePng(33, 21), 33, 21],
    ['a WebP with a VP8X header', 'webp', riff('VP8X', [0x10, 0, 0, 0, 0x7f, 0x07, 0, 0x37, 0x04, 0]), 1920, 1080],
    ['a lossless WebP (VP8L)', 'webp', riff('VP8L', [0x2f, ...u32le(1199 | (799 << 14)), 0, 0, 0, 0, 0]), 1200, 800],
    ['a lossy WebP (VP8)', 'webp', riff('VP8 ', [0x50, 0x01, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]), 640, 480],
    ['an AVIF (the largest ispe)', 'avif', avif(3000, 2000), 3000, 2000],
    ['an AVIF turned a quarter (irot)', 'avif', avif(3000, 2000, 1), 2000, 3000],
    ['a JPEG as taken', 'jpg', jpeg(4000, 3000, 1), 4000, 3000],
    ['a JPEG whose EXIF turns it upright (orientation 6)', 'jpg', jpeg(4000, 3000, 6), 3000, 4000],
  ])('reads the size of %s', async (_, ext, file, width, height) => {
    expect(await inspect(ext as keyof typeof FORMATS, file)).toEqual({ facts: { width, height, durationMs: null } });
  });

  it('reads a WebM video track size and its duration (Info, in TimecodeScale units)', async () => {
    expect(await inspect('webm', webm(1280, 720))).toEqual({ facts: { width: 1280, height: 720, durationMs: 2500 } });
  });

  it.each([
    ['a PNG without its IEND', 'png', makePng(33, 21).subarray(0, -12), /cut off/],
    ['a WebP shorter than its RIFF size', 'webp', riff('VP8X', [0, 0, 0, 0, 99, 0, 0, 49, 0, 0], 500), /cut off/],
    ['an AVIF whose mdat runs past the end', 'avif', avif(10, 10).subarray(0, -10), /runs past the end/],
    ['a JPEG without its end marker', 'jpg', jpeg(400, 300, 1).subarray(0, -2), /cut off/],
    ['a WebM shorter than its Segment', 'webm', webm(640, 360, 1000), /short of its Segment/],
    ['an MP4 without its index', 'mp4', bytes(box('ftyp', 'isom', [0, 0, 0, 0], 'isom'), box('mdat', new Uint8Array(100))), /no index/],
    ['an MP4 whose header points outside the file', 'mp4', bytes(box('ftyp', 'isom', [0, 0, 0, 0], 'isom'), [0, 0, 0, 1], 'mdat', [0, 0, 0, 0, 0, 0, 0, 4]), /structure breaks|past the end/],
  ])('says what is wrong with %s', async (_, ext, file, problem) => {
    const result = await inspect(ext as keyof typeof FORMATS, file);
    expect('problem' in result && result.problem).toMatch(problem);
  });
});

describeEachDialect('uploading a WebM', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  it('stores it as video/webm with its size and length, and no Content Credentials (C2PA has no WebM binding)', async () => {
    world = buildMediaApp(database());
    const reply = await uploadFile(world, webm(854, 480), 'clip.webm', 'video/webm');
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ kind: 'video', mime: 'video/webm', ext: 'webm', width: 854, height: 480, durationMs: 2500, provenance: { source: 'none', manifest: false } });
  });
});

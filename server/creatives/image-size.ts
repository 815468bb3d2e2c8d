// An image's size from its headers, as a browser shows it: JPEG's SOF (turned by its EXIF
// orientation), PNG's IHDR, WebP's VP8/VP8L/VP8X, AVIF's ispe (turned by irot). Each reader also
// checks the file is whole: a JPEG reaches its end marker, a PNG its IEND, a RIFF or box its size.
import type { ByteSource } from './byte-source.js';
import { exifTurnsSideways } from './exif.js';
import type { Format } from './formats.js';
import { childBoxes, findBox, topLevelBoxes, u32 } from './iso-boxes.js';
import type { Inspection } from './inspect.js';

const CUT_OFF = 'it stops before its picture ends (was the upload cut off?)';

export function readImageFacts(format: Format, source: ByteSource): Promise<Inspection> {
  switch (format.ext) {
    case 'jpg':
      return readJpeg(source);
    case 'png':
      return readPng(source);
    case 'webp':
      return readWebp(source);
    default:
      return readAvif(source);
  }
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
const u16le = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const u24le = (bytes: Uint8Array, at: number) => u16le(bytes, at) | (bytes[at + 2]! << 16);
const isSof = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
const sized = (width: number, height: number, turned = false): Inspection =>
  width > 0 && height > 0 ? { facts: turned ? { width: height, height: width, durationMs: null } : { width, height, durationMs: null } } : { problem: 'its header gives no picture size' };

async function readJpeg(source: ByteSource): Promise<Inspection> {
  let at = 2;
  let size: { width: number; height: number } | null = null;
  let sideways = false;
  for (;;) {
    const head = await source.read(at, 4);
    if (head.length < 4) return { problem: CUT_OFF };
    if (head[0] !== 0xff) return { problem: `its segments break at byte ${at}` };
    const marker = head[1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) return { problem: 'it ends before any picture data' };
    const length = u16(head, 2);
    if (marker === 0xda) break;
    if (isSof(marker)) {
      const sof = await source.read(at + 4, 5);
      size = { height: u16(sof, 1), width: u16(sof, 3) };
    } else if (marker === 0xe1 && length > 8) {
      sideways ||= exifTurnsSideways(await source.read(at + 4, Math.min(length - 2, 64 * 1024)));
    }
    at += 2 + length;
    if (at > source.size) return { problem: CUT_OFF };
  }
  if (!size) return { problem: 'it has no frame header (SOF) before its picture data' };
  const tailLength = Math.min(source.size - at, 64 * 1024);
  const tail = Buffer.from(await source.read(source.size - tailLength, tailLength));
  if (tail.lastIndexOf(Buffer.from([0xff, 0xd9])) === -1) return { problem: CUT_OFF };
  return sized(size.width, size.height, sideways);
}

async function readPng(source: ByteSource): Promise<Inspection> {
  let at = 8;
  let size: Inspection | null = null;
  for (let chunks = 0; chunks < 1_000_000; chunks++) {
    const head = await source.read(at, 16);
    if (head.length < 8) return { problem: CUT_OFF };
    const length = u32(head, 0);
    const type = Buffer.from(head.subarray(4, 8)).toString('latin1');
    if (chunks === 0) {
      if (type !== 'IHDR' || head.length < 16) return { problem: 'it does not start with its header (IHDR)' };
      size = sized(u32(head, 8), u32(head, 12));
    }
    at += 12 + length;
    if (at > source.size) return { problem: CUT_OFF };
    if (type === 'IEND') return size!;
  }
  return { problem: 'it has too many chunks' };
}

async function readWebp(source: ByteSource): Promise<Inspection> {
  const head = await source.read(0, 30);
  if (head.length < 30) return { problem: CUT_OFF };
  const total = (u16le(head, 4) | (u16le(head, 6) << 16)) >>> 0;
  if (total + 8 > source.size) return { problem: CUT_OFF };
  const chunk = Buffer.from(head.subarray(12, 16)).toString('latin1');
  const data = 20;
  if (chunk === 'VP8X') return sized(u24le(head, data + 4) + 1, u24le(head, data + 7) + 1);
  if (chunk === 'VP8L') {
    if (head[data] !== 0x2f) return { problem: 'its lossless header is broken' };
    const bits = (u16le(head, data + 1) | (u16le(head, data + 3) << 16)) >>> 0;
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ') {
    if (head[data + 3] !== 0x9d || head[data + 4] !== 0x01 || head[data + 5] !== 0x2a) return { problem: 'its frame header is broken' };
    return sized(u16le(head, data + 6) & 0x3fff, u16le(head, data + 8) & 0x3fff);
  }
  return { problem: `its first chunk "${chunk}" is not a picture` };
}

async function readAvif(source: ByteSource): Promise<Inspection> {
  const top = await topLevelBoxes(source);
  if ('problem' in top) return top;
  const meta = top.boxes.find((box) => box.type === 'meta');
  if (!meta || meta.end - meta.offset > 16 * 1024 * 1024) return { problem: 'it has no readable item list (meta box)' };
  const bytes = await source.read(meta.offset, meta.end - meta.offset);
  const root = { start: meta.start - meta.offset, end: bytes.length };
  const ipco = findBox(bytes, root, ['iprp', 'ipco'], 4);
  if (!ipco) return { problem: 'it has no item properties (ipco)' };
  let width = 0;
  let height = 0;
  let sideways = false;
  // The largest extent is the primary picture's; thumbnails and alpha planes are no larger.
  for (const property of childBoxes(bytes, ipco.start, ipco.end)) {
    if (property.type === 'ispe' && property.end - property.start >= 12) {
      const [w, h] = [u32(bytes, property.start + 4), u32(bytes, property.start + 8)];
      if (w * h > width * height) [width, height] = [w, h];
    }
    if (property.type === 'irot') sideways = ((bytes[property.start] ?? 0) & 1) === 1;
  }
  const hasData = top.boxes.some((box) => box.type === 'mdat') || findBox(bytes, root, ['idat'], 4) !== null;
  if (!hasData) return { problem: 'it has no picture data (mdat)' };
  return sized(width, height, sideways);
}

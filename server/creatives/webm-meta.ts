// A WebM's facts from the elements before its first frames: Segment/Info (TimecodeScale,
// Duration) and Tracks (the video track's display or pixel size). A Segment of known size
// that runs past the end of the file was cut off; a live recording's unknown size cannot tell.
import type { ByteSource } from './byte-source.js';
import { elements, readFloat, readUint, type Element } from './ebml.js';
import type { Inspection } from './inspect.js';

const ID = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackType: 0x83,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  displayWidth: 0x54b0,
  displayHeight: 0x54ba,
  displayUnit: 0x54b2,
  cluster: 0x1f43b675,
} as const;

/** Info and Tracks come first in every muxer's output; this is far more than they take. */
const HEAD_BYTES = 1024 * 1024;

function within(bytes: Uint8Array, parent: Element): Element[] {
  return parent.end === -1 || parent.end > bytes.length ? [] : [...elements(bytes, parent.start, parent.end)];
}

export async function readWebmFacts(source: ByteSource): Promise<Inspection> {
  const bytes = await source.read(0, HEAD_BYTES);
  const top = [...elements(bytes, 0, bytes.length)];
  const segment = top.find((element) => element.id === ID.segment);
  if (!segment) return { problem: 'it has no Segment: it is not a complete WebM' };
  if (segment.end !== -1 && segment.end > source.size) {
    return { problem: `it ends ${segment.end - source.size} bytes short of its Segment (was the upload cut off?)` };
  }
  const children = [...elements(bytes, segment.start, segment.end === -1 ? bytes.length : Math.min(segment.end, bytes.length))];
  const info = children.find((element) => element.id === ID.info);
  const tracks = children.find((element) => element.id === ID.tracks);
  if (!tracks) return { problem: 'it has no Tracks element in its first megabyte' };
  if (!children.some((element) => element.id === ID.cluster)) return { problem: 'it has no frames (no Cluster) after its tracks' };
  const size = videoSize(bytes, tracks);
  if (!size) return { problem: 'it has no video track with a picture size' };
  return { facts: { ...size, durationMs: info ? durationMs(bytes, info) : null } };
}

function durationMs(bytes: Uint8Array, info: Element): number | null {
  const fields = within(bytes, info);
  const scaleElement = fields.find((element) => element.id === ID.timecodeScale);
  const durationElement = fields.find((element) => element.id === ID.duration);
  const scale = scaleElement ? readUint(bytes, scaleElement) : 1_000_000;
  const duration = durationElement ? readFloat(bytes, durationElement) : null;
  if (duration === null || !(duration > 0)) return null;
  return Math.round((duration * scale) / 1e6);
}

function videoSize(bytes: Uint8Array, tracks: Element): { width: number; height: number } | null {
  for (const entry of within(bytes, tracks)) {
    if (entry.id !== ID.trackEntry) continue;
    const fields = within(bytes, entry);
    const type = fields.find((element) => element.id === ID.trackType);
    const video = fields.find((element) => element.id === ID.video);
    if (!type || readUint(bytes, type) !== 1 || !video) continue;
    const settings = within(bytes, video);
    const value = (id: number) => {
      const element = settings.find((candidate) => candidate.id === id);
      return element ? readUint(bytes, element) : 0;
    };
    // DisplayUnit 0 is pixels; other units (cm, inches, a ratio) only give the shape.
    const inPixels = value(ID.displayUnit) === 0;
    const width = (inPixels && value(ID.displayWidth)) || value(ID.pixelWidth);
    const height = (inPixels && value(ID.displayHeight)) || value(ID.pixelHeight);
    if (width && height) return { width, height };
  }
  return null;
}

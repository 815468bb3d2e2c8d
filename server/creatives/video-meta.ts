// An MP4's facts from its index (moov): the length from mvhd (or mehd when fragmented), the
// picture's size from the video track's tkhd, turned when its matrix rotates it a quarter turn
// (phones record portrait video that way). Refuses a file cut off or without a video track.
import type { ByteSource } from './byte-source.js';
import { childBoxes, findBox, i32, topLevelBoxes, u32, u64, type Box } from './iso-boxes.js';
import type { Inspection } from './inspect.js';

/** An index larger than this is not a campaign clip's (a 2-hour film's is a few MB). */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;

export async function readMp4Facts(source: ByteSource): Promise<Inspection> {
  const top = await topLevelBoxes(source);
  if ('problem' in top) return top;
  const moov = top.boxes.find((box) => box.type === 'moov');
  if (!moov) return { problem: 'it has no index (no "moov" box): it is not a complete MP4' };
  if (!top.boxes.some((box) => box.type === 'mdat')) return { problem: 'it has no media data (no "mdat" box)' };
  if (moov.end - moov.offset > MAX_MOOV_BYTES) return { problem: 'its index (moov) is over 64 MB' };
  const bytes = await source.read(moov.offset, moov.end - moov.offset);
  const root: Box = { type: 'moov', offset: 0, start: moov.start - moov.offset, end: bytes.length };

  const size = videoTrackSize(bytes, root);
  if (!size) return { problem: 'it has no video track with a picture size' };
  return { facts: { ...size, durationMs: durationMs(bytes, root) } };
}

function durationMs(bytes: Uint8Array, moov: Box): number | null {
  const mvhd = findBox(bytes, moov, ['mvhd']);
  if (!mvhd) return null;
  const version = bytes[mvhd.start];
  const [timescale, duration] =
    version === 1 ? [u32(bytes, mvhd.start + 20), u64(bytes, mvhd.start + 24)] : [u32(bytes, mvhd.start + 12), u32(bytes, mvhd.start + 16)];
  let units = duration;
  // A fragmented MP4 keeps its whole length in mvex/mehd and may say 0 here.
  if (units === 0 || units === 0xffffffff) {
    const mehd = findBox(bytes, moov, ['mvex', 'mehd']);
    units = mehd ? (bytes[mehd.start] === 1 ? u64(bytes, mehd.start + 4) : u32(bytes, mehd.start + 4)) : 0;
  }
  if (!timescale || !units) return null;
  return Math.round((units / timescale) * 1000);
}

function videoTrackSize(bytes: Uint8Array, moov: Box): { width: number; height: number } | null {
  for (const trak of childBoxes(bytes, moov.start, moov.end)) {
    if (trak.type !== 'trak') continue;
    const hdlr = findBox(bytes, trak, ['mdia', 'hdlr']);
    if (!hdlr || Buffer.from(bytes.subarray(hdlr.start + 8, hdlr.start + 12)).toString('latin1') !== 'vide') continue;
    const tkhd = findBox(bytes, trak, ['tkhd']);
    if (!tkhd) continue;
    // After version/flags, times, ids and durations (24 bytes, or 36 in version 1) come
    // reserved words, layer, group, volume (16 bytes), the 3×3 matrix (36) and the size.
    const base = tkhd.start + (bytes[tkhd.start] === 1 ? 36 : 24) + 16;
    if (base + 44 > tkhd.end) continue;
    let width = Math.round(u32(bytes, base + 36) / 65536);
    let height = Math.round(u32(bytes, base + 40) / 65536);
    if (!width || !height) continue;
    const [a, d] = [i32(bytes, base), i32(bytes, base + 16)];
    if (a === 0 && d === 0) [width, height] = [height, width];
    return { width, height };
  }
  return null;
}

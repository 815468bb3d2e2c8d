// Walking ISO base media boxes (MP4, AVIF): the top level straight from the file, checking that
// each box ends within it (a cut-off upload does not), and nested boxes in memory.
import type { ByteSource } from './byte-source.js';

export interface Box {
  type: string;
  /** Offset of the box itself, of its data (after the header), and of its end. */
  offset: number;
  start: number;
  end: number;
}

/** The box starting at `offset` of `bytes`, or null if its header is cut off or impossible. */
export function boxAt(bytes: Uint8Array, offset: number, limit: number): Box | null {
  if (offset + 8 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size = view.getUint32(offset);
  const type = Buffer.from(bytes.subarray(offset + 4, offset + 8)).toString('latin1');
  let header = 8;
  if (size === 1) {
    if (offset + 16 > bytes.length) return null;
    size = Number(view.getBigUint64(offset + 8));
    header = 16;
  } else if (size === 0) {
    size = limit - offset; // "to the end of the file"
  }
  if (size < header) return null;
  return { type, offset, start: offset + header, end: offset + size };
}

/** The boxes inside `start..end` of an in-memory block, stopping at one that does not fit. */
export function* childBoxes(bytes: Uint8Array, start: number, end: number): Generator<Box> {
  let at = start;
  while (at + 8 <= end) {
    const box = boxAt(bytes, at, end);
    if (!box || box.end > end) return;
    yield box;
    at = box.end;
  }
}

/** The box at the end of a path of first children, such as ['mdia', 'hdlr']; `skip` steps over a full box's version and flags. */
export function findBox(bytes: Uint8Array, parent: Pick<Box, 'start' | 'end'>, path: readonly string[], skip = 0): Box | null {
  let current: Pick<Box, 'start' | 'end'> = parent;
  let found: Box | null = null;
  for (const [depth, type] of path.entries()) {
    found = null;
    for (const box of childBoxes(bytes, current.start + (depth === 0 ? skip : 0), current.end)) {
      if (box.type === type) {
        found = box;
        break;
      }
    }
    if (!found) return null;
    current = found;
  }
  return found;
}

export type TopLevel = { boxes: Box[] } | { problem: string };

/** Every top-level box of the file; a problem when one runs past the end or cannot be read. */
export async function topLevelBoxes(source: ByteSource, maxBoxes = 10_000): Promise<TopLevel> {
  const boxes: Box[] = [];
  let at = 0;
  while (at < source.size) {
    if (boxes.length >= maxBoxes) return { problem: `it has more than ${maxBoxes} top-level boxes` };
    const head = await source.read(at, 16);
    const box = boxAt(head, 0, source.size - at);
    if (!box) return { problem: `its structure breaks at byte ${at}` };
    const placed = { type: box.type, offset: at, start: at + box.start, end: at + box.end };
    if (placed.end > source.size) {
      return { problem: `it ends ${placed.end - source.size} bytes short: the "${box.type}" box at byte ${at} runs past the end (was the upload cut off?)` };
    }
    boxes.push(placed);
    at = placed.end;
  }
  return { boxes };
}

export function u32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}

export function u64(bytes: Uint8Array, offset: number): number {
  return Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(offset));
}

export function i32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(offset);
}

// Reading EBML, the binary layout of WebM (and Matroska): variable-length ids and sizes, and
// the elements of a block of bytes. Pure; sniff.ts and webm-meta.ts build on it.

export interface Vint {
  value: number;
  length: number;
}

/**
 * A variable-length integer at `offset`: the count of leading zero bits of its first byte says
 * how many bytes follow. Ids keep their marker bit (0x1A45DFA3 is written as such); sizes drop it.
 * A size of all ones means "unknown" (a live stream's Segment) and comes back as -1.
 */
export function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): Vint | null {
  const first = bytes[offset];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (offset + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[offset + i]!;
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value: !keepMarker && allOnes ? -1 : value, length };
}

export interface Element {
  id: number;
  /** Where the element's data starts and ends; the end is past the bytes given when truncated, or -1 for "unknown". */
  start: number;
  end: number;
}

/** The elements that follow one another from `offset` to `end`, stopping at the first unreadable one. */
export function* elements(bytes: Uint8Array, offset: number, end: number): Generator<Element> {
  let at = offset;
  while (at < end) {
    const id = readVint(bytes, at, true);
    if (!id) return;
    const size = readVint(bytes, at + id.length, false);
    if (!size) return;
    const start = at + id.length + size.length;
    const elementEnd = size.value === -1 ? -1 : start + size.value;
    yield { id: id.value, start, end: elementEnd };
    if (elementEnd === -1) return;
    at = elementEnd;
  }
}

export function readUint(bytes: Uint8Array, element: Element): number {
  let value = 0;
  for (let i = element.start; i < element.end && i < bytes.length; i++) value = value * 256 + bytes[i]!;
  return value;
}

export function readFloat(bytes: Uint8Array, element: Element): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = element.end - element.start;
  if (element.end > bytes.length) return null;
  if (size === 4) return view.getFloat32(element.start);
  if (size === 8) return view.getFloat64(element.start);
  return null;
}

export function readString(bytes: Uint8Array, element: Element): string {
  return Buffer.from(bytes.subarray(element.start, Math.min(element.end, bytes.length))).toString('latin1').replace(/\0+$/, '');
}

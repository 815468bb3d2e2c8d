// HTTP Range requests (RFC 9110 §14) for one file of known size: what to send for a Range
// header. Video players depend on them: Safari probes with `bytes=0-1` before it plays. Pure.

export type RangeAnswer =
  /** No usable Range: send the whole file (200). Several ranges are answered this way too. */
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  /** 416, with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' };

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  // A syntax we do not take, another unit, or a list of ranges: the whole file is a valid answer.
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  const [first, last] = [match[1]!, match[2]!];
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** If-Range: the range applies only while the client's copy is this one (an ETag; a date is not ours). */
export function rangeStillApplies(ifRange: string | undefined, etag: string): boolean {
  return ifRange === undefined || ifRange.trim() === etag;
}

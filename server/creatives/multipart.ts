// A multipart/form-data body read as it arrives, part after part, each part's body a stream of
// its own: a 200 MB video goes to disk chunk by chunk and is never held whole. (Hono's
// parseBody and the Request's formData() buffer every file in memory.) RFC 7578 / RFC 2046.

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface Part {
  name: string;
  filename: string | null;
  contentType: string | null;
  /** Read it, or leave it: the next part drains what is left. */
  body: AsyncIterable<Uint8Array>;
}

export const MULTIPART_LIMITS = { parts: 16, headerBytes: 8 * 1024, preambleBytes: 64 * 1024 } as const;

/** The boundary from a Content-Type header, or null when it is not multipart/form-data. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2])! : null;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export async function* readMultipart(chunks: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<Part> {
  const iterator = chunks[Symbol.asyncIterator]();
  try {
    yield* readParts(iterator, boundary);
  } finally {
    // Stopped early (a refused file): the rest of the body is not wanted.
    await iterator.return?.();
  }
}

async function* readParts(iterator: AsyncIterator<Uint8Array>, boundary: string): AsyncGenerator<Part> {
  let buffer = Buffer.alloc(0);
  let ended = false;
  async function fill(): Promise<boolean> {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      return false;
    }
    buffer = buffer.length === 0 ? Buffer.from(next.value) : Buffer.concat([buffer, next.value]);
    return true;
  }
  async function find(needle: Buffer, within: number, what: string): Promise<number> {
    for (;;) {
      const at = buffer.indexOf(needle);
      if (at !== -1 && at <= within) return at;
      if (buffer.length > within + needle.length) throw new MultipartError(`${what} is over ${within} bytes.`);
      if (!(await fill())) throw new MultipartError(`The body ends inside ${what}: was the upload cut off?`);
    }
  }

  // The preamble, then the first boundary line (without the CRLF that comes before later ones).
  const opening = Buffer.from(`--${boundary}`);
  const openingAt = await find(opening, MULTIPART_LIMITS.preambleBytes, 'the part before the first boundary');
  buffer = buffer.subarray(openingAt + opening.length);
  const delimiter = Buffer.from(`\r\n--${boundary}`);

  for (let count = 0; ; count++) {
    while (buffer.length < 2 && (await fill()));
    if (buffer.subarray(0, 2).toString('latin1') === '--') return; // the closing boundary
    const lineEnd = await find(CRLF, 256, 'a boundary line');
    buffer = buffer.subarray(lineEnd + 2);
    if (count >= MULTIPART_LIMITS.parts) throw new MultipartError(`The form has more than ${MULTIPART_LIMITS.parts} parts.`);
    const headerEnd = await find(HEADER_END, MULTIPART_LIMITS.headerBytes, "a part's headers");
    const headers = parseHeaders(buffer.subarray(0, headerEnd).toString('utf8'));
    buffer = buffer.subarray(headerEnd + HEADER_END.length);

    let done = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      for (;;) {
        const at = buffer.indexOf(delimiter);
        if (at !== -1) {
          if (at > 0) yield buffer.subarray(0, at);
          buffer = buffer.subarray(at + delimiter.length);
          done = true;
          return;
        }
        // Keep back what could be the start of the delimiter, split across two chunks.
        const safe = buffer.length - (delimiter.length - 1);
        if (safe > 0) {
          const out = buffer.subarray(0, safe);
          buffer = buffer.subarray(safe);
          yield out;
        }
        if (!(await fill())) throw new MultipartError('The body ends inside a part, before its closing boundary: was the upload cut off?');
      }
    }
    const stream = body();
    yield { ...headers, body: stream };
    if (!done) for await (const _ of stream); // the caller skipped the rest of this part
  }
}

function parseHeaders(text: string): Omit<Part, 'body'> {
  let name: string | null = null;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-type') contentType = value;
    if (key !== 'content-disposition') continue;
    if (!/^form-data\b/i.test(value)) throw new MultipartError('A part is not form-data.');
    name = param(value, 'name');
    filename = param(value, 'filename');
  }
  if (name === null) throw new MultipartError('A part has no name (Content-Disposition: form-data; name="…").');
  return { name, filename, contentType };
}

function param(disposition: string, key: string): string | null {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(disposition);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!;
}

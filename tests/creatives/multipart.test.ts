// The streaming multipart parser: the same parts whichever byte the network splits the body at
// (a boundary, a CRLF, a header cut in two), and each cap refused with a MultipartError, which the
// upload route answers as 400 invalid_field on the file.
import { afterEach, describe, expect, it } from 'vitest';
import { MULTIPART_LIMITS, MultipartError, readMultipart } from '../../server/creatives/multipart.js';
import { describeEachDialect } from '../helpers/databases.js';
import { buildMediaApp, multipartBody, sendForm, type FormPart, type MediaWorld } from './helpers.js';

const BOUNDARY = '----CandorTestBoundary7MA4YWxkTrZu0gW';

interface ReadPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: string;
}

async function* chunksOf(pieces: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield piece;
}

async function readAll(pieces: Uint8Array[], boundary = BOUNDARY): Promise<ReadPart[]> {
  const parts: ReadPart[] = [];
  for await (const part of readMultipart(chunksOf(pieces), boundary)) {
    const bytes: Buffer[] = [];
    for await (const chunk of part.body) bytes.push(Buffer.from(chunk));
    parts.push({ name: part.name, filename: part.filename, contentType: part.contentType, data: Buffer.concat(bytes).toString('latin1') });
  }
  return parts;
}

function refusal(pieces: Uint8Array[]): Promise<unknown> {
  return readAll(pieces).then(
    () => new Error('the body was accepted'),
    (caught: unknown) => caught,
  );
}

// A file whose bytes look like the start of a delimiter more than once, and end with one cut short.
const TRICKY = `\r\n--${BOUNDARY.slice(0, 10)}x\r\n-\r\n--${BOUNDARY.slice(0, -1)}`;
const FORM: FormPart[] = [
  { name: 'note', data: 'hero clip' },
  { name: 'file', filename: 'clip.bin', type: 'application/octet-stream', data: Buffer.from(TRICKY, 'latin1') },
];
const EXPECTED: ReadPart[] = [
  { name: 'note', filename: null, contentType: null, data: 'hero clip' },
  { name: 'file', filename: 'clip.bin', contentType: 'application/octet-stream', data: TRICKY },
];

describe('readMultipart', () => {
  const { body } = multipartBody(FORM, BOUNDARY);

  it('reads the same parts wherever the body is split in two, at every byte position', async () => {
    for (let at = 0; at <= body.length; at++) {
      expect(await readAll([body.subarray(0, at), body.subarray(at)]), `split at byte ${at}`).toEqual(EXPECTED);
    }
  });

  it('reads the same parts from a body that arrives one byte at a time', async () => {
    expect(await readAll([...body].map((byte) => Uint8Array.of(byte)))).toEqual(EXPECTED);
  });

  it(`takes ${MULTIPART_LIMITS.parts} parts and refuses the ${MULTIPART_LIMITS.parts + 1}th`, async () => {
    const fields = (count: number) => Array.from({ length: count }, (_, i) => ({ name: `f${i}`, data: String(i) }));
    expect(await readAll([multipartBody(fields(MULTIPART_LIMITS.parts), BOUNDARY).body])).toHaveLength(MULTIPART_LIMITS.parts);
    const err = await refusal([multipartBody(fields(MULTIPART_LIMITS.parts + 1), BOUNDARY).body]);
    expect(err).toBeInstanceOf(MultipartError);
    expect((err as Error).message).toBe(`The form has more than ${MULTIPART_LIMITS.parts} parts.`);
  });

  it(`refuses a part whose headers pass ${MULTIPART_LIMITS.headerBytes} bytes, and takes one just under`, async () => {
    const withType = (length: number) => multipartBody([{ name: 'file', filename: 'a.bin', type: `x/${'y'.repeat(length)}`, data: 'z' }], BOUNDARY).body;
    // The headers are Content-Disposition, CRLF, "Content-Type: x/" and the padding.
    const fixed = 'Content-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: x/'.length;
    expect(await readAll([withType(MULTIPART_LIMITS.headerBytes - fixed)])).toHaveLength(1);
    const err = await refusal([withType(MULTIPART_LIMITS.headerBytes - fixed + 1)]);
    expect(err).toBeInstanceOf(MultipartError);
    expect((err as Error).message).toBe(`a part's headers is over ${MULTIPART_LIMITS.headerBytes} bytes.`);
  });

  it(`refuses a preamble over ${MULTIPART_LIMITS.preambleBytes} bytes before the first boundary`, async () => {
    const err = await refusal([Buffer.alloc(MULTIPART_LIMITS.preambleBytes + 1, 'p'), body]);
    expect(err).toBeInstanceOf(MultipartError);
    expect((err as Error).message).toBe(`the part before the first boundary is over ${MULTIPART_LIMITS.preambleBytes} bytes.`);
  });

  it('refuses a body cut off inside a part, at every byte position of its closing delimiter', async () => {
    const end = body.lastIndexOf(`\r\n--${BOUNDARY}--`);
    for (let at = end; at < end + BOUNDARY.length + 4; at++) {
      const err = await refusal([body.subarray(0, at)]);
      expect(err, `cut at byte ${at}`).toBeInstanceOf(MultipartError);
      expect((err as Error).message).toMatch(/cut off/);
    }
  });
});

describeEachDialect('the upload route on a form past the parser\'s caps', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  it.each([
    ['more parts than the cap', () => multipartBody(Array.from({ length: MULTIPART_LIMITS.parts + 1 }, (_, i) => ({ name: `f${i}`, data: 'x' }))), /more than 16 parts/],
    ['a part with headers over the cap', () => multipartBody([{ name: 'file', filename: 'a.jpg', type: `image/${'j'.repeat(MULTIPART_LIMITS.headerBytes)}`, data: 'z' }]), /headers is over 8192 bytes/],
  ])('refuses %s with 400 invalid_field on the file, storing nothing', async (_, form, message) => {
    const w = (world = buildMediaApp(database()));
    const { body, contentType } = form();
    const reply = await sendForm(w, body, contentType);
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field: 'file' });
    expect(reply.body.error.message).toMatch(message);
    expect(w.storedFiles()).toEqual([]);
  });
});

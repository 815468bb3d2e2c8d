// A streamed request body (a CSV import, an uploaded creative) as an async stream of chunks, cut
// off with the caller's own error once it passes a cap (a chunked body declares no length). A
// reader that stops early (a refusal part-way) cancels the rest of the upload. A body the client
// never finishes becomes the quiet invalid_body (read-body.ts).
import { bodyCutOff } from './read-body.js';

export async function* bodyChunks(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch(() => Promise.reject(bodyCutOff()));
      if (done) {
        finished = true;
        return;
      }
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge();
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}

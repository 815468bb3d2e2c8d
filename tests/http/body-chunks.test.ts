// bodyChunks: a streamed body passes through up to its cap; past it the caller's error, and the
// rest of the upload is cancelled rather than read.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../server/errors.js';
import { bodyChunks } from '../../server/http/body-chunks.js';

function streamOf(sizes: number[]): { stream: ReadableStream<Uint8Array>; cancelled: () => boolean } {
  let cancelled = false;
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = sizes[index++];
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
}

describe('bodyChunks', () => {
  it('turns a body that fails mid-way (the client hung up) into a 400 invalid_body, after the chunks that came', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === 0) controller.enqueue(new Uint8Array(10));
        else controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const seen: number[] = [];
    const reading = (async () => {
      for await (const chunk of bodyChunks(stream, 1000, () => new RangeError('over the cap'))) seen.push(chunk.byteLength);
    })();
    const err = await reading.catch((caught: unknown) => caught);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ code: 'invalid_body', status: 400 });
    expect(seen).toEqual([10]);
  });

  it('passes every chunk of a body within its cap, and ends with it', async () => {
    const { stream, cancelled } = streamOf([300, 300, 400]);
    const seen: number[] = [];
    for await (const chunk of bodyChunks(stream, 1000, () => new Error('too large'))) seen.push(chunk.byteLength);
    expect(seen).toEqual([300, 300, 400]);
    expect(cancelled()).toBe(false);
  });

  it('throws the caller\'s error at the chunk that passes the cap, and cancels the rest', async () => {
    const { stream, cancelled } = streamOf([600, 500, 100]);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const chunk of bodyChunks(stream, 1000, () => new RangeError('over the cap'))) seen.push(chunk.byteLength);
    })();
    await expect(reading).rejects.toThrow(RangeError);
    expect(seen).toEqual([600]);
    expect(cancelled()).toBe(true);
  });

  it('cancels the upload when the reader stops early (a refusal part-way)', async () => {
    const { stream, cancelled } = streamOf([100, 100, 100]);
    for await (const _chunk of bodyChunks(stream, 1000, () => new Error('too large'))) break;
    expect(cancelled()).toBe(true);
  });
});

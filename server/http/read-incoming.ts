// Reading a body as text within a cap straight from node's IncomingMessage, for the direct event
// route: what read-body.ts does through @hono/node-server, without the Request and streams it
// builds. The same checks and errors: a declared length over the cap is refused before reading,
// a chunked body is cut off at the cap, a body the client never finishes is invalid_body. Text is
// decoded as fetch's text() decodes it (a leading BOM dropped) when a length was declared, and
// as read-body.ts decodes a chunked body otherwise.
import type { IncomingMessage } from 'node:http';
import { bodyCutOff, checkDeclaredLength, tooLargeError } from './read-body.js';

const decoder = new TextDecoder();

export function readIncomingText(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = incoming.headers['content-length'];
  if (declared !== undefined) checkDeclaredLength(declared, maxBytes);
  return readIncoming(incoming, maxBytes).then((body) => (declared !== undefined ? decoder.decode(body) : body.toString('utf8')));
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onCutOff);
      incoming.off('close', onCutOff);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      // Node drops what is left of the body once the answer is sent.
      if (size > maxBytes) return done(() => reject(tooLargeError(maxBytes)));
      chunks.push(chunk);
    };
    const onEnd = () => done(() => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    // A body that arrived whole before the connection dropped is still the whole body.
    const onCutOff = () => done(() => (incoming.complete ? onEnd() : reject(bodyCutOff())));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onCutOff);
    incoming.on('close', onCutOff);
  });
}

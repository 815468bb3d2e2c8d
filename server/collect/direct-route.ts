// POST /v1/events straight from node:http, without building Hono's Request, Context and Response:
// the event hot path pays for what it uses. It runs the route's own code (intake.ts), the same
// proxy warning, and renders errors with the same errorAnswer, so it answers exactly as the Hono
// route does; a request it does not recognise as plain (a query string, an odd Host, a header
// sent twice) it leaves to Hono, which handles the unusual cases in full.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorAnswer, errorBody, incomingCutOff } from '../errors.js';
import type { TrustProxy } from '../http/client-address.js';
import { addressedOrigin, forwardedHeadersPresent } from '../http/forwarded.js';
import type { ProxyWarning } from '../http/proxy-warning.js';
import { readIncomingText } from '../http/read-incoming.js';
import type { EventIntake, EventPost } from './intake.js';

/** Serves the request and returns true, or returns false and leaves it to the next listener. */
export type DirectRoute = (incoming: IncomingMessage, outgoing: ServerResponse) => boolean;

// @hono/node-server's test for a Host it can use as it is; any other Host goes through its checks.
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

export function directEventRoute(intake: EventIntake, trust: TrustProxy, warnOfProxy: ProxyWarning): DirectRoute {
  return (incoming, outgoing) => {
    if (incoming.method !== 'POST' || incoming.url !== '/v1/events') return false;
    const headers = incoming.headers;
    const host = headers.host;
    if (host === undefined || !PLAIN_HOST.test(host) || repeatsAHeader(incoming) || isEncrypted(incoming)) return false;
    void answer(intake, trust, warnOfProxy, incoming, outgoing, host);
    return true;
  };
}

async function answer(intake: EventIntake, trust: TrustProxy, warnOfProxy: ProxyWarning, incoming: IncomingMessage, outgoing: ServerResponse, host: string) {
  const headers = incoming.headers as Record<string, string | undefined>;
  const peer = incoming.socket.remoteAddress;
  const header = (name: string) => headers[name];
  const answerHeaders: Record<string, string> = {};
  const post: EventPost = {
    header,
    origin: headers.origin,
    peer,
    inProcess: false,
    readText: (maxBytes) => readIncomingText(incoming, maxBytes),
    ownOrigin: () => addressedOrigin(`http://${host}/v1/events`, peer, header, trust),
    setHeader: (name, value) => {
      answerHeaders[name.toLowerCase()] = value;
    },
  };
  let status = 202;
  let body: string;
  try {
    warnOfProxy(peer, () => forwardedHeadersPresent(header));
    body = await intake(post);
    answerHeaders['content-type'] = 'application/json';
  } catch (err) {
    const error = errorAnswer(err, incomingCutOff(incoming));
    if (error.retryAfter !== undefined) answerHeaders['retry-after'] = String(error.retryAfter);
    answerHeaders['content-type'] = 'application/json';
    status = error.status;
    body = JSON.stringify(errorBody(error));
  }
  write(outgoing, status, answerHeaders, body);
  dropUnreadBody(incoming);
}

// As @hono/node-server does with a body it did not read (a post refused by its declared length,
// its media type or the rate limit): read a little more, so the client gets the answer rather
// than a reset, then close. Node's own discard would read a hostile gigabyte to the request timeout.
const DRAIN_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 500;

function dropUnreadBody(incoming: IncomingMessage): void {
  if (incoming.complete) return;
  let drained = 0;
  const close = () => incoming.socket.destroy();
  const timer = setTimeout(close, DRAIN_MS);
  timer.unref();
  incoming.on('data', (chunk: Buffer) => {
    drained += chunk.byteLength;
    if (drained > DRAIN_BYTES) close();
  });
  incoming.once('end', () => clearTimeout(timer));
  incoming.once('close', () => clearTimeout(timer));
  incoming.resume();
}

/** Headers as @hono/node-server writes them from a Response: lower-case, in sorted order, then the length. */
function write(outgoing: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  const sorted: Record<string, string | number> = {};
  for (const name of Object.keys(headers).sort()) sorted[name] = headers[name]!;
  sorted['Content-Length'] = Buffer.byteLength(body);
  outgoing.writeHead(status, sorted);
  outgoing.end(body);
}

/** Node keeps the first of some repeated headers where fetch's Headers joins them: such requests go to Hono. */
function repeatsAHeader(incoming: IncomingMessage): boolean {
  let count = 0;
  for (const _ in incoming.headers) count++;
  return count * 2 !== incoming.rawHeaders.length;
}

function isEncrypted(incoming: IncomingMessage): boolean {
  return (incoming.socket as { encrypted?: boolean }).encrypted === true;
}

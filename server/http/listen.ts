// The listening server with its bounds: how long headers and a whole request may take, how long
// an idle connection stays, how many connections may be open, and a quiet 4xx for a request the
// HTTP parser refuses or that runs out of time. server/main.ts serves through it.
import { getRequestListener } from '@hono/node-server';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionLimits } from '../config.js';
import { errorBody, HttpError, type ErrorCode } from '../errors.js';

/** Browsers send about twenty; more are ignored, not parsed into every request. */
const MAX_HEADERS_COUNT = 100;

export interface ListenOptions {
  fetch: (request: Request, env: any) => Response | Promise<Response>;
  /** Serves what it recognises straight from node:http (returns true); the rest goes to fetch. */
  direct?: (incoming: IncomingMessage, outgoing: ServerResponse) => boolean;
  port: number;
  hostname: string;
  limits: ConnectionLimits;
}

export function listen(options: ListenOptions, onListening?: (address: AddressInfo) => void): Server {
  const { limits } = options;
  const serverOptions: ServerOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the two timeouts on this tick (30 s by default): a quarter of the shorter
    // bound, so a slow client is answered close to its bound, and at most once a second.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4))),
  };
  // serve() of @hono/node-server, with the direct routes (if any) ahead of the app.
  const viaFetch = getRequestListener(options.fetch, { hostname: options.hostname });
  const { direct } = options;
  const server = createServer(
    serverOptions,
    direct
      ? (incoming, outgoing) => {
          if (!direct(incoming, outgoing)) void viaFetch(incoming, outgoing);
        }
      : viaFetch,
  );
  server.listen(options.port, options.hostname, () => onListening?.(server.address() as AddressInfo));
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  server.maxConnections = limits.maxConnections;
  server.on('clientError', answerClientError);
  return server;
}

/** What a parser or timeout error is worth telling the client, or null when nobody is listening. */
export function clientErrorAnswer(error: NodeJS.ErrnoException): HttpError | null {
  const answer = (code: ErrorCode, message: string) => new HttpError(code, message);
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return null;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return answer('request_timeout', 'The request took too long to arrive.');
    case 'HPE_HEADER_OVERFLOW':
      return answer('headers_too_large', 'The request headers are too large.');
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_CONTENT_LENGTH':
      return answer('invalid_body', 'The body is malformed (its length or chunked encoding).');
    default:
      return answer('invalid_request', 'The request is not well-formed HTTP.');
  }
}

/**
 * node:http's 'clientError': no request object exists, so the answer is written on the socket,
 * then the connection closes. No stack trace is logged: a broken client is not our fault.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const answer = clientErrorAnswer(error);
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (answer === null || started || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(answer));
  socket.end(
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // A client that never reads its answer does not keep the socket.
  setTimeout(() => socket.destroy(), 1000).unref();
}

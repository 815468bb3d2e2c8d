// HTTP spoken by hand over node:net, for clients no fetch would make: a body cut off, a broken
// chunked encoding, headers sent a byte at a time. Each answer comes back with when the server
// closed the connection.
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** The status line's code, or null when the server closed without answering. */
  status: number | null;
  body: any;
  /** Milliseconds from connecting to the server closing the connection. */
  closedAfterMs: number;
}

export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends until it closes (or `ms` pass), read as one HTTP answer. */
export function readAnswer(socket: Socket, startedAt = Date.now(), ms = 10_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {});
    const done = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      let parsed: unknown = body;
      try {
        parsed = JSON.parse(body);
      } catch {}
      resolve({ status: status ? Number(status) : null, body: parsed, closedAfterMs: Date.now() - startedAt });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, ms);
    socket.once('close', done);
  });
}

/** Sends the head and body given, then keeps the connection open until the server answers and closes. */
export async function rawRequest(port: number, text: string | Buffer): Promise<RawAnswer> {
  const socket = await openSocket(port);
  const answer = readAnswer(socket);
  socket.write(text);
  return answer;
}

/** A request head with the lines given, ending the headers. */
export function head(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...lines, '', ''].join('\r\n');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

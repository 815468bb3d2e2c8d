// The baseline: a bare node:http server answering every request with the same JSON bytes that
// Candor's /v1/config sends (passed in base64 as BENCH_BODY), so only the framework differs.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceReady, exitWhenTold } from './child.js';

const body = Buffer.from(process.env.BENCH_BODY ?? '', 'base64');
if (body.length === 0) throw new Error('BENCH_BODY must hold the answer to serve, in base64.');

const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': String(body.length),
};

const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});

exitWhenTold(() => {
  server.closeAllConnections();
  server.close();
});

server.listen(0, '127.0.0.1', () => {
  announceReady({ port: (server.address() as AddressInfo).port, bytes: body.length });
});

// The ingestion baseline: a bare node:http server that reads each request's body to the end, as
// any real handler must, and answers 204 with nothing: what HTTP alone costs on this machine.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceReady, exitWhenTold } from './child.js';

const server = createServer((req, res) => {
  req.on('end', () => res.writeHead(204).end());
  req.resume();
});

exitWhenTold(() => {
  server.closeAllConnections();
  server.close();
});

server.listen(0, '127.0.0.1', () => {
  announceReady({ port: (server.address() as AddressInfo).port });
});

// The framework's share: plain Hono on @hono/node-server answering every request with the same
// bytes as the bare server (BENCH_BODY, base64), so Candor's own work shows apart from Hono's.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { announceReady, exitWhenTold } from './child.js';

const body = Buffer.from(process.env.BENCH_BODY ?? '', 'base64').toString('utf8');
if (body.length === 0) throw new Error('BENCH_BODY must hold the answer to serve, in base64.');

const app = new Hono();
app.get('*', (c) => c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' }));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  announceReady({ port: info.port });
});

exitWhenTold(() => {
  server.close();
});

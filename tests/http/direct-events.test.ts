// POST /v1/events served straight from node:http (collect/direct-route.ts) answers exactly as the
// Hono route does: the same request, over real sockets, to a server with the direct route and to
// one without, gets the same status, body and headers, hostile requests included.
import { randomUUID } from 'node:crypto';
import { request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { listen } from '../../server/http/listen.js';
import { armEvent, runningSetup } from '../collect/helpers.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One raw request: the headers exactly as given, the body as given (chunked when no Content-Length is given). */
function post(port: number, headers: Headers, body: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/events', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = res.headers;
        resolve({ status: res.statusCode!, headers: rest, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function serve(t: TestApp, withDirect: boolean, served: { count: number }): Promise<number> {
  const limits = loadConfig({ CANDOR_ADMIN_TOKEN: 'x'.repeat(32), CANDOR_DATABASE_URL: 'sqlite::memory:' }).connections;
  const direct = (incoming: Parameters<TestApp['direct']>[0], outgoing: Parameters<TestApp['direct']>[1]) => {
    const handled = t.direct(incoming, outgoing);
    if (handled) served.count++;
    return handled;
  };
  const server = await new Promise<Server>((resolve) => {
    const started = listen({ fetch: t.app.fetch, ...(withDirect && { direct }), port: 0, hostname: '127.0.0.1', limits }, () => resolve(started));
  });
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

describeEachDialect('POST /v1/events from node:http', (database) => {
  async function setUp(env: Record<string, string> = {}) {
    const t = buildTestApp(database(), { clock: { now: Date.now() }, env });
    const { site, experiment } = await runningSetup(t);
    const served = { count: 0 };
    const direct = await serve(t, true, served);
    const viaHono = await serve(t, false, { count: 0 });
    const batch = (events = 3, visitor = randomUUID()) =>
      JSON.stringify({ site: site.publicKey, visitor, events: Array.from({ length: events }, () => armEvent(experiment, visitor, 'exposure', t.clock.now - 1000)) });
    return { t, site, experiment, served, batch, ports: { direct, viaHono } };
  }

  const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

  it('answers every kind of post as the Hono route does, and serves the plain ones itself', async () => {
    const { site, served, batch, ports } = await setUp();
    const text = { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER, host: 'candor.test:8080' };
    const cases: Array<[string, Headers, string | Buffer | (() => string)]> = [
      ['a snippet batch from an allowed origin', { ...text, origin: 'https://aurum.example' }, () => batch()],
      ['a batch without an Origin', text, () => batch()],
      ['a Shopify pixel (Origin: null, JSON)', { ...text, 'content-type': 'application/json', origin: 'null' }, () => batch()],
      ['a page Candor serves itself', { ...text, origin: 'http://candor.test:8080' }, () => batch()],
      ['an origin not on the list', { ...text, origin: 'https://evil.example' }, () => batch()],
      ['a bot', { ...text, 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }, () => batch()],
      ['a shop server (JSON, no Origin, curl)', { ...text, 'content-type': 'application/json', 'user-agent': 'curl/8.5.0' }, () => batch()],
      ['an unknown site', text, JSON.stringify({ site: 'pk_nope', visitor: randomUUID(), events: [] })],
      ['not JSON', text, '{"site": '],
      ['a BOM before the JSON', text, () => `\uFEFF${batch()}`],
      ['invalid UTF-8', text, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
      ['an unsupported media type', { ...text, 'content-type': 'application/xml' }, () => batch()],
      ['no media type', { 'user-agent': BROWSER, host: 'candor.test:8080' }, () => batch()],
      ['events with their own problems', text, JSON.stringify({ site: site.publicKey, visitor: randomUUID(), events: [{ id: 'x', type: 'nope', ts: 1 }, {}] })],
      ['too many events', text, () => batch(500)],
      ['a chunked body over the cap', { ...text, 'transfer-encoding': 'chunked' }, 'x'.repeat(70 * 1024)],
      ['a chunked batch', { ...text, 'transfer-encoding': 'chunked' }, () => batch()],
    ];
    for (const [name, headers, body] of cases) {
      const [direct, viaHono] = await both(ports, headers, body);
      expect({ name, ...direct }).toEqual({ name, ...viaHono });
    }
    expect(served.count).toBe(cases.length);

    // A repeated header is joined by fetch's Headers but not by node: such a post goes to Hono.
    const repeated = { ...text, 'x-forwarded-for': ['203.0.113.1', '203.0.113.2'] };
    const [direct, viaHono] = await both(ports, repeated, () => batch());
    expect(direct).toEqual(viaHono);
    expect(served.count).toBe(cases.length);
  });

  it('answers a post it refuses unread, then closes the connection instead of reading the rest', async () => {
    const { ports } = await setUp();
    const socket = connect(ports.direct, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    socket.on('error', () => {});
    // Declares a body far over the cap, then keeps sending as a hostile client would.
    socket.write('POST /v1/events HTTP/1.1\r\nHost: candor.test\r\nContent-Type: text/plain\r\nContent-Length: 1000000000\r\n\r\n');
    const started = Date.now();
    const sending = setInterval(() => socket.writable && socket.write(Buffer.alloc(64 * 1024, 120)), 10);
    try {
      const closedAt = await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain('"code":"payload_too_large"');
      expect(closedAt - started).toBeLessThan(5000);
    } finally {
      clearInterval(sending);
    }
  });

  it('answers a replayed batch with the same duplicates', async () => {
    const { batch, ports } = await setUp();
    const headers = { 'content-type': 'text/plain', 'user-agent': BROWSER };
    const first = batch();
    const second = batch();
    await post(ports.direct, sized(headers, first), first);
    await post(ports.viaHono, sized(headers, second), second);
    expect(await post(ports.direct, sized(headers, first), first)).toEqual(await post(ports.viaHono, sized(headers, second), second));
  });

  it('shares the rate limit with the Hono route, and refuses alike with Retry-After', async () => {
    const { batch, ports, served } = await setUp({ CANDOR_RATE_LIMIT: '1' });
    const headers = { 'content-type': 'text/plain', 'user-agent': BROWSER };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const body = batch();
      statuses.push((await post(ports.direct, sized(headers, body), body)).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 429]);
    const body = batch();
    const [direct, viaHono] = [await post(ports.direct, sized(headers, body), body), await post(ports.viaHono, sized(headers, body), body)];
    expect(direct).toEqual(viaHono);
    expect(direct.status).toBe(429);
    expect(direct.headers['retry-after']).toBe('1');
    expect(served.count).toBe(6);
  });
});

type Headers = Record<string, string | string[]>;

/** With a Content-Length unless the case sends its body chunked. */
function sized(headers: Headers, body: string | Buffer): Headers {
  return headers['transfer-encoding'] ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
}

/** The same request to both servers; a body made by a function is made afresh for each (new event ids). */
async function both(ports: { direct: number; viaHono: number }, headers: Headers, body: string | Buffer | (() => string)) {
  const first = typeof body === 'function' ? body() : body;
  const second = typeof body === 'function' ? body() : body;
  return [await post(ports.direct, sized(headers, first), first), await post(ports.viaHono, sized(headers, second), second)] as const;
}

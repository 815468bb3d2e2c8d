// Clients that abort, break the chunked encoding, trickle their headers or open too many
// connections, against the real server process (server/main.ts, small bounds): each gets a quiet
// 4xx or a closed connection within its bound, a good event sent meanwhile is stored and
// acknowledged, and the server logs no "unhandled error" and no stack trace.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connect.js';
import { createServerDatabase, freePort, spawnScript, type Child, type ServerDatabase } from '../helpers/child-server.js';
import { head, openSocket, rawRequest, readAnswer, sleep } from '../helpers/raw-http.js';

const TOKEN = 'slow-clients-admin-token-0123456789';
const HEADERS_TIMEOUT_MS = 600;
const REQUEST_TIMEOUT_MS = 1500;
/** Room for a loaded machine: Node checks the bounds on a tick, and the test shares two cores. */
const SLACK_MS = 1500;

interface World {
  server: Child;
  database: ServerDatabase;
  port: number;
  siteKey: string;
  acknowledged: string[];
}

async function startWorld(env: Record<string, string> = {}): Promise<World> {
  const database = await createServerDatabase('sqlite');
  const port = await freePort();
  const server = spawnScript('server/main.ts', [], {
    PORT: String(port),
    CANDOR_DATABASE_URL: database.url,
    CANDOR_ADMIN_TOKEN: TOKEN,
    CANDOR_RATE_LIMIT: '0',
    CANDOR_FFMPEG: 'off',
    CANDOR_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    CANDOR_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    ...env,
  });
  await server.waitFor(/listening/, 30_000);
  const site = await rawRequest(port, adminJson('POST', '/api/sites', { name: 'Slow clients' }));
  if (site.status !== 201) throw new Error(`no site: ${JSON.stringify(site)}`);
  return { server, database, port, siteKey: site.body.publicKey, acknowledged: [] };
}

function adminJson(method: string, path: string, body: unknown): string {
  const text = JSON.stringify(body);
  return head(method, path, { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), connection: 'close' }) + text;
}

function eventBatch(world: World, id = randomUUID()): string {
  return JSON.stringify({ site: world.siteKey, visitor: `v-${id}`, events: [{ id, type: 'add_to_cart', ts: Date.now(), value: 5 }] });
}

/** A good event on a connection of its own: it must be acknowledged whatever else is going on. */
async function sendGoodEvent(world: World): Promise<void> {
  const id = randomUUID();
  const body = eventBatch(world, id);
  const answer = await rawRequest(world.port, head('POST', '/v1/events', { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), connection: 'close' }) + body);
  expect(answer.status, JSON.stringify(answer)).toBe(202);
  expect(answer.body).toEqual({ accepted: 1, duplicates: 0, rejected: [], dropped: {} });
  world.acknowledged.push(id);
}

/** Sends the head and the first part of a body that claims more, then hangs up. */
async function abortMidBody(port: number, requestHead: string, part: string | Buffer): Promise<void> {
  const socket = await openSocket(port);
  socket.write(requestHead);
  socket.write(part);
  await sleep(100);
  socket.destroy();
}

function expectQuietLogs(world: World): void {
  const logs = world.server.stderr() + world.server.stdout();
  expect(logs).not.toMatch(/unhandled error/i);
  expect(logs).not.toMatch(/\n\s+at /);
}

async function stopWorld(world: World | undefined): Promise<void> {
  if (!world) return;
  await world.server.dispose();
  // Every acknowledged event is in the database.
  if (world.acknowledged.length > 0) {
    const { db, close } = openDatabase({ dialect: 'sqlite', file: world.database.url });
    const stored = await db.selectFrom('events').select('id').where('id', 'in', world.acknowledged).execute();
    await close();
    expect(stored.map((row) => row.id).sort()).toEqual([...world.acknowledged].sort());
  }
  await world.database.cleanup();
}

describe('slow and broken clients against the real server', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  }, 60_000);
  afterAll(() => stopWorld(world));

  it('takes a client hanging up mid-body on /v1/events quietly, and stores a good event sent meanwhile', async () => {
    const body = eventBatch(world);
    await Promise.all([
      abortMidBody(world.port, head('POST', '/v1/events', { 'content-type': 'text/plain', 'content-length': body.length + 500 }), body),
      abortMidBody(world.port, head('POST', '/v1/events', { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }), `${body.length.toString(16)}\r\n${body}\r\n`),
      sendGoodEvent(world),
    ]);
    await sendGoodEvent(world);
    expectQuietLogs(world);
  });

  it('takes a client hanging up mid-upload of a creative quietly', async () => {
    const boundary = 'candor-boundary';
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
    const png = Buffer.concat([Buffer.from(part), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20_000, 7)]);
    const multipart = `multipart/form-data; boundary=${boundary}`;
    await Promise.all([
      abortMidBody(world.port, head('POST', '/api/creatives', { authorization: `Bearer ${TOKEN}`, 'content-type': multipart, 'content-length': 1_000_000 }), png),
      abortMidBody(world.port, head('POST', '/api/creatives', { authorization: `Bearer ${TOKEN}`, 'content-type': multipart, 'transfer-encoding': 'chunked' }), Buffer.concat([Buffer.from(`${png.length.toString(16)}\r\n`), png, Buffer.from('\r\n')])),
      sendGoodEvent(world),
    ]);
    await sendGoodEvent(world);
    expectQuietLogs(world);
  });

  it('takes a client hanging up mid-import of a CSV quietly', async () => {
    const csv = `id,arm,bought\n${Array.from({ length: 2000 }, (_, i) => `${i},${i % 2 ? 'a' : 'b'},${i % 3 ? 1 : 0}`).join('\n')}\n`;
    const path = '/api/experiments/import?site=SITE&key=past&visitor=id&arm=arm&control=a&metric=bought%3Dpurchased';
    const sites = await rawRequest(world.port, head('GET', '/api/sites', { authorization: `Bearer ${TOKEN}`, connection: 'close' }));
    const importPath = path.replace('SITE', sites.body.sites[0].id);
    await Promise.all([
      abortMidBody(world.port, head('POST', importPath, { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv', 'content-length': csv.length * 10 }), csv),
      sendGoodEvent(world),
    ]);
    await sendGoodEvent(world);
    // Nothing of the cut-off file was imported.
    const listed = await rawRequest(world.port, head('GET', `/api/sites/${sites.body.sites[0].id}/experiments`, { authorization: `Bearer ${TOKEN}`, connection: 'close' }));
    expect(listed.body.experiments).toEqual([]);
    expectQuietLogs(world);
  });

  it('answers a malformed chunked body with 400 invalid_body and closes', async () => {
    const [answer] = await Promise.all([
      rawRequest(world.port, head('POST', '/v1/events', { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }) + '5\r\n{"sit\r\nzz-not-hex\r\n'),
      sendGoodEvent(world),
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_body');
    const broken = await rawRequest(world.port, 'POST /v1/events HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_request');
    await sendGoodEvent(world);
    expectQuietLogs(world);
  });

  it('answers headers sent too slowly (slowloris) with 408 request_timeout and closes within the bound', async () => {
    const socket = await openSocket(world.port);
    const started = Date.now();
    const answer = readAnswer(socket, started);
    socket.write('POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const trickle = setInterval(() => socket.writable && socket.write('X-Slow: a\r\n'), 100);
    const [result] = await Promise.all([answer, sendGoodEvent(world)]);
    clearInterval(trickle);
    expect(result.status).toBe(408);
    expect(result.body.error.code).toBe('request_timeout');
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(result.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
    expectQuietLogs(world);
  });

  it('answers a body sent too slowly with 408 request_timeout within the request bound', async () => {
    const socket = await openSocket(world.port);
    const started = Date.now();
    const answer = readAnswer(socket, started);
    socket.write(head('POST', '/v1/events', { 'content-type': 'text/plain', 'content-length': 10_000 }));
    const trickle = setInterval(() => socket.writable && socket.write(' '), 100);
    const [result] = await Promise.all([answer, sendGoodEvent(world)]);
    clearInterval(trickle);
    expect(result.status).toBe(408);
    expect(result.body.error.code).toBe('request_timeout');
    expect(result.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);
    await sendGoodEvent(world);
    expectQuietLogs(world);
  });
});

describe('more connections than the maximum', () => {
  let world: World | undefined;
  afterAll(() => stopWorld(world));

  it('closes connections past the maximum as they arrive, and finishes the request in flight', async () => {
    world = await startWorld({ CANDOR_MAX_CONNECTIONS: '4' });
    const current = world;
    // A good request in flight: its head and half its body sent.
    const body = eventBatch(current);
    const inFlight = await openSocket(current.port);
    const inFlightAnswer = readAnswer(inFlight);
    inFlight.write(head('POST', '/v1/events', { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), connection: 'close' }) + body.slice(0, 20));
    await sleep(100);
    const idle = await Promise.all(Array.from({ length: 8 }, () => openSocket(current.port)));
    const closed = await Promise.all(idle.map((socket) => Promise.race([new Promise((resolve) => socket.once('close', () => resolve(true))), sleep(1000).then(() => false)])));
    expect(closed.filter(Boolean).length).toBeGreaterThanOrEqual(5);
    inFlight.write(body.slice(20));
    const answer = await inFlightAnswer;
    expect(answer.status).toBe(202);
    current.acknowledged.push(JSON.parse(body).events[0].id);
    for (const socket of idle) socket.destroy();
    await sleep(100);
    await sendGoodEvent(current);
    expectQuietLogs(current);
  }, 60_000);
});

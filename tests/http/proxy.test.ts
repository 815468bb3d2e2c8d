// Behind a reverse proxy, over real sockets: the event rate limit keys on the address the trusted
// proxy saw (the right end of X-Forwarded-For), never on what the client wrote at the left;
// X-Forwarded-Proto/Host count only from a trusted peer; an untrusted proxy is warned about once.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp } from '../helpers/app.js';
import { createServerDatabase, freePort, spawnScript, type Child, type ServerDatabase } from '../helpers/child-server.js';
import { describeEachDialect } from '../helpers/databases.js';

const servers: ServerType[] = [];
const children: Child[] = [];
const databases: ServerDatabase[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(children.splice(0).map((child) => child.dispose()));
  await Promise.all(databases.splice(0).map((database) => database.cleanup()));
});

describeEachDialect('behind a reverse proxy', (database) => {
  /** The real app on 127.0.0.1 with a clock that stands still: one request a second, bursts of four. */
  async function listen(trustProxy: string, env: Record<string, string> = {}): Promise<string> {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '1', CANDOR_TRUST_PROXY: trustProxy, ...env } });
    const server = await new Promise<ServerType>((resolve) => {
      const started = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** How many of these event posts were refused as rate-limited (the rest fail later, on the empty batch). */
  async function limitedCount(base: string, forwardedFor: (i: number) => string, count = 20): Promise<number> {
    let limited = 0;
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${base}/v1/events`, { method: 'POST', body: '{}', headers: { 'x-forwarded-for': forwardedFor(i) } });
      await response.arrayBuffer();
      if (response.status === 429) limited++;
    }
    return limited;
  }

  it('does not let one client past the limit by rotating the leftmost X-Forwarded-For entry (one trusted proxy)', async () => {
    const base = await listen('true');
    expect(await limitedCount(base, (i) => `198.51.100.${i}, 203.0.113.7`)).toBe(16);
  });

  it('gives each real client behind one trusted proxy its own bucket, whatever they wrote themselves', async () => {
    const base = await listen('true');
    expect(await limitedCount(base, (i) => `10.0.0.5, 203.0.113.${i}`)).toBe(0);
  });

  it('counts hops from the right with a number of proxies', async () => {
    const base = await listen('2');
    expect(await limitedCount(base, (i) => `198.51.100.${i}, 203.0.113.7, 10.0.0.9`)).toBe(16);
    expect(await limitedCount(base, (i) => `10.0.0.5, 203.0.113.${i + 100}, 10.0.0.9`)).toBe(0);
  });

  it('skips trusted proxy networks from the right, and ignores the header from a peer outside them', async () => {
    const trusted = await listen('127.0.0.0/8, 10.0.0.0/8, ::1');
    expect(await limitedCount(trusted, (i) => `198.51.100.${i}, 203.0.113.7, 10.0.0.9`)).toBe(16);
    expect(await limitedCount(trusted, (i) => `203.0.113.${i + 100}, 10.0.0.9, 10.0.0.10`)).toBe(0);
    // This peer (127.0.0.1) is no trusted proxy: every client it names shares its one bucket.
    const untrusted = await listen('10.0.0.0/8');
    expect(await limitedCount(untrusted, (i) => `203.0.113.${i}`)).toBe(16);
  });

  it('believes X-Forwarded-Proto and -Host only from a trusted peer (login from the proxied https origin)', async () => {
    const logIn = (base: string) =>
      fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://candor.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'candor.example' },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
    const trusted = await logIn(await listen('127.0.0.1'));
    expect(trusted.status, await trusted.clone().text()).toBe(200);
    expect(trusted.headers.get('set-cookie')).toMatch(/; Secure/i);
    const untrusted = await logIn(await listen('10.0.0.0/8'));
    expect(untrusted.status).toBe(403);
    expect((await untrusted.json()).error.code).toBe('origin_not_allowed');
  });
});

describe('an untrusted proxy in front of the real server', () => {
  async function start(env: Record<string, string>): Promise<{ child: Child; base: string }> {
    const database = await createServerDatabase('sqlite');
    databases.push(database);
    const port = await freePort();
    const child = spawnScript('server/main.ts', [], { PORT: String(port), CANDOR_DATABASE_URL: database.url, CANDOR_ADMIN_TOKEN: ADMIN_TOKEN, ...env });
    children.push(child);
    await child.waitFor(/listening/, 30_000);
    return { child, base: `http://127.0.0.1:${port}` };
  }

  async function proxiedRequests(base: string): Promise<void> {
    for (const path of ['/v1/health', '/v1/events', '/api/session']) {
      const response = await fetch(`${base}${path}`, { headers: { 'x-forwarded-for': '203.0.113.7', forwarded: 'for=203.0.113.7' } });
      await response.arrayBuffer();
    }
  }

  it('warns once, naming the setting, when forwarded headers come from a local peer while trust is off', async () => {
    const { child, base } = await start({});
    await proxiedRequests(base);
    await proxiedRequests(base);
    const warnings = child.stderr().match(/behind a proxy it does not trust/g) ?? [];
    expect(warnings, child.stderr()).toHaveLength(1);
    expect(child.stderr()).toContain('a request from 127.0.0.1 carried forwarded, x-forwarded-for');
    expect(child.stderr()).toContain('Set CANDOR_TRUST_PROXY=true');
  }, 60_000);

  it('stays quiet when the proxy is trusted', async () => {
    const { child, base } = await start({ CANDOR_TRUST_PROXY: '127.0.0.1' });
    await proxiedRequests(base);
    expect(child.stderr()).not.toContain('does not trust');
  }, 60_000);
});

// POST /api/plan over real HTTP: the app served on a free port, called with fetch. The route
// reads no database (a plan is arithmetic on the request), so one SQLite-backed app serves it.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { expectMatches, type Doc } from '../openapi/match-document.js';

let database: TestDatabase;
let server: ServerType;
let base: string;

beforeAll(async () => {
  database = await openTestDatabase('sqlite');
  const { app } = buildTestApp(database);
  server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.cleanup();
});

async function plan(body: unknown, options: { token?: string | null; contentType?: string; raw?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/api/plan`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

const PURCHASES = { dailyVisitors: 1200, plannedEffect: -0.2, metrics: [{ metric: 'purchased', baseline: 0.015 }] };

describe('POST /api/plan', () => {
  it('plans each metric with the defaults filled in', async () => {
    const answer = await plan({ ...PURCHASES, metrics: [...PURCHASES.metrics, { metric: 'revenue', baseline: 1.5, sd: 18 }, { metric: 'clicks', baseline: 0.04 }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ plannedEffect: -0.2, alpha: 0.05, power: 0.8, dailyVisitors: 1200, arms: 2 });
    const [purchased, revenue, clicks] = answer.body.metrics;
    expect(purchased).toEqual({ metric: 'purchased', kind: 'binary', baseline: 0.015, sd: null, perArm: 23_228, total: 46_456, days: 39, note: null });
    expect(revenue).toMatchObject({ kind: 'continuous', sd: 18, note: null });
    expect(revenue.days).toBe(Math.ceil(revenue.total / 1200));
    expect(clicks).toMatchObject({ kind: 'ratio', perArm: null, total: null, days: null });
    expect(clicks.note).toMatch(/rates and means/);
  });

  it('answers as the served API document describes, plans and refusals alike', async () => {
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as Doc;
    for (const body of [{ ...PURCHASES, metrics: [...PURCHASES.metrics, { metric: 'revenue', baseline: 1.5, sd: 18 }, { metric: 'clicks', baseline: 0.04 }] }, { ...PURCHASES, arms: 1 }]) {
      const answer = await plan(body);
      expectMatches(document, 'post', '/api/plan', { ...answer, headers: new Headers() });
    }
  });

  it('takes arms, alpha and power', async () => {
    const answer = await plan({ ...PURCHASES, arms: 4, alpha: 0.01, power: 0.9 });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ arms: 4, alpha: 0.01, power: 0.9 });
    expect(answer.body.metrics[0].total).toBe(answer.body.metrics[0].perArm * 4);
  });

  it('refuses a mean without its standard deviation, naming the field', async () => {
    const answer = await plan({ ...PURCHASES, metrics: [{ metric: 'purchased', baseline: 0.015 }, { metric: 'revenue', baseline: 1.5 }] });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_field', field: 'metrics[1].sd' });
  });

  const refusals: Array<[string, unknown, string]> = [
    ['no traffic', { ...PURCHASES, dailyVisitors: 0 }, 'dailyVisitors'],
    ['one arm', { ...PURCHASES, arms: 1 }, 'arms'],
    ['nine arms', { ...PURCHASES, arms: 9 }, 'arms'],
    ['a fractional arm', { ...PURCHASES, arms: 2.5 }, 'arms'],
    ['no effect', { ...PURCHASES, plannedEffect: 0 }, 'plannedEffect'],
    ['an effect of 10×', { ...PURCHASES, plannedEffect: 10 }, 'plannedEffect'],
    ['alpha of 0.5', { ...PURCHASES, alpha: 0.5 }, 'alpha'],
    ['power of 0.5', { ...PURCHASES, power: 0.5 }, 'power'],
    ['power of 1', { ...PURCHASES, power: 1 }, 'power'],
    ['no metrics', { ...PURCHASES, metrics: [] }, 'metrics'],
    ['21 metrics', { ...PURCHASES, metrics: Array.from({ length: 21 }, () => PURCHASES.metrics[0]) }, 'metrics'],
    ['an unknown metric', { ...PURCHASES, metrics: [{ metric: 'happiness', baseline: 0.1 }] }, 'metrics[0].metric'],
    ['a rate of 1.5', { ...PURCHASES, metrics: [{ metric: 'purchased', baseline: 1.5 }] }, 'metrics[0].baseline'],
    ['a zero SD', { ...PURCHASES, metrics: [{ metric: 'revenue', baseline: 2, sd: 0 }] }, 'metrics[0].sd'],
    ['a mean of 0', { ...PURCHASES, metrics: [{ metric: 'watch_pct', baseline: 0, sd: 10 }] }, 'metrics[0].baseline'],
    ['an unknown field', { ...PURCHASES, days: 30 }, 'days'],
    ['a string for a number', { ...PURCHASES, dailyVisitors: '1200' }, 'dailyVisitors'],
  ];
  for (const [what, body, field] of refusals) {
    it(`refuses ${what} as invalid_field on ${field}`, async () => {
      const answer = await plan(body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'invalid_field', field });
    });
  }

  it('refuses broken JSON, another media type, and a missing token with the usual codes', async () => {
    expect(await plan(undefined, { raw: '{"dailyVisitors":' })).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    expect(await plan(PURCHASES, { contentType: 'text/plain' })).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    expect(await plan(PURCHASES, { token: null })).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });
});

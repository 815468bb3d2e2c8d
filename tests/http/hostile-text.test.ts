// Text no dialect stores alike (a NUL, which PostgreSQL refuses, and a lone surrogate, which
// SQLite and PostgreSQL read back differently) in every admin field, path id, query value, CSV
// cell and header, and event string: each is a 4xx with a code on both dialects, and nothing is stored.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Db } from '../../server/db/connect.js';
import { ERROR_STATUS, type ErrorCode } from '../../server/errors.js';
import { buildTestApp, type Reply, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, experimentBody, siteBody } from '../helpers/fixtures.js';
import { event, runningSetup, send } from '../collect/helpers.js';
import { postImport } from '../imports/helpers.js';

const BAD_TEXT = [
  ['a NUL', 'A\u0000B'],
  ['a lone surrogate', 'A\ud800B'],
] as const;
/** The same two in a URL: %00, and the UTF-8 bytes a lone surrogate would have (not UTF-8). */
const BAD_ESCAPES = [
  ['a NUL', 'A%00B'],
  ['a lone surrogate', 'A%ED%A0%80B'],
] as const;

const TABLES = ['settings', 'sites', 'experiments', 'variants', 'creatives', 'events', 'visitor_facts', 'variant_daily_sums', 'drop_counts'] as const;

/** Every row of every table, to show a refused request changed nothing. */
async function everything(db: Db): Promise<string> {
  const all: Record<string, unknown[]> = {};
  for (const table of TABLES) all[table] = (await sql`SELECT * FROM ${sql.table(table)}`.execute(db)).rows;
  return JSON.stringify(all);
}

function expectRefused(reply: Reply, field?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  const code = reply.body?.error?.code as ErrorCode;
  expect(ERROR_STATUS[code], JSON.stringify(reply.body)).toBe(reply.status);
  if (field !== undefined) expect(reply.body.error.field).toBe(field);
}

/** Sets `value` at a path written as the API names fields: `variants[1].disclosure.text`. */
function setAt(target: any, field: string, value: unknown): any {
  const keys = field.split(/\.|\[(\d+)\]/).filter((key) => key !== undefined && key !== '');
  let at = target;
  for (const key of keys.slice(0, -1)) at = at[key] ??= {};
  at[keys.at(-1)!] = value;
  return target;
}

const EXPERIMENT_FIELDS = [
  'key',
  'name',
  'hypothesis',
  'slot',
  'seed',
  'survey.text',
  'survey.low',
  'survey.high',
  'variants[0].key',
  'variants[0].name',
  'variants[0].media.url',
  'variants[0].media.alt',
  'variants[0].clickUrl',
  'variants[1].disclosure.text',
  'variants[1].media.poster',
  'variants[1].generator',
  'variants[1].consentRef',
  'variants[1].media.creative',
];

function experimentWith(field: string, bad: string) {
  const body: any = experimentBody({ survey: { question: 'trust' } });
  if (field === 'variants[1].consentRef') body.variants[1].likeness = 'consented';
  return setAt(body, field, bad);
}

describeEachDialect('hostile text', (database) => {
  let t: TestApp;
  let site: any;
  let experiment: any;

  async function world() {
    t = buildTestApp(database());
    site = await createSite(t);
    experiment = await createExperiment(t, site.id);
  }

  /** Runs the request and checks it was refused with the field named and nothing stored. */
  async function refuses(request: () => Promise<Reply>, field?: string): Promise<void> {
    const before = await everything(database().db);
    expectRefused(await request(), field);
    expect(await everything(database().db)).toBe(before);
  }

  it('refuses either in every admin text field, naming the field', async () => {
    await world();
    for (const [, bad] of BAD_TEXT) {
      await refuses(() => t.call('POST', '/api/sites', siteBody({ name: bad })), 'name');
      await refuses(() => t.call('POST', '/api/sites', siteBody({ allowedOrigins: [`https://${bad}.example`] })), 'allowedOrigins[0]');
      await refuses(() => t.call('PATCH', `/api/sites/${site.id}`, { name: bad }), 'name');
      for (const field of EXPERIMENT_FIELDS) {
        await refuses(() => t.call('POST', `/api/sites/${site.id}/experiments`, experimentWith(field, bad)), field);
      }
      await refuses(() => t.call('PATCH', `/api/experiments/${experiment.id}`, { name: bad }), 'name');
      await refuses(() => t.call('PATCH', `/api/experiments/${experiment.id}`, { hypothesis: bad }), 'hypothesis');
      await refuses(() => t.call('PATCH', `/api/experiments/${experiment.id}`, { variants: experimentWith('variants[0].name', bad).variants }), 'variants[0].name');
      await refuses(() => t.call('POST', `/api/experiments/${experiment.id}/status`, { status: bad }), 'status');
      await refuses(() => t.call('POST', '/api/demo', { seed: bad }), 'seed');
      await refuses(() => t.call('POST', '/api/session', { token: bad }, { token: null }), 'token');
      // A key holding one is named by its escape.
      await refuses(() => t.call('PATCH', `/api/sites/${site.id}`, { [bad]: 'x' }), JSON.stringify(bad).slice(1, -1));
    }
  });

  it('refuses either as an id in every path, and as any query value, before a route looks it up', async () => {
    await world();
    const paths = (id: string) => [
      ['GET', `/api/sites/${id}`],
      ['PATCH', `/api/sites/${id}`],
      ['GET', `/api/sites/${id}/experiments`],
      ['POST', `/api/sites/${id}/experiments`],
      ['GET', `/api/sites/${id}/drops`],
      ['GET', `/api/sites/${id}/installation`],
      ['GET', `/api/experiments/${id}`],
      ['PATCH', `/api/experiments/${id}`],
      ['DELETE', `/api/experiments/${id}`],
      ['POST', `/api/experiments/${id}/status`],
      ['GET', `/api/experiments/${id}/results`],
      ['GET', `/api/creatives/${id}`],
      ['DELETE', `/api/visitors/${id}`],
      ['GET', `/media/${id}.jpg`],
      ['GET', `/demo/media/${id}`],
    ];
    const queries = (value: string) => [
      `/v1/config?site=${value}`,
      `/v1/assign?site=${site.publicKey}&experiment=${value}&visitor=v1`,
      `/v1/assign?site=${site.publicKey}&experiment=hero&visitor=${value}`,
      `/api/sites/${site.id}/experiments?status=${value}`,
      `/api/sites/${site.id}/drops?days=${value}`,
      `/api/experiments/${experiment.id}/results?adjust=${value}`,
      `/demo/thank-you?order=${value}&value=1`,
    ];
    for (const [, escaped] of BAD_ESCAPES) {
      for (const [method, path] of paths(escaped)) {
        await refuses(() => t.call(method!, path!, method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' }), 'path');
      }
      for (const path of queries(escaped)) {
        const name = /[?&](\w+)=A%/.exec(path)![1]!;
        await refuses(() => t.call('GET', path), name);
      }
      const importing = `/api/experiments/import?site=${site.id}&key=past&visitor=id&arm=arm&control=a&metric=bought%3Dpurchased&name=${escaped}`;
      await refuses(() => t.call('POST', importing, undefined, { raw: 'id,arm,bought\n1,a,1\n2,b,0\n', headers: { 'content-type': 'text/csv' } }), 'name');
      // The name of a query parameter is held to the rule as well.
      await refuses(() => t.call('GET', `/api/sites/${site.id}/drops?${escaped}=1`), 'query');
    }
  });

  it('refuses a NUL in a CSV cell or header, and a lone surrogate (not UTF-8), as invalid_csv naming the line', async () => {
    await world();
    const options = { site: site.id, key: 'past', visitor: 'id', arm: 'arm', control: 'a', metric: 'bought=purchased' };
    const files: Array<[string | Uint8Array, RegExp]> = [
      ['id,arm,bought\n1,a,1\n2\u0000,b,0\n', /line 3/],
      ['id,arm,bought\n1,a,1\n"2",b\u0000,0\n', /line 3/],
      ['id,arm,bought,no\u0000te\n1,a,1,x\n2,b,0,y\n', /line 1/],
      [Buffer.concat([Buffer.from('id,arm,bought\n1,a,1\n2,'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(',0\n')]), /line 3/],
    ];
    for (const [file, line] of files) {
      const before = await everything(database().db);
      const reply = await postImport(t, options, file);
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      expect(reply.body.error.code).toBe('invalid_csv');
      expect(reply.body.error.message).toMatch(line);
      expect(await everything(database().db)).toBe(before);
    }
  });

  it('rejects an event with either in its props (value or key), name or order, and stores the good event beside it', async () => {
    t = buildTestApp(database());
    const { site } = await runningSetup(t);
    const now = t.clock.now;
    for (const [, bad] of BAD_TEXT) {
      const events = [
        event('custom', now, { name: 'signup', props: { note: bad } }),
        event('custom', now, { name: 'signup', props: { [bad]: 1 } }),
        event('custom', now, { name: bad }),
        event('purchase', now, { value: 5, order: bad }),
        event('add_to_cart', now, { value: 5, props: { note: 'fine' } }),
      ];
      const reply = await send(t, site, `v-${bad.length}-${bad.charCodeAt(1)}`, events);
      expect(reply.status).toBe(202);
      expect(reply.body.accepted).toBe(1);
      expect(reply.body.rejected).toEqual(['props', 'props', 'name', 'order'].map((field, index) => ({ index, code: 'invalid_event', field })));
      // A batch's own fields are refused whole.
      const whole = await t.call('POST', '/v1/events', undefined, { token: null, raw: JSON.stringify({ site: site.publicKey, visitor: bad, events }), headers: { 'content-type': 'text/plain' } });
      expectRefused(whole, 'visitor');
    }
    const stored = await database().db.selectFrom('events').select(['type', 'props']).execute();
    expect(stored).toEqual([
      { type: 'add_to_cart', props: '{"note":"fine"}' },
      { type: 'add_to_cart', props: '{"note":"fine"}' },
    ]);
  });
});

// The admin answers the journey test does not reach: an uploaded creative, an imported past test
// and its results, the demo, and a dashboard login, each checked against the served document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaFile } from '../helpers/fixture-files.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';
import type { Reply } from '../helpers/app.js';
import { buildMediaApp, uploadFile, type MediaWorld } from '../creatives/helpers.js';
import { postImport } from '../imports/helpers.js';
import { expectMatches, type Doc } from './match-document.js';

const PAST_TEST = ['visitor,group,bought', 'v1,old,1', 'v2,new,0', 'v3,new,1', 'v4,old,0'].join('\n');

describe('admin answers match the served document', () => {
  let database: TestDatabase;
  let world: MediaWorld;
  let document: Doc;
  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    world = buildMediaApp(database);
    document = (await world.t.call('GET', '/api/openapi.json', undefined, { token: null })).body;
  });
  afterAll(async () => {
    world.cleanup();
    await database.cleanup();
  });
  const succeeds = (method: string, path: string, reply: Reply, status: number) => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expectMatches(document, method, path, reply);
  };

  it('an uploaded creative, listed and read, and an experiment whose variant uses it', async () => {
    const uploaded = await uploadFile(world, mediaFile('C.jpg'), 'C.jpg', 'image/jpeg');
    succeeds('post', '/api/creatives', uploaded, 201);
    succeeds('post', '/api/creatives', await uploadFile(world, mediaFile('C.jpg'), 'C.jpg', 'image/jpeg'), 200);
    succeeds('get', '/api/creatives', await world.t.call('GET', '/api/creatives'), 200);
    succeeds('get', '/api/creatives/{id}', await world.t.call('GET', `/api/creatives/${uploaded.body.id}`), 200);
    const site = (await world.t.call('POST', '/api/sites', { name: 'Shop', allowedOrigins: ['https://shop.example'] })).body;
    const variant = (key: string, control: boolean, url: string) => ({ key, name: key, origin: 'traditional', media: { type: 'image', url, alt: key, width: 10, height: 10 }, control });
    const created = await world.t.call('POST', `/api/sites/${site.id}/experiments`, {
      key: 'pack',
      name: 'Pack',
      slot: 'pack',
      primaryMetric: 'clicked',
      variants: [variant('a', true, 'https://shop.example/a.jpg'), variant('b', false, uploaded.body.url)],
    });
    succeeds('post', '/api/sites/{siteId}/experiments', created, 201);
    expect(created.body.variants[1].creative).not.toBeNull();
  });

  it('an imported past test, and its results', async () => {
    const site = (await world.t.call('POST', '/api/sites', { name: 'Archive' })).body;
    const imported = await postImport(world.t, { site: site.id, key: 'past', visitor: 'visitor', arm: 'group', control: 'old', metric: 'bought=purchased' }, PAST_TEST);
    succeeds('post', '/api/experiments/import', imported, 201);
    const id = imported.body.experiment.id;
    succeeds('get', '/api/experiments/{id}/results', await world.t.call('GET', `/api/experiments/${id}/results?alpha=0.1&adjust=none`), 200);
  });

  it('the demo, and a second load refused as demo_loaded', async () => {
    succeeds('post', '/api/demo', await world.t.call('POST', '/api/demo', { visitors: 30 }), 200);
    succeeds('post', '/api/demo', await world.t.call('POST', '/api/demo', { visitors: 30 }), 409);
  });

  it('a dashboard login and logout, and a wrong token', async () => {
    const headers = { origin: 'http://localhost' };
    succeeds('post', '/api/session', await world.t.call('POST', '/api/session', { token: 'test-admin-token-0123456789abcdef' }, { token: null, headers }), 200);
    succeeds('post', '/api/session', await world.t.call('POST', '/api/session', { token: 'wrong' }, { token: null, headers }), 401);
  });
});

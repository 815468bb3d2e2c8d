// Every route the app answers is in the API document, except the dashboard's HTML pages and its
// static files, named here one by one so a new route cannot slip out of the document unseen.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../server/openapi/document.js';
import { openTestDatabase } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/app.js';

const NOT_API = new Set([
  'GET /',
  'GET /login',
  'GET /welcome',
  'GET /import',
  'GET /sites',
  'GET /sites/*',
  'GET /experiments',
  'GET /experiments/*',
  'GET /dashboard/app.js',
  'GET /dashboard/app.css',
  'GET /dashboard/icon.svg',
]);

describe('the API document', () => {
  it('describes every route of the app but the dashboard pages and assets', async () => {
    const database = await openTestDatabase('sqlite');
    const { app } = buildTestApp(database);
    const document = buildOpenApiDocument('test') as { paths: Record<string, Record<string, unknown>> };
    const described = new Set(Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)));
    const routes = app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`);
    const missing = [...new Set(routes)].filter((route) => !described.has(route) && !NOT_API.has(route));
    expect(missing).toEqual([]);
    // And nothing described that the app does not answer.
    const answered = new Set(routes);
    expect([...described].filter((route) => !answered.has(route))).toEqual([]);
    await database.cleanup();
  });
});

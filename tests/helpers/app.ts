// A real app over a real test database, called through app.request(): no server, no mocks.
import { createServing } from '../../server/app.js';
import { hashToken } from '../../server/auth/admin-token.js';
import { createCatalog } from '../../server/collect/catalog.js';
import { createLastSeen } from '../../server/collect/last-seen.js';
import { createWriter, type WriterOptions } from '../../server/collect/writer.js';
import { loadConfig } from '../../server/config.js';
import type { TestDatabase } from './databases.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  /** The bearer token to send; null sends none. */
  token?: string | null;
  headers?: Record<string, string>;
  /** A raw body sent as it is, instead of JSON. */
  raw?: string;
}

export interface TestAppOptions {
  clock?: { now: number };
  env?: Record<string, string>;
  writer?: WriterOptions;
  /** Where the built browser code is read from (default: dist/public). */
  assetsDir?: string;
}

export function buildTestApp(database: TestDatabase, options: TestAppOptions = {}) {
  const clock = options.clock ?? { now: Date.UTC(2026, 10, 24, 12) };
  const now = () => clock.now;
  const config = loadConfig({ CANDOR_ADMIN_TOKEN: ADMIN_TOKEN, CANDOR_DATABASE_URL: 'sqlite::memory:', ...options.env });
  const catalog = createCatalog(database.db, { now });
  const writer = createWriter(database.db, database.dialect, { now, ...options.writer });
  const { app, direct } = createServing({
    db: database.db,
    dialect: database.dialect,
    config,
    adminTokenHash: hashToken(ADMIN_TOKEN),
    now,
    catalog,
    writer,
    lastSeen: createLastSeen(database.db),
    ...(options.assetsDir !== undefined && { assetsDir: options.assetsDir }),
  });

  async function call<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? ADMIN_TOKEN : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined = options.raw;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json';
    }
    const response = await app.request(path, { method, headers, ...(payload !== undefined && { body: payload }) });
    const text = await response.text();
    const parsed = text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  return { app, direct, clock, call, catalog, writer };
}

export type TestApp = ReturnType<typeof buildTestApp>;

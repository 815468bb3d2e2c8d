// The prepared-statement cache on a real SQLite database: a repeated query reuses its statement,
// the cache keeps at most its capacity, and it forgets the least recently used statement first.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../server/db/statement-cache.js';

describe('withStatementCache', () => {
  let sqlite: Database.Database;
  let prepares: string[];

  beforeEach(() => {
    sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE t (n INTEGER)');
    sqlite.exec('INSERT INTO t VALUES (1), (2), (3)');
    // Counts the real prepares behind the cache, on the real connection.
    prepares = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((sql: string) => (prepares.push(sql), prepare(sql))) as typeof sqlite.prepare;
  });
  afterEach(() => sqlite.close());

  const A = 'SELECT n FROM t WHERE n = 1';
  const B = 'SELECT n FROM t WHERE n = 2';
  const C = 'SELECT n FROM t WHERE n = 3';

  it('prepares a query once and hands back the same statement, which still runs', () => {
    const cached = withStatementCache(sqlite, 3);
    const first = cached.prepare(A);
    expect(cached.prepare(A)).toBe(first);
    expect(prepares).toEqual([A]);
    expect((first as unknown as Database.Statement).all()).toEqual([{ n: 1 }]);
  });

  it('forgets the least recently used statement when full, not the oldest prepared', () => {
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare(A);
    cached.prepare(B);
    expect(cached.prepare(A)).toBe(a); // A used again: B is now the least recently used
    cached.prepare(C); // evicts B
    expect(prepares).toEqual([A, B, C]);
    expect(cached.prepare(A)).toBe(a);
    cached.prepare(B); // prepared again, evicting C
    expect(prepares).toEqual([A, B, C, B]);
    cached.prepare(C);
    expect(prepares).toEqual([A, B, C, B, C]);
  });

  it('keeps exactly its capacity: as many queries as it holds are never prepared twice', () => {
    const cached = withStatementCache(sqlite, 3);
    for (let round = 0; round < 4; round++) for (const sql of [A, B, C]) cached.prepare(sql);
    expect(prepares).toEqual([A, B, C]);
    // One more than it holds, cycled: each use finds its statement just forgotten.
    const D = 'SELECT count(*) AS n FROM t';
    prepares.length = 0;
    for (let round = 0; round < 2; round++) for (const sql of [A, B, C, D]) cached.prepare(sql);
    expect(prepares).toEqual([D, A, B, C, D]);
  });
});

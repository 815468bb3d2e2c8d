// The admin token: generated once and stored only as a SHA-256, or taken from CANDOR_ADMIN_TOKEN
// and stored nowhere; reset for a lost token; compared without leaking timing or throwing.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateAdminToken, hashToken, resetAdminToken, resolveAdminToken, tokenMatches } from '../../server/auth/admin-token.js';
import { loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db/connect.js';
import { describeEachDialect } from '../helpers/databases.js';

const NOW = Date.UTC(2026, 10, 24, 12);
const WITHOUT_TOKEN = loadConfig({});
const ENV_TOKEN = 'env-admin-token-0123456789abcdef';
const WITH_TOKEN = loadConfig({ CANDOR_ADMIN_TOKEN: ENV_TOKEN });

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function settings(db: Db) {
  return db.selectFrom('settings').selectAll().execute();
}

describe('hashToken, generateAdminToken and tokenMatches', () => {
  it('hashes a token to the hex SHA-256 of its UTF-8 bytes', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('é')).toBe(sha256('é'));
  });

  it('generates a different 256-bit token each time, safe to paste into a header', () => {
    const tokens = new Set(Array.from({ length: 20 }, generateAdminToken));
    expect(tokens.size).toBe(20);
    for (const token of tokens) expect(token).toMatch(/^candor_[A-Za-z0-9_-]{43}$/);
  });

  it('accepts the token whose hash is stored', () => {
    const token = generateAdminToken();
    expect(tokenMatches(token, hashToken(token))).toBe(true);
  });

  it('rejects a wrong token of the same length', () => {
    const token = generateAdminToken();
    const other = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(tokenMatches(other, hashToken(token))).toBe(false);
  });

  it('rejects a token that is longer or shorter than the right one', () => {
    const token = generateAdminToken();
    expect(tokenMatches(token + 'x', hashToken(token))).toBe(false);
    expect(tokenMatches(token.slice(0, -1), hashToken(token))).toBe(false);
    expect(tokenMatches('', hashToken(token))).toBe(false);
  });

  it('rejects, rather than throws, when the stored hash is not a whole SHA-256', () => {
    const token = generateAdminToken();
    expect(tokenMatches(token, hashToken(token).slice(0, 32))).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, 'not hex at all')).toBe(false);
  });
});

describeEachDialect('resolveAdminToken and resetAdminToken', (database) => {
  it('generates a token on the first call and stores only its SHA-256', async () => {
    const { db } = database();
    const resolved = await resolveAdminToken(db, WITHOUT_TOKEN, NOW);
    expect(resolved.generated).toMatch(/^candor_/);
    expect(resolved.hash).toBe(sha256(resolved.generated!));
    const rows = await settings(db);
    expect(rows).toEqual([{ key: 'admin_token_sha256', value: resolved.hash, updatedAt: NOW }]);
    expect(JSON.stringify(rows)).not.toContain(resolved.generated!);
    expect(JSON.stringify(rows)).not.toContain(resolved.generated!.slice('candor_'.length));
  });

  it('returns the stored hash and no token on later calls', async () => {
    const { db } = database();
    const first = await resolveAdminToken(db, WITHOUT_TOKEN, NOW);
    const second = await resolveAdminToken(db, WITHOUT_TOKEN, NOW + 1000);
    expect(second).toEqual({ hash: first.hash });
    expect(second).not.toHaveProperty('generated');
    expect(await settings(db)).toEqual([{ key: 'admin_token_sha256', value: first.hash, updatedAt: NOW }]);
  });

  it('generates only one token when two starts race', async () => {
    const { db } = database();
    const results = await Promise.all([resolveAdminToken(db, WITHOUT_TOKEN, NOW), resolveAdminToken(db, WITHOUT_TOKEN, NOW)]);
    expect(results.filter((result) => result.generated !== undefined)).toHaveLength(1);
    expect(results[0]!.hash).toBe(results[1]!.hash);
    expect(await settings(db)).toHaveLength(1);
  });

  it('uses CANDOR_ADMIN_TOKEN when it is set and stores nothing', async () => {
    const { db } = database();
    const resolved = await resolveAdminToken(db, WITH_TOKEN, NOW);
    expect(resolved).toEqual({ hash: sha256(ENV_TOKEN) });
    expect(resolved).not.toHaveProperty('generated');
    expect(await settings(db)).toEqual([]);
  });

  it('lets CANDOR_ADMIN_TOKEN win over a token generated earlier', async () => {
    const { db } = database();
    const generated = await resolveAdminToken(db, WITHOUT_TOKEN, NOW);
    const resolved = await resolveAdminToken(db, WITH_TOKEN, NOW);
    expect(resolved.hash).toBe(sha256(ENV_TOKEN));
    expect(tokenMatches(generated.generated!, resolved.hash)).toBe(false);
  });

  it('replaces the stored hash on reset, so the old token stops matching and the new one matches', async () => {
    const { db } = database();
    const old = (await resolveAdminToken(db, WITHOUT_TOKEN, NOW)).generated!;
    const fresh = await resetAdminToken(db, NOW + 1000);
    expect(fresh).not.toBe(old);
    const rows = await settings(db);
    expect(rows).toEqual([{ key: 'admin_token_sha256', value: sha256(fresh), updatedAt: NOW + 1000 }]);
    expect(tokenMatches(fresh, rows[0]!.value)).toBe(true);
    expect(tokenMatches(old, rows[0]!.value)).toBe(false);
    expect(await resolveAdminToken(db, WITHOUT_TOKEN, NOW + 2000)).toEqual({ hash: sha256(fresh) });
  });

  it('stores a hash on reset even when no token was generated before', async () => {
    const { db } = database();
    const token = await resetAdminToken(db, NOW);
    expect(await settings(db)).toEqual([{ key: 'admin_token_sha256', value: sha256(token), updatedAt: NOW }]);
  });
});

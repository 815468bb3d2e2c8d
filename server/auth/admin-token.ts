// The admin token: taken from CANDOR_ADMIN_TOKEN, or generated on the first start with only its
// hash stored. A plain SHA-256 is enough here: the token is 256 random bits, not a password.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';

const SETTING_KEY = 'admin_token_sha256';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateAdminToken(): string {
  return 'candor_' + randomBytes(32).toString('base64url');
}

export function tokenMatches(token: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface AdminToken {
  hash: string;
  /** The token itself, only when this call generated it: print it once, it is stored nowhere. */
  generated?: string;
}

export async function resolveAdminToken(db: Db, config: Config, now: number): Promise<AdminToken> {
  if (config.adminToken !== undefined) return { hash: hashToken(config.adminToken) };
  const stored = await readStoredHash(db);
  if (stored !== undefined) return { hash: stored };
  const token = generateAdminToken();
  await db
    .insertInto('settings')
    .values({ key: SETTING_KEY, value: hashToken(token), updatedAt: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another process may have won the race; then its token stands and ours was never stored.
  const winner = (await readStoredHash(db))!;
  return winner === hashToken(token) ? { hash: winner, generated: token } : { hash: winner };
}

/** Replaces the stored token with a new one (for a lost token); returns the new token. */
export async function resetAdminToken(db: Db, now: number): Promise<string> {
  const token = generateAdminToken();
  await db
    .insertInto('settings')
    .values({ key: SETTING_KEY, value: hashToken(token), updatedAt: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: hashToken(token), updatedAt: now }))
    .execute();
  return token;
}

async function readStoredHash(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING_KEY).executeTakeFirst();
  return row?.value;
}

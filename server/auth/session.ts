// Dashboard sessions. The cookie holds a random 256-bit id; the database holds only an HMAC of
// it, keyed by the admin token's hash, as a `settings` row with its expiry. So a leaked database
// reveals no usable cookie, logging out ends the session in every process, sessions survive a
// restart, and a new admin token (a different HMAC key) ends every session made under the old one.
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.js';

export const SESSION_COOKIE = 'candor_session';
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

const KEY_PREFIX = 'session:';
const ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface Session {
  id: string;
  expiresAt: number;
}

function storedKey(adminTokenHash: string, id: string): string {
  return KEY_PREFIX + createHmac('sha256', Buffer.from(adminTokenHash, 'hex')).update(id, 'utf8').digest('hex');
}

export async function createSession(db: Db, adminTokenHash: string, now: number): Promise<Session> {
  await deleteExpiredSessions(db, now);
  const id = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_TTL_MS;
  await db
    .insertInto('settings')
    .values({ key: storedKey(adminTokenHash, id), value: String(expiresAt), updatedAt: now })
    .execute();
  return { id, expiresAt };
}

/** Whether the cookie's id names a live session; anything malformed is simply not one. */
export async function isLiveSession(db: Db, adminTokenHash: string, id: string | undefined, now: number): Promise<boolean> {
  if (id === undefined || !ID_PATTERN.test(id)) return false;
  const row = await db.selectFrom('settings').select('value').where('key', '=', storedKey(adminTokenHash, id)).executeTakeFirst();
  return row !== undefined && Number(row.value) > now;
}

export async function deleteSession(db: Db, adminTokenHash: string, id: string | undefined): Promise<void> {
  if (id === undefined || !ID_PATTERN.test(id)) return;
  await db.deleteFrom('settings').where('key', '=', storedKey(adminTokenHash, id)).execute();
}

/** Run at each login, so the table holds at most the sessions of the last week. */
async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', `${KEY_PREFIX}%`).execute();
  const expired = rows.filter((row) => !(Number(row.value) > now)).map((row) => row.key);
  if (expired.length > 0) await db.deleteFrom('settings').where('key', 'in', expired).execute();
}

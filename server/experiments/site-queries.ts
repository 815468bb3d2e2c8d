// Sites in the database: plain functions that take db first.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { siteFromRow, type Site } from './model.js';
import type { SiteInput, SitePatch } from './site-input.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `pk_` and 24 base-62 characters (about 143 bits): public, but not guessable. */
export function makePublicKey(): string {
  const bytes = randomBytes(24);
  let key = 'pk_';
  // 256 % 62 leaves a slight bias toward the first characters; harmless for an identifier.
  for (const byte of bytes) key += BASE62[byte % 62];
  return key;
}

export async function insertSite(db: Db, input: SiteInput, now: number): Promise<Site> {
  const row = {
    id: randomUUID(),
    publicKey: makePublicKey(),
    name: input.name,
    allowedOrigins: JSON.stringify(input.allowedOrigins),
    disclosurePolicy: input.disclosurePolicy,
    createdAt: now,
    updatedAt: now,
  };
  await db.insertInto('sites').values(row).execute();
  return siteFromRow(row);
}

export async function findSite(db: Db, id: string): Promise<Site | undefined> {
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  return row && siteFromRow(row);
}

export async function findSiteByPublicKey(db: Db, publicKey: string): Promise<Site | undefined> {
  const row = await db.selectFrom('sites').selectAll().where('publicKey', '=', publicKey).executeTakeFirst();
  return row && siteFromRow(row);
}

export async function listSites(db: Db): Promise<Site[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('createdAt').orderBy('id').execute();
  return rows.map(siteFromRow);
}

export async function updateSite(db: Db, id: string, patch: SitePatch, now: number): Promise<Site | undefined> {
  await db
    .updateTable('sites')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.allowedOrigins !== undefined && { allowedOrigins: JSON.stringify(patch.allowedOrigins) }),
      ...(patch.disclosurePolicy !== undefined && { disclosurePolicy: patch.disclosurePolicy }),
      updatedAt: now,
    })
    .where('id', '=', id)
    .execute();
  return findSite(db, id);
}

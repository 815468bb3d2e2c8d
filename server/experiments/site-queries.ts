// Sites in the database: plain functions that take db first.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { siteFromRow, type Site } from './model.js';
import { legacyPolicy } from './policy.js';
import type { DisclosurePolicy } from './vocabulary.js';
import { DEFAULT_CURRENCY, type SiteInput, type SitePatch } from './site-input.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `pk_` and 24 base-62 characters (about 143 bits): public, but not guessable. */
export function makePublicKey(): string {
  const bytes = randomBytes(24);
  let key = 'pk_';
  // 256 % 62 leaves a slight bias toward the first characters; harmless for an identifier.
  for (const byte of bytes) key += BASE62[byte % 62];
  return key;
}

/**
 * Currency and webhook secret may be left out by callers that build the input themselves (the CLI,
 * tests), and the presets given as an older client's policy word.
 */
type NewSite = Omit<SiteInput, 'currency' | 'shopifyWebhookSecret' | 'disclosurePresets'> &
  Partial<Pick<SiteInput, 'currency' | 'shopifyWebhookSecret' | 'disclosurePresets'>> & { disclosurePolicy?: DisclosurePolicy };

export async function insertSite(db: Db, input: NewSite, now: number): Promise<Site> {
  const presets = input.disclosurePresets ?? [input.disclosurePolicy ?? 'strict'];
  const row = {
    id: randomUUID(),
    publicKey: makePublicKey(),
    name: input.name,
    allowedOrigins: JSON.stringify(input.allowedOrigins),
    disclosurePolicy: legacyPolicy(presets),
    disclosurePresets: JSON.stringify(presets),
    currency: input.currency ?? DEFAULT_CURRENCY,
    shopifyWebhookSecret: input.shopifyWebhookSecret ?? null,
    shopifyWebhookLastAt: null,
    shopifyWebhookLastResult: null,
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

/** What a patch changes; the presets already resolved from an older client's policy word (site-routes.ts). */
export type SiteChange = Omit<SitePatch, 'disclosurePolicy'>;

export async function updateSite(db: Db, id: string, patch: SiteChange, now: number): Promise<Site | undefined> {
  await db
    .updateTable('sites')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.allowedOrigins !== undefined && { allowedOrigins: JSON.stringify(patch.allowedOrigins) }),
      ...(patch.disclosurePresets !== undefined && { disclosurePresets: JSON.stringify(patch.disclosurePresets), disclosurePolicy: legacyPolicy(patch.disclosurePresets) }),
      ...(patch.currency !== undefined && { currency: patch.currency }),
      ...(patch.shopifyWebhookSecret !== undefined && { shopifyWebhookSecret: patch.shopifyWebhookSecret }),
      updatedAt: now,
    })
    .where('id', '=', id)
    .execute();
  return findSite(db, id);
}

/** The secret a site's Shopify webhooks are signed with, or null when none is set. */
export async function findShopifyWebhookSecret(db: Db, siteId: string): Promise<string | null> {
  const row = await db.selectFrom('sites').select('shopifyWebhookSecret').where('id', '=', siteId).executeTakeFirst();
  return row?.shopifyWebhookSecret ?? null;
}

/** Notes the last webhook's time and fate, for the install page. */
export async function recordShopifyWebhook(db: Db, siteId: string, result: string, at: number): Promise<void> {
  await db.updateTable('sites').set({ shopifyWebhookLastAt: at, shopifyWebhookLastResult: result }).where('id', '=', siteId).execute();
}

// What the admin API accepts for a site, and how an allowed origin is normalised.
import { z } from 'zod';
import { DISCLOSURE_POLICIES, DISCLOSURE_PRESETS, LIMITS } from './vocabulary.js';

export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** `https://Shop.example/` → `https://shop.example`; null for anything that is not a bare http(s) origin. */
export function normaliseOrigin(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  return url.origin;
}

const origin = z
  .string()
  .max(LIMITS.url)
  .transform((value, ctx) => {
    const normalised = normaliseOrigin(value.trim());
    if (normalised === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an http(s) origin such as https://shop.example, with no path' });
      return z.NEVER;
    }
    return normalised;
  });

const origins = z
  .array(origin)
  .max(LIMITS.origins)
  .transform((list) => [...new Set(list)]);

/** ISO 4217 alphabetic code; a site that never chose one is in US dollars. */
export const CURRENCY = /^[A-Z]{3}$/;
export const DEFAULT_CURRENCY = 'USD';
const currency = z.string().regex(CURRENCY, 'must be an ISO 4217 code such as USD or EUR (three capital letters)');

/**
 * Shopify shows a webhook's signing secret once, as a long hex string; we take any printable
 * ASCII of a sane length. Null clears it (webhooks are then refused).
 */
const webhookSecret = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(256)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** The presets combine, except strict and research, which answer the same question two ways. */
export const presetList = z
  .array(z.enum(DISCLOSURE_PRESETS))
  .min(1, 'pick at least one preset')
  .max(DISCLOSURE_PRESETS.length)
  .transform((list) => [...new Set(list)])
  .refine((list) => !(list.includes('strict') && list.includes('research')), 'strict and research contradict each other: pick one')
  .meta({ description: 'The disclosure presets in force, combined (default ["strict"]); strict and research exclude each other.' });

const policy = z.enum(DISCLOSURE_POLICIES).meta({ description: 'Older clients\' word for the presets: strict or research, the legal presets kept.' });

/** Both may be given only when they agree (the policy word is what the presets read as). */
function checkPolicyAgrees(value: { disclosurePresets?: readonly string[] | undefined; disclosurePolicy?: string | undefined }, ctx: z.RefinementCtx): void {
  if (!value.disclosurePresets || !value.disclosurePolicy) return;
  const word = value.disclosurePresets.includes('strict') ? 'strict' : 'research';
  if (word !== value.disclosurePolicy) {
    ctx.addIssue({ code: 'custom', path: ['disclosurePolicy'], message: `the presets read as "${word}"; give disclosurePresets alone` });
  }
}

export const siteInput = z
  .strictObject({
    name: text(LIMITS.name),
    allowedOrigins: origins.default([]),
    disclosurePresets: presetList.optional(),
    disclosurePolicy: policy.optional(),
    currency: currency.default(DEFAULT_CURRENCY),
    shopifyWebhookSecret: webhookSecret.nullable().default(null),
  })
  .superRefine(checkPolicyAgrees)
  .transform(({ disclosurePolicy, disclosurePresets, ...site }) => ({ ...site, disclosurePresets: disclosurePresets ?? [disclosurePolicy ?? 'strict'] }));

export const sitePatch = z
  .strictObject({
    name: text(LIMITS.name).optional(),
    allowedOrigins: origins.optional(),
    disclosurePresets: presetList.optional(),
    disclosurePolicy: policy.optional(),
    currency: currency.optional(),
    shopifyWebhookSecret: webhookSecret.nullable().optional(),
  })
  .superRefine(checkPolicyAgrees);

export type SiteInput = z.output<typeof siteInput>;
export type SitePatch = z.output<typeof sitePatch>;

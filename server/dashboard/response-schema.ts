// What the session and installation routes answer, as zod schemas for the API document.
import { z } from 'zod';
import { CHECKED_CONVERSIONS } from '../collect/last-seen.js';

export const sessionSchema = z.strictObject({ authenticated: z.boolean() });
export const loggedInSchema = z.strictObject({ authenticated: z.literal(true), expiresAt: z.number() });

const sightingSchema = z.strictObject({ at: z.number(), secondsAgo: z.number().int() });

export const installationSchema = z.strictObject({
  siteId: z.string(),
  publicKey: z.string(),
  scriptTag: z.string(),
  slots: z.array(z.strictObject({ slot: z.string(), markup: z.string() })),
  lastSeen: z
    .strictObject({ at: z.number(), origin: z.string().nullable(), source: z.enum(['memory', 'events']), secondsAgo: z.number().int() })
    .nullable(),
  conversions: z.record(z.enum(CHECKED_CONVERSIONS), sightingSchema.nullable()),
  shopify: z.strictObject({
    pixelPath: z.string(),
    webhookUrl: z.string(),
    webhook: z.strictObject({ secretSet: z.boolean(), lastAt: z.number().nullable(), lastResult: z.string().nullable(), secondsAgo: z.number().int().nullable() }),
  }),
  currency: z.string(),
  now: z.number(),
});

export type Installation = z.infer<typeof installationSchema>;

// Answers of routes whose folders are being reworked elsewhere (distributions, import, Shopify
// webhook, demo), described by their envelope: the keys each answer always has, the inside left
// open until those folders declare their own schemas.
import { z } from 'zod';
import { experimentSchema, siteSchema } from '../experiments/response-schema.js';

export const distributionsSchema = z.looseObject({
  experimentId: z.string(),
  generatedAt: z.number(),
  trust: z.array(z.looseObject({ variant: z.string(), counts: z.array(z.number().int()), answered: z.number().int(), outOfScale: z.number().int() })),
  noticed: z.array(z.strictObject({ variant: z.string(), yes: z.number().int(), no: z.number().int() })),
  video: z.array(z.looseObject({ variant: z.string() })),
});

export const importAnswerSchema = z.strictObject({ experiment: experimentSchema, report: z.looseObject({}) });

export const shopifyWebhookAnswerSchema = z.looseObject({
  topic: z.string(),
  order: z.string(),
  refund: z.string().optional(),
  result: z.enum(['recorded', 'duplicate', 'not_attributed']),
});

export const demoAnswerSchema = z.strictObject({ site: siteSchema, experiment: experimentSchema, visitors: z.number().int(), events: z.number().int() });

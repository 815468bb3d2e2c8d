// Answers of routes whose folders are being reworked elsewhere (import, Shopify webhook,
// demo), described by their envelope: the keys each answer always has, the inside left
// open until those folders declare their own schemas.
import { z } from 'zod';
import { experimentSchema, siteSchema } from '../experiments/response-schema.js';

export const importAnswerSchema = z.strictObject({ experiment: experimentSchema, report: z.looseObject({}) });

export const shopifyWebhookAnswerSchema = z.looseObject({
  topic: z.string(),
  order: z.string(),
  refund: z.string().optional(),
  result: z.enum(['recorded', 'duplicate', 'not_attributed']),
});

export const demoAnswerSchema = z.strictObject({ site: siteSchema, experiment: experimentSchema, visitors: z.number().int(), events: z.number().int() });

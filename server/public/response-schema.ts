// What the public routes answer (health, the snippet's configuration, server-side assignment), as
// zod schemas for the API document. The configuration's types must fit them (checked below).
import { z } from 'zod';
import { disclosureSchema, mediaSchema } from '../experiments/response-schema.js';
import { SURVEY_QUESTION_NAMES } from '../experiments/vocabulary.js';
import { DEVICES, SOURCES } from '../segments/vocabulary.js';
import type { PublicVariant, SnippetConfig } from './snippet-config.js';

export const healthSchema = z.strictObject({ status: z.literal('ok'), time: z.number() });

const publicVariantSchema = z.strictObject({
  key: z.string(),
  control: z.boolean(),
  weight: z.number(),
  media: mediaSchema,
  disclosure: disclosureSchema,
  clickUrl: z.string().nullable(),
  html: z.string().meta({ description: 'The creative with its disclosure, as visitors see it.' }),
});

const surveyCardSchema = z.strictObject({
  question: z.enum(SURVEY_QUESTION_NAMES),
  text: z.string(),
  delaySeconds: z.number().int(),
  choices: z.array(z.strictObject({ value: z.number(), label: z.string() })),
  close: z.string(),
  html: z.string(),
});

export const snippetConfigSchema = z
  .strictObject({
    site: z.string(),
    experiments: z.array(
      z.strictObject({
        key: z.string(),
        slot: z.string(),
        seed: z.string(),
        coverage: z.number(),
        ranges: z.array(z.tuple([z.number(), z.number()])).meta({ description: "Each variant's bucket range [start, end) of the visitor hash, in variant order." }),
        survey: surveyCardSchema.nullable(),
        variants: z.array(publicVariantSchema),
      }),
    ),
    segments: z
      .strictObject({
        devices: z.array(z.tuple([z.enum(DEVICES), z.string()])),
        sources: z.array(z.tuple([z.enum(SOURCES), z.string()])),
      })
      .meta({ description: 'How the snippet classifies the device (media queries) and traffic source (case-insensitive patterns): first match wins.' }),
  })
  .meta({ id: 'SnippetConfig' });

export const assignAnswerSchema = z.strictObject({
  experiment: z.string(),
  visitor: z.string(),
  variant: publicVariantSchema.nullable(),
  reason: z.enum(['assigned', 'not_running', 'outside_coverage']),
});

type Fits<A, B> = A extends B ? (B extends A ? true : false) : false;
export const snippetConfigFits: Fits<SnippetConfig, z.infer<typeof snippetConfigSchema>> = true;
export const publicVariantFits: Fits<PublicVariant, z.infer<typeof publicVariantSchema>> = true;

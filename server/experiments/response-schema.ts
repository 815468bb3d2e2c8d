// What the admin API answers for sites and experiments, as zod schemas that the API document
// (server/openapi/) is generated from. model.ts's types must satisfy them (checked below), so
// the code and the document cannot drift apart.
import { z } from 'zod';
import { derivativeSchema } from '../creatives/derivative-schema.js';
import { provenanceSchema } from '../creatives/provenance-schema.js';
import type { Experiment, Site } from './model.js';
import { plannedEffectInput, revenueCapInput } from './plan-settings.js';
import { EXPERIMENT_STATUSES } from './status.js';
import { DISCLOSURE_POLICIES, DISCLOSURE_PRESETS, DISCLOSURE_POSITIONS, DISCLOSURE_STYLES, LIKENESS, MEDIA_TYPES, METRIC_NAMES, ORIGINS, SURVEY_QUESTION_NAMES } from './vocabulary.js';

export const siteSchema = z
  .strictObject({
    id: z.string(),
    publicKey: z.string().meta({ description: 'The key the snippet and the public API name the site by (pk_…).' }),
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    disclosurePresets: z.array(z.enum(DISCLOSURE_PRESETS)).meta({ description: 'The disclosure presets in force, combined; each is checked at start against the arms.' }),
    disclosurePolicy: z.enum(DISCLOSURE_POLICIES).meta({ description: 'Older clients\' view of the presets: strict when strict is on, research otherwise.' }),
    currency: z.string().meta({ description: 'ISO 4217: the currency every revenue of the site is in.' }),
    shopifyWebhook: z.strictObject({ secretSet: z.boolean(), lastAt: z.number().nullable(), lastResult: z.string().nullable() }),
    createdAt: z.number().meta({ description: 'Milliseconds since the epoch.' }),
    updatedAt: z.number(),
  })
  .meta({ id: 'Site' });

export const disclosureSchema = z.strictObject({
  style: z.enum(DISCLOSURE_STYLES),
  text: z.string().nullable(),
  position: z.enum(DISCLOSURE_POSITIONS).nullable(),
  showForSeconds: z.number().int().nullable().describe('Video only: the label hides after this many seconds; null shows it throughout.'),
});

export const mediaSchema = z.strictObject({
  type: z.enum(MEDIA_TYPES),
  url: z.string(),
  poster: z.string().nullable(),
  alt: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

const variantSchema = z.strictObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  origin: z.enum(ORIGINS),
  disclosure: disclosureSchema,
  media: mediaSchema,
  clickUrl: z.string().nullable(),
  weight: z.number(),
  likeness: z.enum(LIKENESS),
  consentRef: z.string().nullable(),
  generator: z.string().nullable(),
  photorealistic: z.boolean().nullable().meta({ description: 'Declared by the shop; null: not said (a preset that depends on it refuses the start).' }),
  syntheticHuman: z.boolean().nullable().meta({ description: 'Depicts an AI-generated human (a synthetic performer).' }),
  realProduct: z.boolean().nullable().meta({ description: 'Depicts the real product.' }),
  control: z.boolean(),
  creative: z
    .strictObject({ id: z.string(), sha256: z.string(), provenance: provenanceSchema, posterSha256: z.string().nullable(), derivatives: z.array(derivativeSchema) })
    .nullable(),
});

export const surveySchema = z.strictObject({
  question: z.enum(SURVEY_QUESTION_NAMES),
  text: z.string(),
  low: z.string().nullable(),
  high: z.string().nullable(),
  delaySeconds: z.number().int(),
});

export const experimentSchema = z
  .strictObject({
    id: z.string(),
    siteId: z.string(),
    key: z.string(),
    name: z.string(),
    hypothesis: z.string(),
    slot: z.string(),
    coverage: z.number(),
    primaryMetric: z.enum(METRIC_NAMES),
    guardrailMetrics: z.array(z.enum(METRIC_NAMES)),
    plannedSampleSize: z.number().int().nullable(),
    plannedEffect: plannedEffectInput,
    revenueCap: revenueCapInput,
    revenueCapValue: z.number().nullable().meta({ description: 'The revenue cap in force; null until it is fixed (at the first start for a value, once the first days are over for a percentile).' }),
    revenueCapFixedAt: z.number().nullable().meta({ description: 'When the cap was fixed, in milliseconds since the epoch.' }),
    seed: z.string(),
    status: z.enum(EXPERIMENT_STATUSES),
    startedAt: z.number().nullable(),
    stoppedAt: z.number().nullable(),
    importedAt: z.number().nullable(),
    metricLabels: z.partialRecord(z.enum(METRIC_NAMES), z.string()),
    survey: surveySchema.nullable(),
    createdAt: z.number(),
    updatedAt: z.number(),
    variants: z.array(variantSchema),
  })
  .meta({ id: 'Experiment' });

const policyWarningSchema = z.strictObject({ field: z.string(), message: z.string() });

/** One experiment as the admin API answers it: with what its media says against its declared origins. */
export const experimentAnswerSchema = experimentSchema
  .extend({ warnings: z.array(policyWarningSchema) })
  .meta({ id: 'ExperimentAnswer' });

export const siteListSchema = z.strictObject({ sites: z.array(siteSchema) });
export const experimentListSchema = z.strictObject({ experiments: z.array(experimentSchema) });

export type ExperimentAnswer = z.infer<typeof experimentAnswerSchema>;

// The model's types must fit the schemas: a field added to one and not the other fails here.
type Fits<A, B> = A extends B ? (B extends A ? true : false) : false;
export const siteFits: Fits<Site, z.infer<typeof siteSchema>> = true;
export const experimentFits: Fits<Experiment, z.infer<typeof experimentSchema>> = true;

// What the creatives routes answer, as zod schemas for the API document; queries.ts's Creative
// must fit them (checked below).
import { z } from 'zod';
import { derivativeSchema } from './derivative-schema.js';
import { provenanceSchema } from './provenance-schema.js';
import type { Creative } from './queries.js';

export const creativeSchema = z
  .strictObject({
    id: z.string(),
    sha256: z.string(),
    kind: z.enum(['image', 'video']),
    mime: z.string(),
    ext: z.enum(['jpg', 'png', 'webp', 'avif', 'mp4', 'webm']),
    bytes: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    durationMs: z.number().nullable(),
    url: z.string(),
    posterUrl: z.string().nullable(),
    derivatives: z.array(derivativeSchema).nullable(),
    provenance: provenanceSchema,
    provenanceSummary: z.string(),
    suggested: z.strictObject({ origin: z.enum(['ai', 'hybrid']), generator: z.string().nullable() }).nullable(),
    originalName: z.string().nullable(),
    createdAt: z.number(),
  })
  .meta({ id: 'Creative' });

export const creativeListSchema = z.strictObject({ creatives: z.array(creativeSchema) });

type Fits<A, B> = A extends B ? (B extends A ? true : false) : false;
export const creativeFits: Fits<Creative, z.infer<typeof creativeSchema>> = true;

// What a creative's file says of its making (Content Credentials or XMP), as the API answers it:
// here, beside the creatives that read it, so experiments' answers import it and not the reverse.
import { z } from 'zod';

export const provenanceSchema = z
  .strictObject({
    source: z.enum(['c2pa', 'xmp', 'none']),
    manifest: z.boolean(),
    validation: z.enum(['trusted', 'valid', 'invalid']).nullable(),
    problems: z.array(z.string()),
    claimGenerator: z.string().nullable(),
    digitalSourceType: z.string().nullable(),
    softwareAgent: z.string().nullable(),
    signer: z.strictObject({ issuer: z.string().nullable(), name: z.string().nullable(), time: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Provenance' });

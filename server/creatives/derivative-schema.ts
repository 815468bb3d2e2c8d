// A derivative as the API shows it (creatives/derivatives.ts makes them), for the creatives and
// experiments documents alike.
import { z } from 'zod';

export const derivativeSchema = z
  .strictObject({
    width: z.number().int(),
    height: z.number().int(),
    ext: z.enum(['avif', 'webp', 'jpg', 'png']),
    sha256: z.string(),
    bytes: z.number().int(),
  })
  .meta({ id: 'Derivative' });

// The error answer every route shares, `{error: {code, message, field?, violations?}}`, as a zod schema over
// the closed set of codes in errors.ts, so the API document lists exactly the codes routes throw.
import { z } from 'zod';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '../errors.js';

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const errorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      field: z.string().optional().meta({ description: 'The request field at fault, as a path such as variants[1].weight.' }),
      violations: z
        .array(
          z.strictObject({
            rule: z.string().meta({ description: 'The disclosure preset broken, e.g. ny-gbl-396-b.' }),
            variant: z.string().meta({ description: 'The key of the arm that breaks it.' }),
            missing: z.string().meta({ description: 'What the arm lacks: disclosure, visible-disclosure, conspicuous-disclosure, content-credentials, photorealistic, syntheticHuman, realProduct or declared-origin.' }),
            field: z.string(),
            message: z.string(),
          }),
        )
        .optional()
        .meta({ description: 'With disclosure_policy: every rule the arms break, one entry per rule and arm.' }),
    }),
  })
  .meta({ id: 'Error' });

// Compile-time check that the schema and the renderer's type agree.
export const errorBodyMatches: z.infer<typeof errorBodySchema> extends ErrorBody ? (ErrorBody extends z.infer<typeof errorBodySchema> ? true : false) : false = true;

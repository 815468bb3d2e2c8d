// The error answer every route shares, `{error: {code, message, field?}}`, as a zod schema over
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
    }),
  })
  .meta({ id: 'Error' });

// Compile-time check that the schema and the renderer's type agree.
export const errorBodyMatches: z.infer<typeof errorBodySchema> extends ErrorBody ? (ErrorBody extends z.infer<typeof errorBodySchema> ? true : false) : false = true;

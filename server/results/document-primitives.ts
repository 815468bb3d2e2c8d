// The figures every section of the results document is made of: a number that may be missing,
// an interval, an effect with its test, a verdict. Declared once for document-schema.ts and
// action-sections-schema.ts.
import { z } from 'zod';

/** A figure that may be missing: null where the data cannot give it. */
export const figure = z.number().nullable();

export const interval = z.object({ estimate: figure, lower: figure, upper: figure });
export const effect = interval.extend({
  standardError: figure,
  statistic: figure.describe('The test statistic (z or t) for a zero effect.'),
  pValue: figure,
});

export const verdict = z.enum(['better', 'worse', 'inconclusive', 'no-data']);

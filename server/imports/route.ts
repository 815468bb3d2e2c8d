// POST /api/experiments/import?site=…&key=…&visitor=…&arm=…&control=…&metric=COLUMN=METRIC[:LABEL]…
// with the CSV as a text/csv body, read as a stream within its own 200 MB cap (app.ts mounts it
// before the admin API's 256 KB limit). Answers 201 with the experiment and the import's report.
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.js';
import { bodyChunks } from '../http/body-chunks.js';
import { HttpError } from '../errors.js';
import { parseInput } from '../http/validate.js';
import { importCsv } from './import-csv.js';
import { IMPORT_LIMITS, ImportError, tooLarge } from './import-error.js';
import { IMPORT_OPTION_NAMES, importOptionsInput } from './options.js';

export const IMPORT_PATH = '/experiments/import';

export function importRoutes({ db, dialect, now, catalog }: AppDeps): Hono {
  const app = new Hono();
  app.post(IMPORT_PATH, async (c) => {
    const options = parseInput(importOptionsInput, queryOptions(c));
    if (!/^text\/csv\b/i.test(c.req.header('content-type') ?? '')) {
      throw new HttpError('unsupported_media_type', 'Send the file as the body, with Content-Type: text/csv.');
    }
    const declared = c.req.header('content-length');
    try {
      if (declared !== undefined && Number(declared) > IMPORT_LIMITS.bytes) throw tooLarge();
      const body = c.req.raw.body;
      if (!body) throw new ImportError('invalid_csv', 'The body is empty: send the CSV file as the body.');
      const result = await importCsv(db, dialect, options, bodyChunks(body, IMPORT_LIMITS.bytes, () => tooLarge()), now(), options.key);
      catalog.invalidate();
      return c.json(result, 201);
    } catch (err) {
      if (err instanceof ImportError) throw new HttpError(err.code, err.message, err.field);
      throw err;
    }
  });
  return app;
}

/** The query as the options schema takes it: repeatable options as lists, the others as one value. */
function queryOptions(c: Context): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(c.req.queries())) {
    const repeatable = Object.hasOwn(IMPORT_OPTION_NAMES, name) && IMPORT_OPTION_NAMES[name as keyof typeof IMPORT_OPTION_NAMES];
    raw[name] = repeatable || values.length !== 1 ? values : values[0]!;
  }
  return raw;
}

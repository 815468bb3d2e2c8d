// Admin routes for creatives: POST /api/creatives (multipart/form-data, one "file" field, read
// as a stream within its own caps: app.ts mounts this before the admin API's 256 KB limit),
// GET /api/creatives (newest first) and GET /api/creatives/:id.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { bodyChunks } from '../http/body-chunks.js';
import { HttpError } from '../errors.js';
import { CreativeError, megabytes } from './creative-error.js';
import { boundaryOf, MULTIPART_LIMITS } from './multipart.js';
import { createPosterMaker } from './poster.js';
import { createProvenanceReader } from './provenance.js';
import { creativeFromRow, findCreative, listCreatives } from './queries.js';
import { uploadCreative, type UploadDeps } from './upload.js';

const LIST_LIMIT = 1000;
/** Room for the form's boundaries, headers and small fields around the file. */
const FORM_OVERHEAD = 64 * 1024 + MULTIPART_LIMITS.parts * MULTIPART_LIMITS.headerBytes;

export function creativeRoutes({ db, config, now }: AppDeps): Hono {
  const app = new Hono();
  const uploads: UploadDeps = {
    db,
    mediaDir: config.mediaDir,
    limits: { maxImageBytes: config.maxImageBytes, maxVideoBytes: config.maxVideoBytes },
    now,
    provenance: createProvenanceReader(),
    posters: createPosterMaker(config.ffmpeg),
  };
  const maxBody = Math.max(config.maxImageBytes, config.maxVideoBytes) + FORM_OVERHEAD;

  app.post('/creatives', async (c) => {
    const boundary = boundaryOf(c.req.header('content-type'));
    if (!boundary) throw new HttpError('unsupported_media_type', 'Send the file as multipart/form-data, in a field named "file".');
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > maxBody) {
      throw new HttpError('payload_too_large', `The upload is over ${megabytes(maxBody - FORM_OVERHEAD)}, the most Candor takes for a creative.`);
    }
    const body = c.req.raw.body;
    if (!body) throw new HttpError('invalid_field', 'The body is empty: send the file in a field named "file".', 'file');
    try {
      const { row, created } = await uploadCreative(uploads, bodyChunks(body, maxBody, () => new CreativeError('payload_too_large', `The upload is over ${megabytes(maxBody - FORM_OVERHEAD)}.`, 'file')), boundary);
      return c.json(creativeFromRow(row, config.publicUrl), created ? 201 : 200);
    } catch (err) {
      if (err instanceof CreativeError) throw new HttpError(err.code, err.message, err.field);
      throw err;
    }
  });

  app.get('/creatives', async (c) => {
    const rows = await listCreatives(db, LIST_LIMIT);
    return c.json({ creatives: rows.map((row) => creativeFromRow(row, config.publicUrl)) });
  });

  app.get('/creatives/:id', async (c) => {
    const row = await findCreative(db, c.req.param('id'));
    if (!row) throw new HttpError('not_found', `No creative with id "${c.req.param('id')}".`);
    return c.json(creativeFromRow(row, config.publicUrl));
  });

  return app;
}


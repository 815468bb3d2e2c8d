// One upload, step by step: the form's `file` part streamed to a temp file (typed by its bytes,
// capped, hashed), the same bytes already stored answered at once, then the file's own facts
// (size, length), its provenance, a poster and the smaller copies for srcset, and only then kept and listed. A refused file
// leaves nothing behind.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import type { CreativesTable } from '../db/types.js';
import { CreativeError } from './creative-error.js';
import { makeDerivatives } from './derivatives.js';
import { inspectFile } from './inspect.js';
import { MultipartError, readMultipart } from './multipart.js';
import type { PosterMaker } from './poster.js';
import type { ProvenanceReader } from './provenance.js';
import { findCreativeBySha, insertCreative } from './queries.js';
import { commitUpload, discardUpload, receiveUpload, storedPath, type Received, type UploadLimits } from './store.js';

export interface UploadDeps {
  db: Db;
  mediaDir: string;
  limits: UploadLimits;
  now: () => number;
  provenance: ProvenanceReader;
  posters: PosterMaker;
}

export interface Uploaded {
  row: CreativesTable;
  /** False when the same bytes were already stored: the existing creative is the answer. */
  created: boolean;
}

const MAX_NAME = 255;

export async function uploadCreative(deps: UploadDeps, body: AsyncIterable<Uint8Array>, boundary: string): Promise<Uploaded> {
  let received: Received | null = null;
  let originalName: string | null = null;
  try {
    try {
      for await (const part of readMultipart(body, boundary)) {
        if (part.name !== 'file') continue;
        if (received) throw new CreativeError('invalid_field', 'Send one file per upload, in the form field "file".', 'file');
        originalName = part.filename ? part.filename.replace(/[\0-\x1f\x7f]/g, '').slice(0, MAX_NAME) || null : null;
        received = await receiveUpload(deps.mediaDir, part.body, { filename: part.filename, contentType: part.contentType }, deps.limits);
      }
    } catch (err) {
      if (err instanceof MultipartError) throw new CreativeError('invalid_field', err.message, 'file');
      throw err;
    }
    if (!received) throw new CreativeError('invalid_field', 'The form has no "file" field: send the image or video as multipart/form-data with the field name "file".', 'file');

    const existing = await findCreativeBySha(deps.db, received.sha256);
    if (existing) {
      await discardUpload(received);
      return { row: existing, created: false };
    }
    const { format, tempPath } = received;
    const inspection = await inspectFile(format, tempPath);
    if ('problem' in inspection) throw new CreativeError('invalid_media', `The ${format.label} cannot be used: ${inspection.problem}.`, 'file');
    const provenance = await deps.provenance.read(tempPath, format);
    const posterSha256 = format.kind === 'video' ? await deps.posters.make(tempPath, deps.mediaDir) : null;

    // Smaller copies of what visitors see (the image, or the video's poster) for srcset: derivatives.ts.
    const derivatives = format.kind === 'image' ? await makeDerivatives(tempPath, format.ext, deps.mediaDir) : posterSha256 ? await makeDerivatives(storedPath(deps.mediaDir, posterSha256, 'jpg'), 'jpg', deps.mediaDir) : [];

    await commitUpload(deps.mediaDir, received);
    const row: CreativesTable = {
      id: randomUUID(),
      sha256: received.sha256,
      kind: format.kind,
      mime: format.mime,
      ext: format.ext,
      bytes: received.bytes,
      width: inspection.facts.width,
      height: inspection.facts.height,
      durationMs: inspection.facts.durationMs,
      posterSha256,
      derivatives: JSON.stringify(derivatives),
      provenance: JSON.stringify(provenance),
      originalName,
      createdAt: deps.now(),
    };
    try {
      await insertCreative(deps.db, row);
    } catch (err) {
      // Another upload of the same bytes (here or in another process) was listed first.
      if (!isUniqueViolation(err)) throw err;
      const winner = await findCreativeBySha(deps.db, row.sha256);
      if (!winner) throw err;
      return { row: winner, created: false };
    }
    return { row, created: true };
  } catch (err) {
    if (received) await discardUpload(received);
    throw err;
  }
}

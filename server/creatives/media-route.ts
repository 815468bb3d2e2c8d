// GET /media/<sha256>.<ext>: a stored creative, public, as browsers and video players want it:
// its type, cached for good (the URL changes when the content does), an ETag, Range requests,
// nosniff. Only names of that exact shape are served, so nothing else in the folder (or
// outside it) can be reached: no dots, no slashes, no temp files.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { HttpError } from '../errors.js';
import { matchesIfNoneMatch } from '../http/etag.js';
import { FORMATS, MEDIA_FILE_NAME, type FormatExt } from './formats.js';
import { parseRange, rangeStillApplies } from './range.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function mediaRoutes({ config }: Pick<AppDeps, 'config'>): Hono {
  const app = new Hono();

  app.get('/media/:file', async (c) => {
    const name = c.req.param('file');
    const match = MEDIA_FILE_NAME.exec(name);
    if (!match) throw notFound();
    const [, sha256, ext] = match as unknown as [string, string, FormatExt];
    const handle = await openStored(join(config.mediaDir, name));
    let streaming = false;
    try {
      const { size } = await handle.stat();
      const etag = `"${sha256}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', IMMUTABLE);
      c.header('Accept-Ranges', 'bytes');
      c.header('X-Content-Type-Options', 'nosniff');
      // Shops show these on their own pages, from another origin.
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      c.header('Content-Security-Policy', 'sandbox');
      if (matchesIfNoneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);

      const range = rangeStillApplies(c.req.header('if-range'), etag) ? parseRange(c.req.header('range'), size) : { kind: 'whole' as const };
      if (range.kind === 'unsatisfiable') {
        c.header('Content-Range', `bytes */${size}`);
        throw new HttpError('range_not_satisfiable', `The file is ${size} bytes long; the range asked for starts past its end.`);
      }
      const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
      c.header('Content-Type', FORMATS[ext].mime);
      c.header('Content-Length', String(end - start + 1));
      if (range.kind === 'partial') c.header('Content-Range', `bytes ${start}-${end}/${size}`);
      const status = range.kind === 'partial' ? 206 : 200;
      // Hono answers HEAD through this GET route; open no stream for a body that is never sent.
      if (c.req.method === 'HEAD') return c.body(null, status);
      const stream = Readable.toWeb(handle.createReadStream({ start, end, highWaterMark: 256 * 1024 })) as unknown as ReadableStream<Uint8Array>;
      streaming = true;
      return c.body(stream, status);
    } finally {
      // The stream closes the file when it ends or the client goes away.
      if (!streaming) await handle.close();
    }
  });

  return app;
}

async function openStored(path: string): Promise<FileHandle> {
  try {
    const handle = await open(path, 'r');
    if ((await handle.stat()).isFile()) return handle;
    await handle.close();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
  }
  throw notFound();
}

function notFound(): HttpError {
  return new HttpError('not_found', 'No such creative.');
}

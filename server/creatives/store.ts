// The media folder: an upload streams to a temp file while it is hashed and counted (refused
// the moment it passes its kind's cap), and only a file Candor accepted is renamed, atomically,
// to its content's name `<sha256>.<ext>`. The same bytes uploaded twice are one file.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CreativeError, megabytes } from './creative-error.js';
import { claimedKind, mediaFileName, type Format, type FormatExt } from './formats.js';
import { describeUnknown, sniffFormat, SNIFF_BYTES } from './sniff.js';

export interface UploadLimits {
  maxImageBytes: number;
  maxVideoBytes: number;
}

export interface Received {
  /** In the media folder's tmp/, so the rename that keeps it never crosses file systems. */
  tempPath: string;
  sha256: string;
  bytes: number;
  format: Format;
}

/** What the client said about the file: only to catch a wrong file, never to type it. */
export interface Declared {
  filename: string | null;
  contentType: string | null;
}

export function tempDir(mediaDir: string): string {
  return join(mediaDir, 'tmp');
}

export async function receiveUpload(mediaDir: string, body: AsyncIterable<Uint8Array>, declared: Declared, limits: UploadLimits): Promise<Received> {
  await mkdir(tempDir(mediaDir), { recursive: true });
  const tempPath = join(tempDir(mediaDir), `${randomUUID()}.part`);
  const handle = await open(tempPath, 'wx');
  const hash = createHash('sha256');
  let bytes = 0;
  let format: Format | null = null;
  let head: Buffer[] = [];
  try {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      let data: Uint8Array = chunk;
      if (format === null) {
        head.push(Buffer.from(chunk));
        if (bytes < SNIFF_BYTES) continue;
        const sniffed = Buffer.concat(head);
        head = [];
        format = decideFormat(sniffed, declared);
        data = sniffed;
      }
      refuseOverCap(format, bytes, limits);
      hash.update(data);
      await handle.write(data);
    }
    if (bytes === 0) throw new CreativeError('invalid_media', 'The file is empty.', 'file');
    if (format === null) {
      const whole = Buffer.concat(head);
      format = decideFormat(whole, declared);
      refuseOverCap(format, bytes, limits);
      hash.update(whole);
      await handle.write(whole);
    }
    // The database will point at this file: it must outlive a power cut, not just the process.
    await handle.datasync();
    await handle.close();
    return { tempPath, sha256: hash.digest('hex'), bytes, format };
  } catch (err) {
    await handle.close().catch(() => {});
    await rm(tempPath, { force: true });
    throw err;
  }
}

function refuseOverCap(format: Format, bytes: number, limits: UploadLimits): void {
  const cap = format.kind === 'image' ? limits.maxImageBytes : limits.maxVideoBytes;
  if (bytes <= cap) return;
  throw new CreativeError('payload_too_large', `The file is over ${megabytes(cap)}, the most Candor takes for ${format.kind === 'image' ? 'an image' : 'a video'}.`, 'file');
}

function decideFormat(head: Buffer, declared: Declared): Format {
  const format = sniffFormat(head);
  if (!format) {
    throw new CreativeError('unsupported_media_type', `The file is ${describeUnknown(head)}. Upload a JPEG, PNG, WebP or AVIF image, or an MP4 or WebM video.`, 'file');
  }
  const claimed = claimedKind(declared.filename, declared.contentType);
  if (claimed !== null && claimed !== format.kind) {
    const said = declared.filename ? `its name "${declared.filename}"` : `its declared type ${declared.contentType}`;
    throw new CreativeError('unsupported_media_type', `The file is a ${format.label}, but ${said} says ${claimed}: check that this is the file you meant to upload.`, 'file');
  }
  return format;
}

/** Keeps an accepted upload under its content's name; the same content already there is the same file. */
export async function commitUpload(mediaDir: string, received: Pick<Received, 'tempPath' | 'sha256' | 'format'>): Promise<string> {
  const name = mediaFileName(received.sha256, received.format.ext);
  await rename(received.tempPath, join(mediaDir, name));
  return name;
}

export async function discardUpload(received: Pick<Received, 'tempPath'>): Promise<void> {
  await rm(received.tempPath, { force: true });
}

export function storedPath(mediaDir: string, sha256: string, ext: FormatExt): string {
  return join(mediaDir, mediaFileName(sha256, ext));
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// What Candor learns from a stored file's own bytes, by format: its size in pixels as a
// browser shows it, its length for a video, or the reason it is not a whole, usable file.
import { open } from 'node:fs/promises';
import { fileSource, type ByteSource } from './byte-source.js';
import { MAX_MEDIA_DIMENSION, type Format } from './formats.js';
import { readImageFacts } from './image-size.js';
import { readMp4Facts } from './video-meta.js';
import { readWebmFacts } from './webm-meta.js';

export interface MediaFacts {
  width: number;
  height: number;
  /** Milliseconds; null for an image, or a video that does not say. */
  durationMs: number | null;
}

export type Inspection = { facts: MediaFacts } | { problem: string };

// The experiment input's own cap (LIMITS.maxMediaDimension), so a creative always fits a variant.
const MAX_DIMENSION = MAX_MEDIA_DIMENSION;

export async function inspectSource(format: Format, source: ByteSource): Promise<Inspection> {
  let result: Inspection;
  try {
    result =
      format.ext === 'mp4' ? await readMp4Facts(source) : format.ext === 'webm' ? await readWebmFacts(source) : await readImageFacts(format, source);
  } catch (err) {
    // A header pointing outside what was read shows up as a RangeError from a DataView.
    if (err instanceof RangeError) return { problem: 'its headers point outside the file' };
    throw err;
  }
  if ('facts' in result && (result.facts.width > MAX_DIMENSION || result.facts.height > MAX_DIMENSION)) {
    return { problem: `it is ${result.facts.width}×${result.facts.height} pixels, over the ${MAX_DIMENSION} a side Candor takes` };
  }
  return result;
}

export async function inspectFile(format: Format, path: string): Promise<Inspection> {
  const handle = await open(path, 'r');
  try {
    return await inspectSource(format, await fileSource(handle));
  } finally {
    await handle.close();
  }
}

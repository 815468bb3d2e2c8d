// Smaller copies of an uploaded image (or of a video's poster frame), made once at upload so a
// visitor's browser fetches and decodes the size its slot shows rather than the 2,048 px
// original: a few widths, never wider than the original, each in AVIF, WebP and the original's
// own format. Stored like any upload, by content (`<sha256>.<ext>`), and listed on the creative.
// Resizing drops the file's Content Credentials: the pin and the provenance summary keep
// describing the uploaded original, which stays where it was.
import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { FORMATS, mediaFileName, type FormatExt } from './formats.js';
import { tempDir } from './store.js';

/** Wide enough for a phone, a half-width and a full-width slot, each at 1× and 2×. */
export const DERIVATIVE_WIDTHS = [480, 960, 1440, 2048] as const;

export type DerivativeExt = 'avif' | 'webp' | 'jpg' | 'png';

export interface Derivative {
  width: number;
  height: number;
  ext: DerivativeExt;
  sha256: string;
  bytes: number;
}

/** The widths made for an original this wide: the standard ones below it, then its own width when it is narrower than the widest. */
export function derivativeWidths(originalWidth: number): number[] {
  return [...new Set(DERIVATIVE_WIDTHS.map((width) => Math.min(width, originalWidth)))];
}

/** AVIF and WebP for browsers that take them (every current one), and the original's format for the rest. */
export function derivativeExts(originalExt: FormatExt): DerivativeExt[] {
  const own = originalExt === 'png' || originalExt === 'jpg' ? [originalExt] : [];
  return ['avif', 'webp', ...own];
}

// Qualities where a photograph looks the same as the original at its displayed size. The
// slower encoder settings save a few percent for several times the time an upload waits: the
// WebP copies, the ones the markup serves, keep the default effort (a 2,048 px JPEG: about
// 0.8 s for all twelve files on one core).
const ENCODE: Record<DerivativeExt, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 50, effort: 0 }),
  webp: (image) => image.webp({ quality: 78 }),
  jpg: (image) => image.jpeg({ quality: 80 }),
  png: (image) => image.png({ compressionLevel: 9 }),
};

/**
 * Makes and stores every derivative of the image at `sourcePath` (`originalExt` is its format;
 * a video's poster is a jpg). Returns them narrowest first, or an empty list when the image
 * cannot be decoded here: the original is then served alone, as before.
 */
export async function makeDerivatives(sourcePath: string, originalExt: FormatExt, mediaDir: string): Promise<Derivative[]> {
  let width: number;
  try {
    // The width as the browser shows it: EXIF orientation applied.
    const meta = await sharp(sourcePath).metadata();
    width = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width;
  } catch {
    return [];
  }
  const made: Derivative[] = [];
  try {
    for (const target of derivativeWidths(width)) {
      for (const ext of derivativeExts(originalExt)) {
        const { data, info } = await ENCODE[ext](sharp(sourcePath).autoOrient().resize({ width: target, withoutEnlargement: true })).toBuffer({ resolveWithObject: true });
        const sha256 = createHash('sha256').update(data).digest('hex');
        await storeBytes(mediaDir, sha256, ext, data);
        made.push({ width: info.width, height: info.height, ext, sha256, bytes: data.byteLength });
      }
    }
  } catch {
    return [];
  }
  return made;
}

async function storeBytes(mediaDir: string, sha256: string, ext: DerivativeExt, data: Buffer): Promise<void> {
  // Written aside and renamed, so the media route never serves half a file.
  const temp = join(tempDir(mediaDir), `${randomUUID()}.part`);
  await writeFile(temp, data, { flush: true });
  await rename(temp, join(mediaDir, mediaFileName(sha256, ext)));
}

export function derivativeMime(ext: DerivativeExt): string {
  return FORMATS[ext].mime;
}

/** The derivatives column: JSON of the list, or null when none were made yet (a creative from before version 8). */
export function parseDerivatives(column: string | null): Derivative[] | null {
  return column === null ? null : (JSON.parse(column) as Derivative[]);
}

// A file's format from its first bytes (its magic numbers), never from its name or declared
// type: a browser or a user can mislabel a file, the bytes cannot. Pure.
import { elements, readString, readVint } from './ebml.js';
import { FORMATS, type Format } from './formats.js';

/** Enough for every signature below, an MP4's list of compatible brands and WebM's DocType. */
export const SNIFF_BYTES = 4096;

// ISO base media brands that mean a video a browser plays as MP4. QuickTime ('qt  ') and HEIF
// stills ('heic', 'mif1' without 'avif') are not among them: browsers do not reliably show them.
const MP4_BRANDS = new Set([
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71', 'avc1', 'av01', 'hvc1',
  'dash', 'M4V ', 'M4VH', 'M4VP', 'mmp4', 'MSNV', 'cmfc', 'cmf2', 'f4v ',
]);
const AVIF_BRANDS = new Set(['avif', 'avis']);

const ascii = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('latin1');

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, index) => bytes[at + index] === byte);
}

/** The brands of an ISO base media file's leading `ftyp` box: its major brand, then the compatible ones. */
export function ftypBrands(head: Uint8Array): string[] | null {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return null;
  const size = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0);
  if (size < 16 || size > 4096) return null;
  const brands = [ascii(head, 8, 12)];
  for (let at = 16; at + 4 <= Math.min(size, head.length); at += 4) brands.push(ascii(head, at, at + 4));
  return brands;
}

function webmDocType(head: Uint8Array): string | null {
  const [header] = elements(head, 0, head.length);
  if (!header || header.id !== 0x1a45dfa3) return null;
  const end = header.end === -1 ? head.length : Math.min(header.end, head.length);
  for (const child of elements(head, header.start, end)) {
    if (child.id === 0x4282) return readString(head, child);
  }
  return null;
}

export function sniffFormat(head: Uint8Array): Format | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return FORMATS.jpg;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return FORMATS.png;
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return FORMATS.webp;
  const brands = ftypBrands(head);
  if (brands) {
    if (brands.some((brand) => AVIF_BRANDS.has(brand))) return FORMATS.avif;
    if (brands.some((brand) => MP4_BRANDS.has(brand))) return FORMATS.mp4;
    return null;
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]) && readVint(head, 0, true) && webmDocType(head) === 'webm') return FORMATS.webm;
  return null;
}

/** Names what a refused file looks like, so the message helps ("an HTML page", "a PDF"). */
export function describeUnknown(head: Uint8Array): string {
  const text = ascii(head, 0, Math.min(head.length, 512)).trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || /^<(head|body|script|meta)\b/.test(text)) return 'an HTML page';
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'an SVG drawing (not accepted: it can carry scripts)';
  if (text.startsWith('%pdf')) return 'a PDF document';
  if (text.startsWith('gif8')) return 'a GIF image (not accepted: use MP4 or WebM for motion, or another image format)';
  const brands = ftypBrands(head);
  if (brands?.includes('qt  ')) return 'a QuickTime movie (export it as MP4)';
  if (brands?.some((brand) => ['heic', 'heix', 'mif1'].includes(brand))) return 'a HEIC image (export it as JPEG, WebP or AVIF)';
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return 'a Matroska file that is not WebM';
  return 'not a format Candor takes';
}

// The IPTC DigitalSourceType an XMP packet declares (Iptc4xmpExt:DigitalSourceType), the way
// images say "generative AI" without a C2PA manifest. A packet is plain XML inside the file,
// near its start in images and often at its end in MP4s, so both ends are searched. Pure.
import type { ByteSource } from './byte-source.js';

/** Where XMP sits in the files Candor takes; more would only slow an upload down. */
export const XMP_HEAD_BYTES = 4 * 1024 * 1024;
export const XMP_TAIL_BYTES = 1024 * 1024;

// The three ways RDF writes the property: an attribute, an element's text, or a resource.
const PATTERNS = [
  /DigitalSourceType\s*=\s*["']([^"'<>]{1,300})["']/,
  /DigitalSourceType>\s*([^<>\s]{1,300})\s*</,
  /DigitalSourceType\s+rdf:resource\s*=\s*["']([^"'<>]{1,300})["']/,
];

export function findDigitalSourceType(text: string): string | null {
  let from = 0;
  for (;;) {
    const at = text.indexOf('DigitalSourceType', from);
    if (at === -1) return null;
    const window = text.slice(at, at + 400);
    for (const pattern of PATTERNS) {
      const match = pattern.exec(window);
      if (match && match.index === 0) return match[1]!.trim();
    }
    from = at + 1;
  }
}

export async function readXmpSourceType(source: ByteSource): Promise<string | null> {
  const head = await source.read(0, XMP_HEAD_BYTES);
  const found = findDigitalSourceType(Buffer.from(head).toString('latin1'));
  if (found !== null || source.size <= XMP_HEAD_BYTES) return found;
  const start = Math.max(XMP_HEAD_BYTES, source.size - XMP_TAIL_BYTES);
  const tail = await source.read(start, source.size - start);
  return findDigitalSourceType(Buffer.from(tail).toString('latin1'));
}

// A variant may name an uploaded creative instead of spelling out its media:
//   media: { creative: "<id>", alt: "…", posterCreative?: "<image id>", poster?: "https://…" }
// Before the experiment is validated, each such reference becomes the media it stands for: the
// creative's stable URL, its type, width and height, and a poster (the one given, the image
// named, or the frame ffmpeg made). Everything downstream, the snippet included, sees plain media.
import type { Db } from '../db/connect.js';
import type { CreativesTable } from '../db/types.js';
import { mediaUrl } from './formats.js';
import { findCreative } from './queries.js';

/** What the API takes in place of `{type, url, width, height}` (the dashboard's editor sends it). */
export interface CreativeMediaRef {
  creative: string;
  alt: string;
  posterCreative?: string;
  poster?: string;
}

export type Resolved = { body: unknown } | { field: string; message: string };

/** Filled in from the creative; giving them too would say two things at once. */
const FROM_THE_CREATIVE = ['type', 'url', 'width', 'height'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export async function resolveCreativeRefs(db: Db, publicUrl: string, body: unknown): Promise<Resolved> {
  if (!isObject(body) || !Array.isArray(body.variants)) return { body };
  const variants: unknown[] = [];
  for (const [index, variant] of body.variants.entries()) {
    const media = isObject(variant) ? variant.media : undefined;
    if (!isObject(variant) || !isObject(media) || !('creative' in media || 'posterCreative' in media)) {
      variants.push(variant);
      continue;
    }
    const at = `variants[${index}].media`;
    const { creative: id, posterCreative, ...rest } = media;
    const resolved: Record<string, unknown> = { ...rest };
    if (id !== undefined) {
      const given = FROM_THE_CREATIVE.find((key) => key in media);
      if (given) return { field: `${at}.${given}`, message: `${at}.${given}: comes from the creative; leave it out when you name one` };
      const row = await lookUp(db, id);
      if (!row) return { field: `${at}.creative`, message: `${at}.creative: no uploaded creative has the id ${JSON.stringify(id)}` };
      Object.assign(resolved, { type: row.kind, url: mediaUrl(publicUrl, row.sha256, row.ext), width: row.width, height: row.height });
      if (row.posterSha256 && resolved.poster === undefined && posterCreative === undefined) resolved.poster = mediaUrl(publicUrl, row.posterSha256, 'jpg');
    }
    if (posterCreative !== undefined) {
      if ('poster' in media) return { field: `${at}.poster`, message: `${at}.poster: give a poster URL or a posterCreative, not both` };
      const poster = await lookUp(db, posterCreative);
      if (!poster || poster.kind !== 'image') {
        return { field: `${at}.posterCreative`, message: `${at}.posterCreative: no uploaded image has the id ${JSON.stringify(posterCreative)}` };
      }
      resolved.poster = mediaUrl(publicUrl, poster.sha256, poster.ext);
    }
    variants.push({ ...variant, media: resolved });
  }
  return { body: { ...body, variants } };
}

async function lookUp(db: Db, id: unknown): Promise<CreativesTable | undefined> {
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? findCreative(db, id) : undefined;
}

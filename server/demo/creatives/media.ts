// Every image the demo serves, by file name, drawn once when first asked for and then kept with
// its ETag: the page's product photos and the campaign's two creatives.
import { createHash } from 'node:crypto';
import { cinematicCreative } from './cinematic.js';
import { flatPackshot, standingPackshot } from './packshot.js';
import { studioCreative } from './studio.js';

export const MEDIA = {
  'lumen-ring.svg': standingPackshot,
  'lumen-ring-flat.svg': flatPackshot,
  /** The traditional creative; also the slot's fallback on the shop page. */
  'hero-studio.svg': studioCreative,
  /** The AI creative: every AI arm shows it, so only the disclosure differs between them. */
  'hero-cinematic.svg': cinematicCreative,
} as const;

export type MediaName = keyof typeof MEDIA;

export interface DrawnMedia {
  body: string;
  etag: string;
}

const drawn = new Map<MediaName, DrawnMedia>();

export function isMediaName(name: string): name is MediaName {
  return Object.hasOwn(MEDIA, name);
}

export function drawMedia(name: MediaName): DrawnMedia {
  let media = drawn.get(name);
  if (!media) {
    const body = MEDIA[name]();
    media = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
    drawn.set(name, media);
  }
  return media;
}

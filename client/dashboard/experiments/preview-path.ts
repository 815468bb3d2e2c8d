// The address of an arm's creative preview (GET /api/preview, server/preview/): the arm's look as
// the editor holds it, unsaved. A field not yet valid is left out, so the preview keeps showing
// while the admin types; the server fills in the defaults as the API would. Pure.
import { LIMITS } from '../../../server/experiments/vocabulary.js';
import { showForSecondsBody, type VariantForm } from './experiment-form.js';

/** As the API checks a URL (experiments/experiment-input.ts), so the preview never asks with one it refuses. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

const isPixels = (value: string) => /^[1-9]\d{0,4}$/.test(value.trim());

export function previewPath(variant: VariantForm): string {
  const pairs: Array<[string, string]> = [
    ['origin', variant.origin],
    ['style', variant.style],
    ['type', variant.mediaType],
    ['url', variant.url.trim()],
  ];
  if (variant.style !== 'none' && variant.text.trim()) pairs.push(['text', variant.text.trim()]);
  if (variant.style !== 'none' && variant.position) pairs.push(['position', variant.position]);
  const seconds = showForSecondsBody(variant);
  if (seconds !== null && Number.isInteger(seconds) && seconds >= LIMITS.minShowForSeconds && seconds <= LIMITS.maxShowForSeconds) pairs.push(['showForSeconds', String(seconds)]);
  if (variant.mediaType === 'video' && isHttpUrl(variant.poster)) pairs.push(['poster', variant.poster.trim()]);
  if (variant.alt) pairs.push(['alt', variant.alt]);
  if (isPixels(variant.width) && isPixels(variant.height)) pairs.push(['width', variant.width.trim()], ['height', variant.height.trim()]);
  if (isHttpUrl(variant.clickUrl)) pairs.push(['click', variant.clickUrl.trim()]);
  return `/api/preview?${new URLSearchParams(pairs)}`;
}

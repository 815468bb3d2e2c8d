// What an uploaded creative puts into an arm of the editor, and what its provenance says, in the
// server's own words: server/creatives/source-type.ts is bundled, not copied, so the editor's
// summary and suggestion are the ones the API and the visitor's Content Credentials pin give. Pure.
import { describeProvenance, suggestFromProvenance } from '../../../server/creatives/source-type.js';
import type { Creative, Provenance, VariantCreative } from '../types.js';
import type { VariantForm } from './experiment-form.js';

/**
 * The upload an arm's media is. An experiment from the API knows its id, hash and provenance;
 * a file just uploaded or chosen also brings its name, kind and size for the editor to show.
 */
export type LinkedCreative = Pick<VariantCreative, 'id' | 'sha256' | 'provenance'> & Partial<Pick<Creative, 'originalName' | 'kind' | 'mime' | 'bytes' | 'durationMs'>>;

export const MEDIA_ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,video/mp4,video/webm';
export const POSTER_ACCEPT = 'image/jpeg,image/png,image/webp,image/avif';

/** The arm's media, filled in from the creative as the server would resolve `media: {creative}` (creatives/media-ref.ts). */
export function mediaFromCreative(creative: Creative): Partial<VariantForm> {
  const { id, sha256, provenance, originalName, kind, mime, bytes, durationMs } = creative;
  return {
    mediaType: kind,
    url: creative.url,
    width: String(creative.width),
    height: String(creative.height),
    // A new video brings its own frame, or none: the last video's poster would show the wrong film.
    poster: creative.posterUrl ?? '',
    creative: { id, sha256, provenance, originalName, kind, mime, bytes, durationMs },
  };
}

export const provenanceSummary = (provenance: Provenance): string => describeProvenance(provenance);

/**
 * What the summary leaves out and an admin checking a file wants: the app that wrote the
 * credentials, and whether they verify (a test or self-made certificate verifies, untrusted).
 */
export function provenanceDetails(provenance: Provenance): string | null {
  if (provenance.source !== 'c2pa') return null;
  const parts: string[] = [];
  if (provenance.claimGenerator) parts.push(`Written by ${provenance.claimGenerator}`);
  const untrusted = provenance.problems.includes('signingCredential.untrusted');
  if (provenance.validation === 'trusted') parts.push('they verify, and the signer is on a trust list');
  else if (provenance.validation === 'valid') parts.push(untrusted ? 'they verify, but the signer is on no trust list' : 'they verify');
  else if (provenance.validation === 'invalid') parts.push(`they do not verify${provenance.problems.length ? ` (${provenance.problems.join(', ')})` : ''}`);
  return parts.length ? `${parts.join('; ')}.` : null;
}

export type BadgeTone = 'ai' | 'credentials' | 'invalid' | 'none';

/** A few words for a list: does the file say AI, carry credentials that verify, or say nothing. */
export function provenanceBadge(provenance: Provenance): { text: string; tone: BadgeTone } {
  if (suggestFromProvenance(provenance)) return { text: provenance.source === 'xmp' ? 'AI (metadata)' : 'AI (credentials)', tone: 'ai' };
  if (provenance.manifest && provenance.validation === 'invalid') return { text: 'Credentials do not verify', tone: 'invalid' };
  if (provenance.source === 'c2pa') return { text: 'Content Credentials', tone: 'credentials' };
  if (provenance.source === 'xmp') return { text: 'Metadata', tone: 'credentials' };
  return { text: 'No credentials', tone: 'none' };
}

/**
 * What the arm's file proposes when it says generative AI and the arm is declared traditional:
 * the origin and generator to set, and the button's words. Proposed, never applied by itself.
 */
export function originSuggestion(variant: Pick<VariantForm, 'origin' | 'creative'>): { patch: Partial<VariantForm>; label: string } | null {
  const suggested = variant.creative ? suggestFromProvenance(variant.creative.provenance) : null;
  if (!suggested || variant.origin !== 'traditional') return null;
  const origin = suggested.origin === 'ai' ? 'AI' : 'hybrid';
  return {
    patch: suggested.generator ? { origin: suggested.origin, generator: suggested.generator } : { origin: suggested.origin },
    label: suggested.generator ? `Set origin to ${origin} and generator to ${suggested.generator}` : `Set origin to ${origin}`,
  };
}

const KINDS: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP', 'image/avif': 'AVIF', 'video/mp4': 'MP4', 'video/webm': 'WebM' };

/** "JPEG image · 2048 × 1365 px · 1.1 MB · 2.0 s", from what is known of it. */
export function describeFile(creative: Partial<Pick<Creative, 'kind' | 'mime' | 'bytes' | 'durationMs' | 'width' | 'height'>>): string {
  const parts: string[] = [];
  if (creative.kind) parts.push(`${creative.mime && KINDS[creative.mime] ? `${KINDS[creative.mime]} ` : ''}${creative.kind}`);
  if (creative.width && creative.height) parts.push(`${creative.width} × ${creative.height} px`);
  if (creative.bytes !== undefined) parts.push(formatBytes(creative.bytes));
  if (creative.durationMs) parts.push(`${(creative.durationMs / 1000).toFixed(1)} s`);
  return parts.join(' · ');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

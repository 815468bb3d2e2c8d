// Conditional GETs: the strong ETag of a body and the If-None-Match test, for every route that
// answers 304 (the snippet config, static assets, creatives' media, the demo's pages).
import { createHash } from 'node:crypto';

/** A strong ETag over the exact bytes sent. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** RFC 9110 If-None-Match: a list of tags (weak ones compare by their opaque part) or `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

// The closed set of media Candor stores and serves, and how a stored file is named: by its
// content, `<sha256>.<ext>`, so a URL never changes meaning and its name says its type.
export type MediaKind = 'image' | 'video';

/** The largest width or height accepted, in pixels; the experiment input takes the same cap (LIMITS). */
export const MAX_MEDIA_DIMENSION = 20_000;

export interface Format {
  readonly ext: 'jpg' | 'png' | 'webp' | 'avif' | 'mp4' | 'webm';
  readonly mime: string;
  readonly kind: MediaKind;
  /** How messages name it. */
  readonly label: string;
}

export const FORMATS = {
  jpg: { ext: 'jpg', mime: 'image/jpeg', kind: 'image', label: 'JPEG image' },
  png: { ext: 'png', mime: 'image/png', kind: 'image', label: 'PNG image' },
  webp: { ext: 'webp', mime: 'image/webp', kind: 'image', label: 'WebP image' },
  avif: { ext: 'avif', mime: 'image/avif', kind: 'image', label: 'AVIF image' },
  mp4: { ext: 'mp4', mime: 'video/mp4', kind: 'video', label: 'MP4 video' },
  webm: { ext: 'webm', mime: 'video/webm', kind: 'video', label: 'WebM video' },
} as const satisfies Record<Format['ext'], Format>;

export type FormatExt = Format['ext'];

/** The only names the media route serves: nothing else in the folder (temp files) is reachable. */
export const MEDIA_FILE_NAME = /^([0-9a-f]{64})\.(jpg|png|webp|avif|mp4|webm)$/;

export function mediaFileName(sha256: string, ext: FormatExt): string {
  return `${sha256}.${ext}`;
}

/** Where browsers fetch a stored file: `publicUrl` has no trailing slash (config.ts). */
export function mediaUrl(publicUrl: string, sha256: string, ext: FormatExt): string {
  return `${publicUrl}/media/${mediaFileName(sha256, ext)}`;
}

/** A creative's URL as Candor made it (any host: the hash alone names the content), or null. */
export function shaOfMediaUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = /\/media\/([0-9a-f]{64})\.(?:jpg|png|webp|avif|mp4|webm)$/.exec(path);
  return match ? match[1]! : null;
}

const NAMED_KINDS: Record<string, MediaKind> = {
  jpg: 'image', jpeg: 'image', jfif: 'image', png: 'image', webp: 'image', avif: 'image', gif: 'image', heic: 'image', heif: 'image', tif: 'image', tiff: 'image', bmp: 'image', svg: 'image',
  mp4: 'video', m4v: 'video', mov: 'video', webm: 'video', mkv: 'video', avi: 'video', ogv: 'video', '3gp': 'video',
};

/**
 * The kind a file's name or declared type claims, or null when they claim none. Only used to
 * catch the wrong file picked by mistake (a poster sent as the video): the bytes decide the type.
 */
export function claimedKind(filename: string | null, declaredType: string | null): MediaKind | null {
  const ext = filename ? /\.([a-z0-9]{1,5})$/i.exec(filename)?.[1]?.toLowerCase() : undefined;
  if (ext !== undefined && NAMED_KINDS[ext]) return NAMED_KINDS[ext];
  const type = declaredType?.trim().toLowerCase() ?? '';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  return null;
}

// What the creative preview takes: the look of one variant, as the editor holds it before it is
// saved, in query parameters (an <iframe> can only GET). Each field follows the API's own rule
// (experiments/experiment-input.ts); what does not change the look (key, name, weight) is not asked.
import { z } from 'zod';
import { completeDisclosure, httpUrl, isCorner, timedLabelProblem, type Disclosure } from '../experiments/experiment-input.js';
import type { Media } from '../experiments/model.js';
import { AI_LABEL_STYLES, DISCLOSURE_POSITIONS, DISCLOSURE_STYLES, LIMITS, MEDIA_TYPES, ORIGINS } from '../experiments/vocabulary.js';

const pixels = z
  .string()
  .regex(/^[1-9]\d{0,4}$/, 'must be a whole number of pixels')
  .transform(Number)
  .refine((value) => value <= LIMITS.maxMediaDimension, `must be at most ${LIMITS.maxMediaDimension}`)
  .optional();

export const previewQuery = z
  .strictObject({
    origin: z.enum(ORIGINS).default('traditional'),
    style: z.enum(DISCLOSURE_STYLES).default('none'),
    text: z.string().trim().max(LIMITS.disclosureText).optional(),
    position: z.enum(DISCLOSURE_POSITIONS).optional(),
    showForSeconds: z
      .string()
      .regex(/^\d{1,2}$/, 'must be a whole number of seconds')
      .transform(Number)
      .pipe(z.number().min(LIMITS.minShowForSeconds).max(LIMITS.maxShowForSeconds))
      .optional(),
    type: z.enum(MEDIA_TYPES).default('image'),
    url: httpUrl,
    poster: httpUrl.optional(),
    alt: z.string().max(LIMITS.altText).default(''),
    width: pixels,
    height: pixels,
    click: httpUrl.optional(),
  })
  .superRefine((query, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (query.origin === 'traditional' && AI_LABEL_STYLES.includes(query.style)) problem('style', 'a traditional creative may never carry an AI label');
    if (query.position && query.style === 'caption' && isCorner(query.position)) problem('position', 'a caption goes "above" or "below" the creative');
    if (query.position && query.style !== 'caption' && !isCorner(query.position)) problem('position', `a ${query.style} sits in a corner`);
    if (query.type === 'image' && query.poster) problem('poster', 'only a video has a poster');
    const timing = timedLabelProblem(query.style, query.type, query.showForSeconds);
    if (timing) problem('showForSeconds', timing);
  });

export type PreviewQuery = z.output<typeof previewQuery>;

/** An empty field is one not filled in yet: absent, so that it takes its default. */
export function withoutEmpty(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value.trim() !== ''));
}

/** The variant's look as creativeHtml takes it, the API's defaults filled in. */
export function previewVariant(query: PreviewQuery): { media: Media; disclosure: Disclosure; clickUrl: string | null } {
  const { origin, style, text, position, showForSeconds } = query;
  const disclosure = completeDisclosure(origin, style === 'none' ? { style } : { style, text: text || undefined, position, showForSeconds });
  const media: Media = {
    type: query.type,
    url: query.url,
    poster: query.type === 'video' ? (query.poster ?? null) : null,
    alt: query.alt,
    width: query.width ?? null,
    height: query.height ?? null,
  };
  return { media, disclosure, clickUrl: query.click ?? null };
}

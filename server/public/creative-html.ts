// The markup of a variant's creative and of the survey card, built here once per config rather
// than in the browser: the snippet stays within its byte budget by only inserting it, and the
// dashboard's preview can show exactly what visitors see. Every text from the admin is escaped.
import type { Derivative } from '../creatives/derivatives.js';
import { shaOfMediaUrl } from '../creatives/formats.js';
import { describeProvenance } from '../creatives/source-type.js';
import type { Disclosure } from '../experiments/experiment-input.js';
import type { Variant, VariantCreative } from '../experiments/model.js';
import type { SurveyCard } from './survey-card.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/**
 * Inline and !important: a declaration in a style attribute marked !important beats every rule of
 * the shop's stylesheets, !important ones and `*` included, so a disclosure looks the same on any
 * page. The disclosure's own elements first reset everything (`all:initial`, so not a colour,
 * font, spacing or transform of the page's flows in) and then draw their own colours and type.
 */
export function important(declarations: string): string {
  return declarations
    .split(';')
    .filter(Boolean)
    .map((declaration) => `${declaration}!important`)
    .join(';');
}

/** A text element that owns every property: nothing of the page's reaches it, by rule or by inheritance. */
const OWN = 'all:initial;box-sizing:border-box;display:block;visibility:visible;opacity:1';
/** An element that keeps the browser's own defaults (a link's cursor, a summary's focus ring) and none of the page's. */
const REVERT = 'all:revert';
// White on black at 75% is 10.4:1 over the lightest picture and more over any other (WCAG AA is 4.5).
const INK = 'color:#fff;background:rgba(0,0,0,.75)';
const TYPE = 'font:600 12px/1.5 system-ui,sans-serif';
const MARK = `${OWN};position:absolute;z-index:1;pointer-events:none;${INK};${TYPE}`;
const PILL = 'max-width:calc(100% - 16px);padding:2px 8px;border-radius:12px;white-space:normal;overflow-wrap:anywhere';
const PIN = 'width:28px;height:28px;line-height:28px;text-align:center;border-radius:50%';
// The neutral icon: a small square tile, dark grey ink on near-white with a grey hairline, read as
// a plain "AI" mark rather than a warning. #333 on #f7f7f7 is 11.6:1 (WCAG AA is 4.5); it draws its
// own opaque background, so neither the picture nor the page behind it touches the contrast.
const ICON =
  'width:26px;height:26px;text-align:center;border-radius:4px;color:#333;background:#f7f7f7;' +
  'border:1px solid #8a8a8a;font:700 12px/24px system-ui,sans-serif';
const FILL = `${REVERT};width:100%;height:100%;max-width:none;object-fit:cover;display:block`;
// The creative's own box: not an `all` reset, since the snippet sets its aspect ratio on it.
const ROOT =
  'position:relative;display:flex;flex-direction:column;width:100%;height:auto;min-height:0;max-width:100%;margin:0;padding:0;border:0;' +
  'box-sizing:border-box;background:none;opacity:1;visibility:visible;filter:none;transform:none;clip-path:none;mix-blend-mode:normal;overflow:visible;pointer-events:auto';

const CORNER_STYLES: readonly Disclosure['style'][] = ['label', 'badge', 'icon'];

/**
 * A label shown for a video's first N seconds only: a CSS animation that waits N seconds and then
 * ends transparent, so the snippet needs no script and no byte for it. Page time from the
 * creative's insertion (the video autoplays muted, so that is its playback time too). It runs on
 * a wrapper, not on the mark: an animation loses to an !important declaration, and the mark's own
 * are what keep it legible. So the wrapper pins everything but its opacity, and its animation
 * fills both ways, which beats a page's ordinary rules before and after the step. step-start,
 * not steps(1, end): Chromium ends a 1 ms iteration a hair short of progress 1, where an end step
 * has not happened yet. A page that forces the wrapper's animation off with !important keeps the
 * label on screen (the safe side); one that forces its opacity down fades it as it would any span.
 */
function shownFor(seconds: number, mark: string): string {
  const name = `candor-shown-${seconds}s`;
  const wrapper =
    important(
      'position:absolute;inset:0;z-index:1;display:block;visibility:visible;pointer-events:none;margin:0;padding:0;border:0;background:none;' +
        'transform:none;filter:none;clip-path:none;mix-blend-mode:normal;overflow:visible',
    ) +
    `;animation:${name} 1ms step-start ${seconds}s 1 normal both`;
  return (
    `<style>@keyframes ${name}{from{opacity:1}to{opacity:0}}</style>` +
    `<span data-candor-shown-for="${seconds}" style="${wrapper}">${mark}</span>`
  );
}

/** A label, badge or neutral icon in a corner of the creative; a video's may hide after its first seconds. */
function cornerMark({ style, text, position }: Disclosure, seconds: number | null): string {
  const [vertical, horizontal] = (position ?? 'bottom-left').split('-');
  const place = `${MARK};${vertical}:8px;${horizontal}:8px`;
  let mark: string;
  if (style === 'label') mark = `<span style="${important(`${place};${PILL}`)}">${escapeHtml(text ?? '')}</span>`;
  else {
    // The badge and the icon show two letters; their whole wording is there for a pointer and a screen reader.
    const wording = escapeHtml(text ?? 'Made with AI');
    const look = style === 'icon' ? `${place};${ICON}` : `${place};${PIN}`;
    mark = `<span role="img" title="${wording}" aria-label="${wording}" style="${important(look)}">AI</span>`;
  }
  return seconds === null ? mark : shownFor(seconds, mark);
}

/**
 * The Content Credentials pin: "CR" in a corner, and what the file's credentials say, as a
 * tooltip on hover (title), a button's name for screen readers, and a panel a tap opens
 * (<details>: no script, so no byte in the snippet). It sits beside the frame, not in it, so
 * opening it neither follows the click-through nor counts as a click on the creative.
 */
function credentialsPin({ text, position }: Disclosure, creative: Pick<VariantCreative, 'provenance'> | null | undefined): string {
  const [vertical, horizontal] = (position ?? 'bottom-left').split('-');
  const summary = creative ? describeProvenance(creative.provenance) : 'Content Credentials';
  const wording = escapeHtml(text ? `${text} (${summary})` : summary);
  const details = `${OWN};position:absolute;z-index:1;${vertical}:8px;${horizontal}:8px;color:#fff;${TYPE}`;
  const pin = `${REVERT};display:block;list-style:none;cursor:pointer;${INK};${PIN}`;
  const panel =
    `${OWN};position:absolute;${vertical === 'top' ? 'top' : 'bottom'}:34px;${horizontal}:0;width:max-content;max-width:260px;` +
    `padding:6px 8px;border-radius:6px;color:#fff;background:rgba(0,0,0,.85);font:400 12px/1.5 system-ui,sans-serif;white-space:normal;overflow-wrap:anywhere`;
  return (
    `<details style="${important(details)}">` +
    `<summary title="${wording}" aria-label="${wording}" style="${important(pin)}">CR</summary>` +
    `<span style="${important(panel)}">${wording}</span></details>`
  );
}

/**
 * What the browser picks from before the snippet measures anything: a phone's full width, else
 * a typical shop's content column. A wider slot on a 2× screen still gets the 2,048 px copy.
 */
export const DEFAULT_SIZES = '(max-width: 600px) 100vw, 1044px';

/** Where a derivative is served: beside the creative, under the same public URL. */
function derivativeUrl(mediaUrl: string, { sha256, ext }: Derivative): string {
  return `${mediaUrl.slice(0, mediaUrl.lastIndexOf('/') + 1)}${sha256}.${ext}`;
}

/**
 * An uploaded image's WebP copies as a srcset: one <img>, so the snippet decodes the element it
 * always did. WebP, not the AVIF beside it, because an <img> has no type fallback and every
 * browser with srcset and fetch keepalive shows WebP; the original stays its src.
 */
function srcsetOf(mediaUrl: string, derivatives: readonly Derivative[]): string {
  return derivatives
    .filter((derivative) => derivative.ext === 'webp')
    .map((derivative) => `${derivativeUrl(mediaUrl, derivative)} ${derivative.width}w`)
    .join(', ');
}

/** A video's poster frame: an attribute takes one URL, so the WebP copy that fills a full-width slot. */
function posterOf(media: Variant['media'], creative: MediaCreative | null | undefined): string | null {
  if (!media.poster) return null;
  const madeByFfmpeg = creative?.posterSha256 && shaOfMediaUrl(media.poster) === creative.posterSha256;
  const copies = madeByFfmpeg ? (creative.derivatives ?? []).filter((derivative) => derivative.ext === 'webp') : [];
  if (copies.length === 0) return media.poster;
  const fits = copies.find((derivative) => derivative.width >= 1044) ?? copies[copies.length - 1]!;
  return derivativeUrl(media.poster, fits);
}

/** Callers that only know the provenance (the preview of an unsaved arm) get the original alone. */
type MediaCreative = Pick<VariantCreative, 'provenance'> & Partial<Pick<VariantCreative, 'derivatives' | 'posterSha256'>>;

function mediaHtml(media: Variant['media'], creative: MediaCreative | null | undefined): string {
  const url = escapeHtml(media.url);
  const alt = escapeHtml(media.alt);
  // The intrinsic size keeps the aspect ratio known before a byte arrives.
  const size = media.width && media.height ? ` width="${media.width}" height="${media.height}"` : '';
  if (media.type === 'image') {
    const srcset = srcsetOf(media.url, creative?.derivatives ?? []);
    const responsive = srcset ? ` srcset="${escapeHtml(srcset)}" sizes="${DEFAULT_SIZES}"` : '';
    return `<img src="${url}"${responsive}${size} alt="${alt}" style="${important(FILL)}">`;
  }
  const posterUrl = posterOf(media, creative);
  const poster = posterUrl ? ` poster="${escapeHtml(posterUrl)}"` : '';
  return `<video src="${url}"${poster}${size} aria-label="${alt}" muted autoplay playsinline preload="metadata" style="${important(FILL)}"></video>`;
}

/**
 * One element: a column holding the frame (a link when there is a click-through) and, for a
 * caption, its line above or below. The snippet gives it the slot's aspect ratio; the frame
 * takes what the caption leaves, so the whole keeps the slot's size. A caption is a strip of its
 * own, dark on white, so it reads on a dark page as on a light one. A Content Credentials pin
 * says what the variant's uploaded creative says about itself (experiments/model.ts).
 */
export function creativeHtml(
  variant: Pick<Variant, 'media' | 'clickUrl'> & { disclosure: Disclosure; creative?: MediaCreative | null },
): string {
  const { disclosure, clickUrl } = variant;
  const frameStyle = important(`${REVERT};position:relative;flex:1;min-height:0;display:block;overflow:hidden`);
  const timed = variant.media.type === 'video' ? disclosure.showForSeconds ?? null : null;
  const mark = CORNER_STYLES.includes(disclosure.style) ? cornerMark(disclosure, timed) : '';
  const inner = mediaHtml(variant.media, variant.creative) + mark;
  const frame = clickUrl
    ? `<a data-candor-frame href="${escapeHtml(clickUrl)}" style="${frameStyle}">${inner}</a>`
    : `<div data-candor-frame style="${frameStyle}">${inner}</div>`;
  let caption = '';
  if (disclosure.style === 'caption') {
    const strip = `${OWN};flex:none;margin:0;padding:6px 8px;color:#1f1f1f;background:#fff;font:400 13px/1.4 system-ui,sans-serif;white-space:normal;overflow-wrap:anywhere`;
    caption = `<p style="${important(strip)}">${escapeHtml(disclosure.text ?? '')}</p>`;
  }
  const column = disclosure.position === 'above' ? caption + frame : frame + caption;
  const pin = disclosure.style === 'credentials' ? credentialsPin(disclosure, variant.creative) : '';
  return `<div style="${important(ROOT)}">${column}${pin}</div>`;
}

const CARD_STYLE =
  'position:fixed;z-index:2147483647;right:16px;bottom:16px;box-sizing:border-box;width:340px;max-width:calc(100vw - 32px);' +
  'padding:14px 16px;background:#fff;color:#222;border-radius:12px;box-shadow:0 6px 28px rgba(0,0,0,.25);font:14px/1.4 system-ui,sans-serif';
const BUTTON_STYLE = 'font:inherit;cursor:pointer;border:1px solid #767676;border-radius:8px;background:#f4f4f4;color:#222';

/**
 * The survey card: a non-modal dialog named by its question, one real button per answer
 * (`data-candor-answer` holds the value) and a close button (an empty answer).
 */
export function surveyHtml(survey: Pick<SurveyCard, 'text' | 'choices' | 'close'>): string {
  const buttons = survey.choices
    .map((choice) => `<button type="button" data-candor-answer="${choice.value}" style="${BUTTON_STYLE};flex:1 1 auto;padding:6px 10px">${escapeHtml(choice.label)}</button>`)
    .join('');
  return (
    `<div role="dialog" aria-labelledby="candor-question" style="${CARD_STYLE}">` +
    `<p id="candor-question" style="margin:0 28px 10px 0;font-weight:600">${escapeHtml(survey.text)}</p>` +
    `<div style="display:flex;flex-wrap:wrap;gap:6px">${buttons}</div>` +
    `<button type="button" data-candor-answer="" aria-label="${escapeHtml(survey.close)}" ` +
    `style="${BUTTON_STYLE};position:absolute;top:8px;right:8px;border:0;background:none;font-size:20px;line-height:1;padding:2px 8px">×</button>` +
    '</div>'
  );
}

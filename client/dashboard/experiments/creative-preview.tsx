// A creative as visitors will see it, disclosure included. It mirrors what the snippet draws
// (server/public/creative-html.ts): the media filling a frame of its aspect ratio, a "Made with
// AI" pill, a round "AI" badge or a "CR" Content Credentials pin in a corner, or a caption line
// above or below. Keep the two in step when either changes; here the looks are classes in
// pages.css, since the dashboard's CSP allows no inline styles.
import { describeProvenance } from '../../../server/creatives/source-type.js';
import type { VariantForm } from './experiment-form.js';
import { shownDisclosure } from './experiment-form.js';

export function CreativePreview({ variant }: { variant: VariantForm }) {
  const disclosure = shownDisclosure(variant);
  const width = Number(variant.width);
  const height = Number(variant.height);
  const ratio = width > 0 && height > 0 ? width / height : 16 / 9;
  const [vertical, horizontal] = disclosure.position.split('-');
  const corner = `corner-${vertical}-${horizontal}`;
  const caption = disclosure.style === 'caption' && disclosure.text ? <p class="preview-caption">{disclosure.text}</p> : null;

  const media = !isHttpUrl(variant.url) ? (
    <div class="preview-empty">Upload a file or give its address to see it here</div>
  ) : variant.mediaType === 'video' ? (
    <video src={variant.url} poster={isHttpUrl(variant.poster) ? variant.poster : undefined} muted playsInline preload="metadata" aria-label={variant.alt} />
  ) : (
    <img src={variant.url} alt={variant.alt} />
  );

  return (
    <figure class="preview" aria-label={`Preview of ${variant.name || 'this variant'}`}>
      <div class="preview-creative" style={{ aspectRatio: String(ratio) }}>
        {disclosure.position === 'above' && caption}
        <div class="preview-frame">
          {media}
          {disclosure.style === 'label' && disclosure.text && <span class={`preview-mark preview-label ${corner}`}>{disclosure.text}</span>}
          {disclosure.style === 'badge' && (
            <span class={`preview-mark preview-pin ${corner}`} title={disclosure.text ?? 'Made with AI'} role="img" aria-label={disclosure.text ?? 'Made with AI'}>
              AI
            </span>
          )}
        </div>
        {disclosure.position !== 'above' && caption}
        {disclosure.style === 'credentials' && <CredentialsPin variant={variant} text={disclosure.text} corner={corner} />}
      </div>
      <figcaption class="muted small">{describe(variant, disclosure.style)}</figcaption>
    </figure>
  );
}

/**
 * The "CR" pin beside the frame, as creative-html.ts draws it: what the file's credentials say as
 * the summary's name and tooltip, and as a panel that a tap opens (<details>) and that hover and
 * keyboard focus show too (pages.css), the panel being the details' sibling for that.
 */
function CredentialsPin({ variant, text, corner }: { variant: VariantForm; text: string | null; corner: string }) {
  const summary = variant.creative ? describeProvenance(variant.creative.provenance) : 'Content Credentials';
  const wording = text ? `${text} (${summary})` : summary;
  return (
    <div class={`preview-cr ${corner}`}>
      <details>
        <summary class="preview-pin" title={wording} aria-label={wording}>
          CR
        </summary>
      </details>
      <span class="preview-cr-panel" aria-hidden="true">
        {wording}
      </span>
    </div>
  );
}

function describe(variant: VariantForm, style: string): string {
  const origin = { ai: 'AI-generated', traditional: 'Traditional', hybrid: 'Made partly with AI' }[variant.origin];
  const shown = { none: 'no disclosure', label: 'AI label', caption: 'caption', badge: 'AI badge', credentials: 'Content Credentials pin' }[style];
  return `${origin} ${variant.mediaType}, ${shown}`;
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/\S+$/i.test(value.trim());
}

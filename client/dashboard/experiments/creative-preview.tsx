// A creative as visitors will see it, disclosure included. It mirrors what the snippet draws
// (client/snippet/render.ts): the media filling a frame of its aspect ratio, a "Made with AI"
// pill, a round "AI" badge or a "CR" Content Credentials pin in a corner, or a caption line
// above or below. Keep the two in step when either changes.
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
    <div class="preview-empty">Give the creative’s address to see it here</div>
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
          {disclosure.style === 'credentials' && (
            <span class={`preview-mark preview-pin ${corner}`} title={disclosure.text ?? 'Content Credentials'} role="img" aria-label={disclosure.text ?? 'Content Credentials'}>
              CR
            </span>
          )}
        </div>
        {disclosure.position !== 'above' && caption}
      </div>
      <figcaption class="muted small">{describe(variant, disclosure.style)}</figcaption>
    </figure>
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

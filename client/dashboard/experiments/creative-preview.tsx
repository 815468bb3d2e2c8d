// A creative as visitors will see it, disclosure included: the server builds it with the very
// function that builds what the snippet puts on the shop (server/public/creative-html.ts), and it
// is shown in a sandboxed <iframe> with a CSP of its own, since this page's allows no inline style.
import type { VariantForm } from './experiment-form.js';
import { isHttpUrl, previewPath } from './preview-path.js';

export function CreativePreview({ variant }: { variant: VariantForm }) {
  const width = Number(variant.width);
  const height = Number(variant.height);
  const ratio = width > 0 && height > 0 ? width / height : 16 / 9;
  const name = `Preview of ${variant.name || 'this variant'}`;

  return (
    <figure class="preview" aria-label={name}>
      {isHttpUrl(variant.url) ? (
        <iframe class="preview-creative" src={previewPath(variant)} sandbox="" title={name} style={{ aspectRatio: String(ratio) }} />
      ) : (
        <div class="preview-creative preview-empty" style={{ aspectRatio: String(ratio) }}>
          Upload a file or give its address to see it here
        </div>
      )}
      <figcaption class="muted small">{describe(variant)}</figcaption>
    </figure>
  );
}

function describe(variant: VariantForm): string {
  const origin = { ai: 'AI-generated', traditional: 'Traditional', hybrid: 'Made partly with AI' }[variant.origin];
  const shown = { none: 'no disclosure', label: 'AI label', caption: 'caption', badge: 'AI badge', icon: 'neutral AI icon', credentials: 'Content Credentials pin' }[variant.style];
  return `${origin} ${variant.mediaType}, ${shown}`;
}

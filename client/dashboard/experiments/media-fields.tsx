// An arm's creative in the editor: upload a file or choose one already uploaded (which fills in
// its address, type, size and poster), or type an address; what the file says about itself; a
// video's poster, uploaded the same way; and the alternative text, always the admin's to write.
import type { Creative, Site } from '../types.js';
import { Field, fieldError } from '../ui/controls.js';
import { CreativeLibrary } from './creative-library.js';
import { MEDIA_ACCEPT, mediaFromCreative, POSTER_ACCEPT } from './creative-media.js';
import { CreativeFacts, OriginCheck } from './creative-provenance.js';
import { CreativeUpload } from './creative-upload.js';
import type { VariantForm } from './experiment-form.js';

interface MediaFieldsProps {
  variant: VariantForm;
  index: number;
  error: unknown;
  policy: Site['disclosurePolicy'];
  /** The server's warning about this arm's origin against its file, as computed before saving. */
  warning: string | null;
  onChange: (patch: Partial<VariantForm>) => void;
}

export function MediaFields({ variant, index, error, policy, warning, onChange }: MediaFieldsProps) {
  const id = (name: string) => `v${index}-${name}`;
  const err = (name: string) => fieldError(error, `variants[${index}].media.${name}`);
  const linked = variant.creative !== null;
  const video = variant.mediaType === 'video';
  const takeCreative = (creative: Creative) => onChange(mediaFromCreative(creative));
  const takePoster = (poster: Creative) => onChange({ poster: poster.url });

  return (
    <div class="media-fields">
      <div class="media-source">
        <CreativeUpload id={id('file')} label="Upload a file" accept={MEDIA_ACCEPT} hint="JPEG, PNG, WebP, AVIF, MP4 or WebM." current={variant.url} onUploaded={takeCreative} />
        <CreativeLibrary id={id('library')} onChoose={takeCreative} />
      </div>
      <div class="row">
        <Field id={id('mediaType')} label="Creative" hint={linked ? 'Set by the uploaded file.' : undefined}>
          <select id={id('mediaType')} value={variant.mediaType} disabled={linked} onChange={(event) => onChange({ mediaType: event.currentTarget.value as VariantForm['mediaType'] })}>
            <option value="image">Image</option>
            <option value="video">Video</option>
          </select>
        </Field>
        <Field id={id('url')} label={video ? 'Video address' : 'Image address'} error={err('url')}>
          <input
            id={id('url')}
            type="url"
            required
            placeholder="https://cdn.shop.example/hero.jpg"
            value={variant.url}
            aria-describedby={linked ? id('facts') : undefined}
            // An address typed in is no longer the upload: its provenance goes with it.
            onInput={(event) => onChange({ url: event.currentTarget.value, creative: null })}
          />
        </Field>
      </div>
      <CreativeFacts variant={variant} id={id('facts')} />
      <OriginCheck variant={variant} warning={warning} policy={policy} onChange={onChange} />
      {video && (
        <div class="poster-fields">
          <Field id={id('poster')} label="Poster image address" error={err('poster')} hint="Shown until the video plays.">
            <input id={id('poster')} type="url" value={variant.poster} onInput={(event) => onChange({ poster: event.currentTarget.value })} />
          </Field>
          <div class="media-source">
            <CreativeUpload id={id('poster-file')} label="Upload a poster image" accept={POSTER_ACCEPT} hint="JPEG, PNG, WebP or AVIF." kind="image" current={variant.poster} onUploaded={takePoster} />
            <CreativeLibrary id={id('poster-library')} kind="image" label="Choose an uploaded image" onChoose={takePoster} />
          </div>
        </div>
      )}
      <Field id={id('alt')} label="Alternative text" error={err('alt')} hint="What the creative shows, for screen readers.">
        <input id={id('alt')} required maxLength={300} value={variant.alt} onInput={(event) => onChange({ alt: event.currentTarget.value })} />
      </Field>
    </div>
  );
}

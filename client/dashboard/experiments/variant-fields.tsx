// One arm in the editor: what it is (origin, disclosure, likeness, the facts the presets ask), its creative (media-fields.tsx),
// its weight, with the live preview beside it. Choices the API would refuse are not offered: a
// traditional creative never carries an AI label, a caption sits above or below, a mark in a corner,
// and only a mark over a video may show for its first seconds.
import { AI_LABEL_STYLES, CORNER_POSITIONS, LIMITS } from '../../../server/experiments/vocabulary.js';
import { Field, fieldError } from '../ui/controls.js';
import type { Site } from '../types.js';
import { CreativePreview } from './creative-preview.js';
import { FACTS, timedLabelApplies, type Fact, type VariantForm } from './experiment-form.js';
import { MediaFields } from './media-fields.js';

interface VariantFieldsProps {
  variant: VariantForm;
  index: number;
  frozen: boolean;
  canRemove: boolean;
  error: unknown;
  policy: Site['disclosurePolicy'];
  /** What the server will warn about this arm's origin against its file, before it is saved. */
  warning: string | null;
  onChange: (patch: Partial<VariantForm>) => void;
  onRemove: () => void;
  onMakeControl: () => void;
}

const STYLES = {
  none: 'No disclosure',
  label: 'Label (“Made with AI” pill)',
  caption: 'Caption line',
  badge: 'Badge (round “AI” mark)',
  icon: 'AI icon (neutral “AI” tile)',
  credentials: 'Content Credentials pin',
};
/** What the site's disclosure presets ask about the arm (server/experiments/policy-checks.ts). */
const FACT_LABELS = { photorealistic: 'Photorealistic', syntheticHuman: 'Shows an AI-generated human', realProduct: 'Shows the real product' };
const ORIGINS = { traditional: 'Traditional (no AI)', ai: 'AI-generated', hybrid: 'Hybrid (made partly with AI)' };

export function VariantFields({ variant, index, frozen, canRemove, error, policy, warning, onChange, onRemove, onMakeControl }: VariantFieldsProps) {
  const id = (name: string) => `v${index}-${name}`;
  const err = (name: string) => fieldError(error, `variants[${index}].${name}`);
  const text = (name: keyof VariantForm, label: string, props: Record<string, unknown> = {}, hint?: string) => (
    <Field id={id(name)} label={label} error={err(name === 'width' || name === 'height' ? `media.${name}` : name)} hint={hint}>
      <input id={id(name)} value={String(variant[name])} disabled={frozen} onInput={(event) => onChange({ [name]: event.currentTarget.value })} {...props} />
    </Field>
  );
  const styles = (Object.keys(STYLES) as Array<keyof typeof STYLES>).filter((style) => variant.origin !== 'traditional' || !AI_LABEL_STYLES.includes(style));
  const positions = variant.style === 'caption' ? ['above', 'below'] : CORNER_POSITIONS;

  const setOrigin = (origin: VariantForm['origin']) =>
    onChange(origin === 'traditional' && AI_LABEL_STYLES.includes(variant.style) ? { origin, style: 'none', text: '', position: '' } : { origin });

  return (
    <fieldset class="variant" disabled={frozen}>
      <legend>
        <span class="variant-name">{variant.name || `Variant ${index + 1}`}</span>
        {variant.control && <span class="tag">Control</span>}
      </legend>
      <div class="variant-grid">
        <div class="variant-fields">
          <div class="row">
            {text('name', 'Name', { required: true, maxLength: 120 })}
            {text('key', 'Key', { required: true, maxLength: 64, pattern: '[a-z0-9][a-z0-9_\\-]*' }, 'Lower-case, used in events.')}
          </div>
          <div class="row">
            <Field id={id('origin')} label="Origin" error={err('origin')}>
              <select id={id('origin')} value={variant.origin} onChange={(event) => setOrigin(event.currentTarget.value as VariantForm['origin'])}>
                {Object.entries(ORIGINS).map(([value, label]) => (
                  <option value={value}>{label}</option>
                ))}
              </select>
            </Field>
            <Field id={id('style')} label="Disclosure" error={err('disclosure')}>
              <select id={id('style')} value={variant.style} onChange={(event) => onChange({ style: event.currentTarget.value as VariantForm['style'], position: '' })}>
                {styles.map((style) => (
                  <option value={style}>{STYLES[style]}</option>
                ))}
              </select>
            </Field>
          </div>
          {variant.style !== 'none' && (
            <div class="row">
              {text('text', 'Disclosure wording', { maxLength: 160, placeholder: variant.style === 'credentials' ? 'Optional' : variant.origin === 'hybrid' ? 'Made with the help of AI' : 'Made with AI' })}
              <Field id={id('position')} label="Where" error={err('disclosure.position')}>
                <select id={id('position')} value={variant.position} onChange={(event) => onChange({ position: event.currentTarget.value as VariantForm['position'] })}>
                  <option value="">Default ({variant.style === 'caption' ? 'below' : 'bottom-left'})</option>
                  {positions.map((position) => (
                    <option value={position}>{position}</option>
                  ))}
                </select>
              </Field>
            </div>
          )}
          {timedLabelApplies(variant) && (
            <div class="row">
              <Field id={id('labelTiming')} label="Show the label" error={err('disclosure.showForSeconds')}>
                <select id={id('labelTiming')} value={variant.labelTiming} onChange={(event) => onChange({ labelTiming: event.currentTarget.value as VariantForm['labelTiming'] })}>
                  <option value="throughout">Throughout the video</option>
                  <option value="first">For the first seconds only</option>
                </select>
              </Field>
              {variant.labelTiming === 'first' &&
                text('showForSeconds', 'Seconds shown', { type: 'number', min: LIMITS.minShowForSeconds, max: LIMITS.maxShowForSeconds, step: 1, required: true, inputMode: 'numeric' }, `${LIMITS.minShowForSeconds}–${LIMITS.maxShowForSeconds}, then it hides.`)}
            </div>
          )}
          <MediaFields variant={variant} index={index} error={error} policy={policy} warning={warning} onChange={onChange} />
          <div class="row row-3">
            {text('width', 'Width (px)', { type: 'number', min: 1, inputMode: 'numeric' })}
            {text('height', 'Height (px)', { type: 'number', min: 1, inputMode: 'numeric' })}
            {text('weight', 'Weight', { type: 'number', min: 0.001, step: 'any', required: true }, 'Share of traffic, relative.')}
          </div>
          {text('clickUrl', 'Click-through address', { type: 'url', placeholder: 'Optional' })}
          <div class="row">
            <Field id={id('likeness')} label="A real person appears" error={err('likeness')}>
              <select id={id('likeness')} value={variant.likeness} onChange={(event) => onChange({ likeness: event.currentTarget.value as VariantForm['likeness'] })}>
                <option value="none">No</option>
                <option value="consented">Yes, with their consent</option>
              </select>
            </Field>
            {text('generator', 'Made with (model or tool)', { maxLength: 120, placeholder: 'Optional' })}
          </div>
          {variant.likeness === 'consented' && text('consentRef', 'Consent reference', { required: true, maxLength: 200 }, 'Where the person’s consent is recorded.')}
          <div class="row row-3">
            {FACTS.map((fact) => (
              <Field id={id(fact)} label={FACT_LABELS[fact]} error={err(fact)}>
                <select id={id(fact)} value={variant[fact]} onChange={(event) => onChange({ [fact]: event.currentTarget.value as Fact })}>
                  <option value="">Not said</option>
                  <option value="yes">Yes</option>
                  <option value="no">No</option>
                </select>
              </Field>
            ))}
          </div>
          <div class="variant-actions">
            {!variant.control && (
              <button type="button" class="button button-small button-quiet" onClick={onMakeControl}>
                Make this the control
              </button>
            )}
            {canRemove && (
              <button type="button" class="button button-small button-danger" onClick={onRemove}>
                Remove
              </button>
            )}
          </div>
        </div>
        <CreativePreview variant={variant} />
      </div>
    </fieldset>
  );
}

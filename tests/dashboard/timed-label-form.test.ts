// The editor's icon style and timed video label, form ↔ body ↔ preview: what the editor sends is
// what the API accepts (and refuses where it should), an experiment comes back into the form
// unchanged, and the preview is asked for the same look. Pure, no server.
import { describe, expect, it } from 'vitest';
import { bodyFromForm, formFromExperiment, newExperimentForm, showForSecondsBody, timedLabelApplies, type VariantForm } from '../../client/dashboard/experiments/experiment-form.js';
import { previewPath } from '../../client/dashboard/experiments/preview-path.js';
import { experimentInput } from '../../server/experiments/experiment-input.js';
import { previewQuery, previewVariant, withoutEmpty } from '../../server/preview/preview-input.js';

const video = (overrides: Partial<VariantForm>): VariantForm => ({
  ...newExperimentForm().variants[1]!,
  mediaType: 'video',
  url: 'https://cdn.example/ai.mp4',
  alt: 'A ring',
  ...overrides,
});

function formWith(arm: VariantForm) {
  const form = newExperimentForm();
  form.name = 'Timing';
  form.variants = [{ ...form.variants[0]!, url: 'https://cdn.example/studio.jpg', alt: 'A ring' }, arm];
  return form;
}

describe('the timed label in the editor', () => {
  it('offers a timing only for a label, badge or icon over a video', () => {
    expect(timedLabelApplies({ mediaType: 'video', style: 'icon' })).toBe(true);
    expect(timedLabelApplies({ mediaType: 'video', style: 'label' })).toBe(true);
    expect(timedLabelApplies({ mediaType: 'video', style: 'badge' })).toBe(true);
    expect(timedLabelApplies({ mediaType: 'video', style: 'caption' })).toBe(false);
    expect(timedLabelApplies({ mediaType: 'video', style: 'credentials' })).toBe(false);
    expect(timedLabelApplies({ mediaType: 'image', style: 'icon' })).toBe(false);
  });

  it('sends the icon shown for 3 s, which the API accepts, and reads it back unchanged', () => {
    const form = formWith(video({ style: 'icon', labelTiming: 'first', showForSeconds: '3' }));
    const body = bodyFromForm(form);
    expect(body.variants[1]!.disclosure).toEqual({ style: 'icon', text: undefined, position: undefined, showForSeconds: 3 });
    const input = experimentInput.parse(body);
    expect(input.variants[1]!.disclosure).toEqual({ style: 'icon', text: 'Made with AI', position: 'bottom-left', showForSeconds: 3 });
    const variants = input.variants.map((variant) => ({ ...variant, id: variant.key, media: { ...variant.media, poster: variant.media.poster ?? null } }));
    const again = formFromExperiment({ ...input, id: 'e', siteId: 's', seed: 'x', status: 'draft', startedAt: null, stoppedAt: null, importedAt: null, variants } as never);
    expect(again.variants[1]).toMatchObject({ style: 'icon', labelTiming: 'first', showForSeconds: '3' });
    expect(again.variants[0]).toMatchObject({ labelTiming: 'throughout' });
    expect(experimentInput.parse(bodyFromForm(again))).toEqual(input);
  });

  it('sends null (throughout) where no timing applies, whatever was typed before', () => {
    const seconds = { labelTiming: 'first', showForSeconds: '5' } as const;
    expect(showForSecondsBody(video({ style: 'label', labelTiming: 'throughout', showForSeconds: '5' }))).toBeNull();
    expect(showForSecondsBody(video({ style: 'caption', ...seconds }))).toBeNull();
    expect(showForSecondsBody(video({ style: 'icon', mediaType: 'image', ...seconds }))).toBeNull();
    for (const arm of [video({ style: 'caption', ...seconds }), video({ style: 'icon', mediaType: 'image', url: 'https://cdn.example/ai.jpg', ...seconds })]) {
      expect(experimentInput.safeParse(bodyFromForm(formWith(arm))).success).toBe(true);
    }
  });

  it('lets the API name the field when the seconds are out of range or empty', () => {
    for (const typed of ['0', '31', '', '2.5']) {
      const parsed = experimentInput.safeParse(bodyFromForm(formWith(video({ style: 'badge', labelTiming: 'first', showForSeconds: typed }))));
      expect(parsed.success, typed).toBe(false);
      expect(parsed.error!.issues.map((issue) => issue.path.join('.'))).toContain('variants.1.disclosure.showForSeconds');
    }
  });

  it('never offers the icon on a traditional arm: the API refuses it as an AI label', () => {
    const parsed = experimentInput.safeParse(bodyFromForm(formWith(video({ origin: 'traditional', style: 'icon' }))));
    expect(parsed.success).toBe(false);
  });

  it('asks the preview for the same timed look, and leaves out seconds still being typed', () => {
    const shown = (arm: VariantForm) => previewVariant(previewQuery.parse(withoutEmpty(Object.fromEntries(new URL(previewPath(arm), 'http://candor.test').searchParams))));
    expect(shown(video({ style: 'icon', labelTiming: 'first', showForSeconds: '3' })).disclosure).toEqual({ style: 'icon', text: 'Made with AI', position: 'bottom-left', showForSeconds: 3 });
    expect(shown(video({ style: 'icon', labelTiming: 'first', showForSeconds: '' })).disclosure.showForSeconds).toBeNull();
    expect(shown(video({ style: 'icon', labelTiming: 'first', showForSeconds: '45' })).disclosure.showForSeconds).toBeNull();
    expect(shown(video({ style: 'caption', labelTiming: 'first', showForSeconds: '3' })).disclosure.showForSeconds).toBeNull();
    // The preview refuses what the API refuses.
    expect(previewQuery.safeParse({ style: 'icon', origin: 'ai', type: 'image', url: 'https://cdn.example/a.jpg', showForSeconds: '3' }).success).toBe(false);
    expect(previewQuery.safeParse({ style: 'icon', origin: 'ai', type: 'video', url: 'https://cdn.example/a.mp4', showForSeconds: '31' }).success).toBe(false);
  });
});

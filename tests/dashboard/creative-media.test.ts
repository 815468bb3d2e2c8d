// The editor's pure handling of uploaded creatives, in Node: what a creative fills in (and that
// the API's own schema takes the body), the badge and details of a provenance, and the origin a
// file proposes, only for an arm declared traditional.
import { describe, expect, it } from 'vitest';
import { describeFile, mediaFromCreative, originSuggestion, provenanceBadge, provenanceDetails } from '../../client/dashboard/experiments/creative-media.js';
import { bodyFromForm, newExperimentForm } from '../../client/dashboard/experiments/experiment-form.js';
import type { Creative, Provenance } from '../../client/dashboard/types.js';
import { NO_PROVENANCE } from '../../server/creatives/source-type.js';
import { experimentInput } from '../../server/experiments/experiment-input.js';

const AI: Provenance = {
  source: 'c2pa',
  manifest: true,
  validation: 'valid',
  problems: ['signingCredential.untrusted'],
  claimGenerator: 'Candor test generator/1.0',
  digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
  softwareAgent: 'Imagen 4',
  signer: { issuer: 'C2PA Test Signing Cert', name: 'C2PA Signer', time: null },
};

function creative(overrides: Partial<Creative> = {}): Creative {
  return {
    id: 'c1',
    sha256: 'a'.repeat(64),
    kind: 'video',
    mime: 'video/mp4',
    ext: 'mp4',
    bytes: 828_571,
    width: 720,
    height: 1280,
    durationMs: 2027,
    url: `https://candor.example/media/${'a'.repeat(64)}.mp4`,
    posterUrl: `https://candor.example/media/${'b'.repeat(64)}.jpg`,
    derivatives: null,
    provenance: AI,
    provenanceSummary: '',
    suggested: { origin: 'ai', generator: 'Imagen 4' },
    originalName: 'clip.mp4',
    createdAt: 0,
    ...overrides,
  };
}

describe('an uploaded creative in the editor', () => {
  it('fills in the arm’s media as plain media the API accepts, the made poster included', () => {
    const form = newExperimentForm();
    form.name = 'Uploads';
    form.variants = form.variants.map((variant) => ({ ...variant, ...mediaFromCreative(creative()), alt: 'A ring turning' }));
    const parsed = experimentInput.safeParse(bodyFromForm(form));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data!.variants[0]!.media).toEqual({ type: 'video', url: creative().url, poster: creative().posterUrl, alt: 'A ring turning', width: 720, height: 1280 });
    expect(form.variants[0]!.creative).toMatchObject({ id: 'c1', sha256: 'a'.repeat(64), provenance: AI, originalName: 'clip.mp4' });
  });

  it('clears the last video’s poster when the new one has none', () => {
    expect(mediaFromCreative(creative({ posterUrl: null })).poster).toBe('');
  });

  it('proposes the file’s origin and generator only for an arm declared traditional', () => {
    const linked = mediaFromCreative(creative()).creative!;
    expect(originSuggestion({ origin: 'traditional', creative: linked })).toEqual({ patch: { origin: 'ai', generator: 'Imagen 4' }, label: 'Set origin to AI and generator to Imagen 4' });
    expect(originSuggestion({ origin: 'ai', creative: linked })).toBeNull();
    expect(originSuggestion({ origin: 'hybrid', creative: linked })).toBeNull();
    expect(originSuggestion({ origin: 'traditional', creative: { ...linked, provenance: NO_PROVENANCE } })).toBeNull();
    const composite = { ...AI, softwareAgent: null, claimGenerator: null, digitalSourceType: 'compositeWithTrainedAlgorithmicMedia' };
    expect(originSuggestion({ origin: 'traditional', creative: { ...linked, provenance: composite } })).toEqual({ patch: { origin: 'hybrid' }, label: 'Set origin to hybrid' });
  });

  it.each([
    ['a file saying AI', AI, 'AI (credentials)', 'ai'],
    ['XMP saying AI', { ...NO_PROVENANCE, source: 'xmp', digitalSourceType: AI.digitalSourceType }, 'AI (metadata)', 'ai'],
    ['credentials that do not verify', { ...AI, digitalSourceType: null, validation: 'invalid' }, 'Credentials do not verify', 'invalid'],
    ['a camera’s credentials', { ...AI, digitalSourceType: 'digitalCapture' }, 'Content Credentials', 'credentials'],
    ['nothing', NO_PROVENANCE, 'No credentials', 'none'],
  ] as Array<[string, Provenance, string, string]>)('badges %s as "%s"', (_, provenance, text, tone) => {
    expect(provenanceBadge(provenance)).toEqual({ text, tone });
  });

  it('says who wrote the credentials and whether they verify', () => {
    expect(provenanceDetails(AI)).toBe('Written by Candor test generator/1.0; they verify, but the signer is on no trust list.');
    expect(provenanceDetails({ ...AI, validation: 'invalid', problems: ['assertion.dataHash.mismatch'] })).toBe('Written by Candor test generator/1.0; they do not verify (assertion.dataHash.mismatch).');
    expect(provenanceDetails(NO_PROVENANCE)).toBeNull();
    expect(describeFile(creative())).toBe('MP4 video · 720 × 1280 px · 809 KB · 2.0 s');
  });
});

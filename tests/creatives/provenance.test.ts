// Provenance: an image signed here with the C2PA test key and a trainedAlgorithmicMedia source
// type is read as AI-made; an altered one no longer verifies; without a manifest the XMP source
// type is read; and the summary follows a manifest's parentOf ingredients to its origin.
import { afterEach, describe, expect, it } from 'vitest';
import { FORMATS } from '../../server/creatives/formats.js';
import { createProvenanceReader } from '../../server/creatives/provenance.js';
import { summariseManifestStore, summariseReadError } from '../../server/creatives/provenance-summary.js';
import { describeProvenance, saysMadeWithAi, suggestFromProvenance, type Provenance } from '../../server/creatives/source-type.js';
import { findDigitalSourceType } from '../../server/creatives/xmp.js';
import { describeEachDialect } from '../helpers/databases.js';
import { mediaPath } from '../helpers/fixture-files.js';
import { buildMediaApp, uploadFile, type MediaWorld } from './helpers.js';
import { makePng, signWithTestKey, TRAINED_ALGORITHMIC_MEDIA, xmpChunk } from './sign-c2pa.js';

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

describeEachDialect('reading provenance from uploads', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  it('reads an image signed with Content Credentials saying trainedAlgorithmicMedia as made with generative AI', async () => {
    world = buildMediaApp(database());
    const signed = await signWithTestKey(makePng(96, 64), { mime: 'image/png', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: 'Imagen 4' });
    const reply = await uploadFile(world, signed, 'generated.png', 'image/png');
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({ kind: 'image', ext: 'png', width: 96, height: 64 });
    expect(reply.body.provenance).toEqual({
      source: 'c2pa',
      manifest: true,
      validation: 'valid',
      problems: ['signingCredential.untrusted'],
      claimGenerator: 'Candor test generator/1.0',
      digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
      softwareAgent: 'Imagen 4',
      signer: { issuer: 'C2PA Test Signing Cert', name: 'C2PA Signer', time: null },
    });
    expect(reply.body.provenanceSummary).toBe('Content Credentials: made with generative AI (trainedAlgorithmicMedia), with Imagen 4, signed by C2PA Test Signing Cert');
    // The editor proposes the origin and the generator the file names.
    expect(reply.body.suggested).toEqual({ origin: 'ai', generator: 'Imagen 4' });
  });

  it('says a signed image altered afterwards does not verify, and why', async () => {
    world = buildMediaApp(database());
    const signed = Buffer.from(await signWithTestKey(makePng(96, 64), { mime: 'image/png', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA }));
    const idat = signed.indexOf('IDAT') + 8;
    signed[idat] = signed[idat]! ^ 0xff;
    const reply = await uploadFile(world, signed, 'altered.png', 'image/png');
    expect(reply.status).toBe(201);
    expect(reply.body.provenance).toMatchObject({ manifest: true, validation: 'invalid', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA });
    expect(reply.body.provenance.problems).toContain('assertion.dataHash.mismatch');
    expect(reply.body.provenanceSummary).toMatch(/but they do not verify$/);
  });

  it('reads the XMP DigitalSourceType of an image without a manifest', async () => {
    world = buildMediaApp(database());
    const png = makePng(40, 30, [xmpChunk(`${IPTC}trainedAlgorithmicMedia`)]);
    const reply = await uploadFile(world, png, 'firefly.png', 'image/png');
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.provenance).toMatchObject({ source: 'xmp', manifest: false, validation: null, digitalSourceType: `${IPTC}trainedAlgorithmicMedia` });
    expect(reply.body.provenanceSummary).toBe('Metadata (XMP) says: made with generative AI (trainedAlgorithmicMedia)');
    expect(reply.body.suggested).toEqual({ origin: 'ai', generator: null });
  });
});

describe('the reader', () => {
  it('stops a reader that takes too long and keeps the file as one whose credentials are unknown', async () => {
    const provenance = await createProvenanceReader({ timeoutMs: 1 }).read(mediaPath('C.jpg'), FORMATS.jpg);
    expect(provenance).toMatchObject({ source: 'none', manifest: false, problems: ['reading the Content Credentials took over 0.001 s'] });
  });

  it.each([
    ['no manifest', 'C2pa(JumbfNotFound)', { manifest: false, validation: null, problems: [] }],
    ['a manifest it cannot parse', 'C2pa(InvalidClaim(ClaimDecoding))', { manifest: true, validation: 'invalid', problems: ['C2pa(InvalidClaim(ClaimDecoding))'] }],
    ['a failure of the reader itself', 'RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded', { manifest: false, validation: null }],
  ])('tells %s from the others', (_, error, summary) => {
    expect(summariseReadError(error)).toMatchObject(summary);
  });
});

describe('summariseManifestStore', () => {
  const manifest = (actions: object[], extra: object = {}) => ({ assertions: [{ label: 'c2pa.actions.v2', data: { actions } }], ...extra });

  it('follows an edit back through its parentOf ingredient to the action that created the picture', () => {
    const store = {
      active_manifest: 'cropped',
      validation_state: 'Trusted',
      manifests: {
        cropped: manifest([{ action: 'c2pa.opened' }, { action: 'c2pa.cropped' }], {
          claim_generator_info: [{ name: 'Photo editor', version: '2.1' }],
          ingredients: [{ relationship: 'parentOf', active_manifest: 'original' }],
          signature_info: { issuer: 'Editor Inc.', common_name: 'Editor signing', time: '2026-01-02T03:04:05Z' },
        }),
        original: manifest([{ action: 'c2pa.created', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: { name: 'DALL·E', version: '3' } }]),
      },
    };
    expect(summariseManifestStore(store)).toEqual({
      source: 'c2pa',
      manifest: true,
      validation: 'trusted',
      problems: [],
      claimGenerator: 'Photo editor/2.1',
      digitalSourceType: TRAINED_ALGORITHMIC_MEDIA,
      softwareAgent: 'DALL·E 3',
      signer: { issuer: 'Editor Inc.', name: 'Editor signing', time: '2026-01-02T03:04:05Z' },
    });
  });

  it('takes an edit made with generative AI (generative fill) for the origin when nothing says how the picture was created', () => {
    const store = { active_manifest: 'm', validation_state: 'Valid', manifests: { m: manifest([{ action: 'c2pa.opened' }, { action: 'c2pa.edited', digitalSourceType: `${IPTC}compositeWithTrainedAlgorithmicMedia` }]) } };
    const summary = summariseManifestStore(store);
    expect(summary.digitalSourceType).toBe(`${IPTC}compositeWithTrainedAlgorithmicMedia`);
    expect(suggestFromProvenance(summary)).toEqual({ origin: 'hybrid', generator: null });
  });

  it('reports the failed checks of an invalid manifest, without repeats', () => {
    const failure = [{ code: 'assertion.dataHash.mismatch' }, { code: 'signingCredential.untrusted' }, { code: 'assertion.dataHash.mismatch' }];
    const summary = summariseManifestStore({ active_manifest: 'm', validation_state: 'Invalid', validation_results: { activeManifest: { failure } }, manifests: { m: manifest([]) } });
    expect(summary).toMatchObject({ validation: 'invalid', problems: ['assertion.dataHash.mismatch', 'signingCredential.untrusted'], digitalSourceType: null });
  });
});

describe('what a source type means', () => {
  const provenance = (digitalSourceType: string | null): Provenance => ({ source: 'c2pa', manifest: true, validation: 'valid', problems: [], claimGenerator: null, digitalSourceType, softwareAgent: null, signer: null });

  it.each([
    [`${IPTC}trainedAlgorithmicMedia`, true],
    [`${IPTC}compositeWithTrainedAlgorithmicMedia`, true],
    ['https://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia/', true],
    [`${IPTC}algorithmicMedia`, false],
    [`${IPTC}digitalCapture`, false],
    [null, false],
  ])('%s says generative AI: %s', (type, ai) => {
    expect(saysMadeWithAi(provenance(type))).toBe(ai);
  });

  it('describes a camera capture in words, naming the IPTC term', () => {
    expect(describeProvenance({ ...provenance(`${IPTC}digitalCapture`), signer: { issuer: 'Leica Camera AG', name: null, time: null } })).toBe(
      'Content Credentials: captured by a camera (digitalCapture), signed by Leica Camera AG',
    );
  });
});

describe('findDigitalSourceType', () => {
  it.each([
    ['an attribute', `<rdf:Description Iptc4xmpExt:DigitalSourceType="${IPTC}trainedAlgorithmicMedia"/>`],
    ['an element', `<Iptc4xmpExt:DigitalSourceType>\n ${IPTC}trainedAlgorithmicMedia\n</Iptc4xmpExt:DigitalSourceType>`],
    ['a resource', `<Iptc4xmpExt:DigitalSourceType rdf:resource='${IPTC}trainedAlgorithmicMedia'/>`],
  ])('reads the source type written as %s', (_, xml) => {
    expect(findDigitalSourceType(`binary\0junk${xml}more`)).toBe(`${IPTC}trainedAlgorithmicMedia`);
  });

  it('finds nothing where the property is only named', () => {
    expect(findDigitalSourceType('<rdf:li>DigitalSourceType</rdf:li> DigitalSourceType')).toBeNull();
  });
});

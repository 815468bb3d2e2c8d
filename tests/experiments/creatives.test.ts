// Variants that name uploaded creatives: the reference becomes plain media (URL, type, size,
// poster), the variant knows what its file says about its origin, and a traditional variant whose
// media says generative AI is refused under strict and warned about under research.
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite, experimentBody, setStatus, variantBody } from '../helpers/fixtures.js';
import { mediaFile } from '../helpers/fixture-files.js';
import { buildMediaApp, uploadFile, type MediaWorld } from '../creatives/helpers.js';
import { makePng, signWithTestKey, TRAINED_ALGORITHMIC_MEDIA } from '../creatives/sign-c2pa.js';

describeEachDialect('variants made of uploaded creatives', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  async function setup(policy: 'strict' | 'research' = 'strict') {
    const w = (world = buildMediaApp(database()));
    const site = await createSite(w.t, { disclosurePolicy: policy });
    const upload = async (data: Uint8Array, name: string) => {
      const reply = await uploadFile(w, data, name);
      if (reply.status !== 201) throw new Error(JSON.stringify(reply.body));
      return reply.body;
    };
    const aiImage = await upload(await signWithTestKey(makePng(160, 90), { mime: 'image/png', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: 'Imagen 4' }), 'generated.png');
    return { w, t: w.t, site, upload, aiImage };
  }

  const create = (t: MediaWorld['t'], siteId: string, variants: unknown[]) =>
    t.call('POST', `/api/sites/${siteId}/experiments`, experimentBody({ variants }));

  it('turns a reference into the creative\'s URL, type, size and a poster, and shows the creative on the variant', async () => {
    const { t, site, upload } = await setup();
    const video = await upload(mediaFile('video1.mp4'), 'clip.mp4');
    const poster = await upload(mediaFile('no_manifest.jpg'), 'poster.jpg');
    const reply = await create(t, site.id, [
      variantBody('studio', { control: true, media: { creative: video.id, posterCreative: poster.id, alt: 'The ring turning' } }),
      variantBody('external', { origin: 'ai', disclosure: { style: 'label' } }),
    ]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const [studio, external] = reply.body.variants;
    expect(studio.media).toEqual({ type: 'video', url: video.url, poster: poster.url, alt: 'The ring turning', width: 720, height: 1280 });
    expect(studio.creative).toEqual({ id: video.id, sha256: video.sha256, provenance: video.provenance, posterSha256: null, derivatives: [] });
    expect(external.creative).toBeNull();
    expect(reply.body.warnings).toEqual([]);
    expect((await t.call('GET', `/api/experiments/${reply.body.id}`)).body).toEqual(reply.body);
  });

  it('keeps the link when the editor sends the media back as plain URLs', async () => {
    const { t, site, aiImage } = await setup();
    const created = await create(t, site.id, [
      variantBody('studio', { control: true }),
      variantBody('ai', { origin: 'ai', disclosure: { style: 'credentials' }, media: { creative: aiImage.id, alt: 'The ring on a dune' } }),
    ]);
    const variants = created.body.variants.map(({ id, creative, disclosure, media: { poster, ...media }, ...rest }: any) => ({ ...rest, media, disclosure: { style: disclosure.style } }));
    const patched = await t.call('PATCH', `/api/experiments/${created.body.id}`, { variants });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.variants[1].creative).toEqual(created.body.variants[1].creative);
  });

  it.each([
    [{ creative: 'no-such-id', alt: 'x' }, 'variants[0].media.creative', /no uploaded creative has the id "no-such-id"/],
    [{ creative: 'ID', url: 'https://cdn.example/a.jpg', alt: 'x' }, 'variants[0].media.url', /comes from the creative/],
    [{ type: 'video', url: 'https://cdn.example/a.mp4', posterCreative: 'no-such-image', alt: 'x' }, 'variants[0].media.posterCreative', /no uploaded image/],
  ])('refuses a reference that does not hold: %j', async (media, field, message) => {
    const { t, site, aiImage } = await setup();
    const withId = JSON.parse(JSON.stringify(media).replace('"ID"', JSON.stringify(aiImage.id)));
    const reply = await create(t, site.id, [variantBody('studio', { control: true, media: withId }), variantBody('other')]);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field });
    expect(reply.body.error.message).toMatch(message);
  });

  it('refuses to start, under the strict policy, a variant declared traditional whose media says generative AI', async () => {
    const { t, site, aiImage } = await setup('strict');
    const reply = await create(t, site.id, [variantBody('studio', { control: true, media: { creative: aiImage.id, alt: 'The ring' } }), variantBody('other')]);
    expect(reply.status).toBe(201);
    expect(reply.body.warnings).toEqual([
      { field: 'variants[0].origin', message: expect.stringMatching(/^variant "studio" is declared traditional, but its media says otherwise \(Content Credentials: made with generative AI \(trainedAlgorithmicMedia\), with Imagen 4/) },
    ]);
    const start = await setStatus(t, reply.body.id, 'running');
    expect(start.status).toBe(422);
    expect(start.body.error).toMatchObject({ code: 'disclosure_policy', field: 'variants[0].origin' });
    expect(start.body.error.message).toMatch(/strict policy will not run it\. Declare it "ai" or "hybrid", with a disclosure\.$/);
  });

  it('starts it under the research policy, with the warning kept on the experiment', async () => {
    const { t, site, aiImage } = await setup('research');
    const reply = await create(t, site.id, [variantBody('studio', { control: true, media: { creative: aiImage.id, alt: 'The ring' } }), variantBody('other')]);
    const start = await setStatus(t, reply.body.id, 'running');
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    expect(start.body.warnings).toHaveLength(1);
    expect((await t.call('GET', `/api/experiments/${reply.body.id}`)).body.warnings).toEqual(start.body.warnings);
  });

  it('puts what the credentials say in the Content Credentials pin the snippet renders', async () => {
    const { t, site, aiImage } = await setup('strict');
    const reply = await create(t, site.id, [
      variantBody('studio', { control: true }),
      variantBody('ai', { origin: 'ai', disclosure: { style: 'credentials', position: 'top-right' }, media: { creative: aiImage.id, alt: 'The ring on a dune' } }),
    ]);
    expect((await setStatus(t, reply.body.id, 'running')).status).toBe(200);
    const config = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null });
    const ai = config.body.experiments[0].variants[1];
    expect(ai.html).toContain('aria-label="Content Credentials: made with generative AI (trainedAlgorithmicMedia), with Imagen 4, signed by C2PA Test Signing Cert"');
    expect(ai.media).toEqual({ type: 'image', url: aiImage.url, poster: null, alt: 'The ring on a dune', width: 160, height: 90 });
    expect(JSON.stringify(config.body)).not.toContain(aiImage.id);
  });
});

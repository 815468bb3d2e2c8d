// GET /api/preview: an unsaved arm's creative as the shop will get it, in a document of its own for
// the editor's <iframe>: the same markup as the public config, under a CSP with no script, for
// admins only; a field the API would refuse is refused here too.
import { afterEach, expect, it } from 'vitest';
import { creativeHtml } from '../../server/public/creative-html.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite, experimentBody, setStatus, variantBody } from '../helpers/fixtures.js';
import { buildMediaApp, uploadFile, type MediaWorld } from '../creatives/helpers.js';
import { makePng, signWithTestKey, TRAINED_ALGORITHMIC_MEDIA } from '../creatives/sign-c2pa.js';

const preview = (query: Record<string, string>) => `/api/preview?${new URLSearchParams(query)}`;

describeEachDialect('the creative preview', (database) => {
  let world: MediaWorld | undefined;
  afterEach(() => world?.cleanup());

  it('serves exactly the markup the public config gives the snippet, with the API’s defaults filled in', async () => {
    const { t } = (world = buildMediaApp(database()));
    const site = await createSite(t);
    const disclosure = { style: 'caption', text: 'This image was created with generative AI.', position: 'above' };
    const media = { type: 'image', url: 'https://cdn.aurum.example/ai.jpg', alt: 'The ring "Lumen" on a dune', width: 1600, height: 900 };
    const created = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody({
      variants: [variantBody('studio', { control: true }), variantBody('ai', { origin: 'ai', disclosure, media, clickUrl: 'https://aurum.example/ring?a=1&b=2' })],
    }));
    await setStatus(t, created.body.id, 'running');
    const config = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null, headers: { origin: 'https://aurum.example' } });
    const shopHtml = config.body.experiments[0].variants[1].html;

    const reply = await t.call('GET', preview({ origin: 'ai', style: 'caption', text: disclosure.text, position: 'above', type: 'image', url: media.url, alt: media.alt, width: '1600', height: '900', click: 'https://aurum.example/ring?a=1&b=2' }));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    expect(reply.body).toContain(`<body>${shopHtml}</body>`);

    // An empty field takes the default, as in the API: an AI label says "Made with AI", bottom-left.
    const label = await t.call('GET', preview({ origin: 'ai', style: 'label', text: '', position: '', url: media.url }));
    const expected = creativeHtml({ media: { ...media, alt: '', width: null, height: null, poster: null } as never, disclosure: { style: 'label', text: 'Made with AI', position: 'bottom-left' }, clickUrl: null });
    expect(label.body).toContain(`<body>${expected}</body>`);
  });

  it('pins what an uploaded file’s Content Credentials say, found by the hash in its URL', async () => {
    const w = (world = buildMediaApp(database()));
    const png = await signWithTestKey(makePng(160, 90), { mime: 'image/png', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: 'Imagen 4' });
    const uploaded = (await uploadFile(w, png, 'generated.png')).body;
    const reply = await w.t.call('GET', preview({ origin: 'ai', style: 'credentials', url: uploaded.url }));
    expect(reply.body).toContain('aria-label="Content Credentials: made with generative AI (trainedAlgorithmicMedia), with Imagen 4, signed by C2PA Test Signing Cert"');
  });

  it('answers under a CSP of its own: inline styles and media from anywhere, no script, sandboxed, framed by the dashboard only', async () => {
    const { t } = (world = buildMediaApp(database()));
    const reply = await t.call('GET', preview({ origin: 'ai', style: 'badge', url: 'https://cdn.aurum.example/ai.jpg' }));
    const csp = reply.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toMatch(/img-src https: http:/);
    expect(csp).toMatch(/(^|; )sandbox($|;)/);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('script-src');
    expect(reply.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(reply.body).not.toMatch(/<script/i);
  });

  it('escapes what the admin typed, so a preview cannot run markup', async () => {
    const { t } = (world = buildMediaApp(database()));
    const reply = await t.call('GET', preview({ origin: 'ai', style: 'label', text: '<script>alert(1)</script>', alt: '"><img src=x onerror=alert(1)>', url: 'https://cdn.aurum.example/ai.jpg' }));
    expect(reply.status).toBe(200);
    expect(reply.body).not.toMatch(/<script>alert|<img src=x/);
    expect(reply.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.each([
    [{ origin: 'ai', style: 'label', url: 'javascript:alert(1)' }, 'url'],
    [{ origin: 'ai', style: 'label' }, 'url'],
    [{ origin: 'traditional', style: 'label', url: 'https://cdn.aurum.example/a.jpg' }, 'style'],
    [{ origin: 'ai', style: 'caption', position: 'top-left', url: 'https://cdn.aurum.example/a.jpg' }, 'position'],
    [{ origin: 'ai', style: 'badge', position: 'above', url: 'https://cdn.aurum.example/a.jpg' }, 'position'],
    [{ origin: 'ai', style: 'label', width: '-5', url: 'https://cdn.aurum.example/a.jpg' }, 'width'],
    [{ origin: 'ai', style: 'label', text: 'x'.repeat(161), url: 'https://cdn.aurum.example/a.jpg' }, 'text'],
    [{ origin: 'ai', style: 'label', colour: 'red', url: 'https://cdn.aurum.example/a.jpg' }, 'colour'],
    [{ origin: 'ai', style: 'icon', showForSeconds: '3', url: 'https://cdn.aurum.example/a.jpg' }, 'showForSeconds'],
    [{ origin: 'ai', style: 'caption', type: 'video', showForSeconds: '3', url: 'https://cdn.aurum.example/a.mp4' }, 'showForSeconds'],
    [{ origin: 'ai', style: 'icon', type: 'video', showForSeconds: '31', url: 'https://cdn.aurum.example/a.mp4' }, 'showForSeconds'],
  ])('refuses %j with a 400 naming the field %s', async (query, field) => {
    const { t } = (world = buildMediaApp(database()));
    const reply = await t.call('GET', preview(query));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field });
  });

  it('is for admins only', async () => {
    const { t } = (world = buildMediaApp(database()));
    const reply = await t.call('GET', preview({ url: 'https://cdn.aurum.example/a.jpg' }), undefined, { token: null });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('unauthorized');
  });
});

// GET /v1/config: a site's running experiments as the snippet needs them, cacheable, and
// readable by browsers on the site's own origins only.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus } from '../helpers/fixtures.js';

describeEachDialect('GET /v1/config', (database) => {
  async function siteWithExperiments() {
    const t = buildTestApp(database());
    const site = await createSite(t, { allowedOrigins: ['https://aurum.example'] });
    const running = await createExperiment(t, site.id, { key: 'hero', slot: 'hero', coverage: 0.8 });
    const paused = await createExperiment(t, site.id, { key: 'footer', slot: 'footer' });
    await createExperiment(t, site.id, { key: 'draft', slot: 'sidebar' });
    await setStatus(t, running.id, 'running');
    await setStatus(t, paused.id, 'running');
    await setStatus(t, paused.id, 'paused');
    return { t, site, running };
  }

  it('serves only running experiments, with what the snippet needs and nothing internal', async () => {
    const { t, site, running } = await siteWithExperiments();
    const reply = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.body).toEqual({
      site: site.publicKey,
      experiments: [
        {
          key: 'hero',
          slot: 'hero',
          seed: running.seed,
          coverage: 0.8,
          variants: running.variants.map((variant: any) => ({
            key: variant.key,
            control: variant.control,
            weight: variant.weight,
            media: variant.media,
            disclosure: variant.disclosure,
            clickUrl: variant.clickUrl,
          })),
        },
      ],
    });
    const text = JSON.stringify(reply.body);
    for (const internal of ['generator', 'consentRef', 'likeness', 'hypothesis', running.id]) expect(text).not.toContain(internal);
  });

  it('sends an ETag and a short Cache-Control, and answers 304 to a matching If-None-Match', async () => {
    const { t, site } = await siteWithExperiments();
    const first = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=30\b/);
    expect(first.headers.get('vary')).toBe('Origin');
    const again = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null, headers: { 'if-none-match': `W/"old", ${etag}` } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('changes the ETag when what visitors see changes', async () => {
    const { t, site, running } = await siteWithExperiments();
    const before = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null });
    await setStatus(t, running.id, 'paused');
    const after = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null, headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.body.experiments).toEqual([]);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('allows CORS for the site\'s own origin and refuses others with 403 origin_not_allowed', async () => {
    const { t, site } = await siteWithExperiments();
    const own = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null, headers: { origin: 'https://aurum.example' } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe('https://aurum.example');
    for (const origin of ['https://evil.example', 'http://aurum.example', 'https://aurum.example.evil.example', 'null']) {
      const other = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null, headers: { origin } });
      expect(other.status, origin).toBe(403);
      expect(other.body.error.code).toBe('origin_not_allowed');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('answers 404 unknown_site for a key no site has, and 400 for a missing or malformed one', async () => {
    const { t } = await siteWithExperiments();
    const unknown = await t.call('GET', '/v1/config?site=pk_doesnotexist', undefined, { token: null });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_site', field: 'site' });
    for (const query of ['', '?site=', '?site=sk_secret', `?site=pk_${'a'.repeat(65)}`, '?site=pk_<script>']) {
      const bad = await t.call('GET', `/v1/config${query}`, undefined, { token: null });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'site' });
    }
  });
});

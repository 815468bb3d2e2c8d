// GET /v1/config: a site's running experiments as the snippet needs them, cacheable, and
// readable by browsers on the site's own origins only; and the survey card, every word of it.
import { describe, expect, it } from 'vitest';
import { bucketRanges } from '../../server/assign/buckets.js';
import { SURVEY_QUESTIONS } from '../../server/collect/vocabulary.js';
import { SNIPPET_SEGMENT_RULES } from '../../server/segments/snippet-rules.js';
import { creativeHtml } from '../../server/public/creative-html.js';
import { toSurveyCard } from '../../server/public/survey-card.js';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createExperiment, createSite, setStatus, variantBody } from '../helpers/fixtures.js';

const TRUST_CARD = {
  question: 'trust',
  text: 'How much do you trust what this ad shows?',
  delaySeconds: 3,
  choices: [
    { value: 1, label: '1 – Not at all' },
    { value: 2, label: '2' },
    { value: 3, label: '3' },
    { value: 4, label: '4' },
    { value: 5, label: '5 – Completely' },
  ],
  close: 'Close',
  html: expect.stringContaining('>How much do you trust what this ad shows?</p>'),
};

describe('toSurveyCard', () => {
  it('spells out the trust scale from 1 to 5, naming its two ends', () => {
    const card = toSurveyCard({ question: 'trust', text: 'Do you believe this film?', low: 'No', high: 'Fully', delaySeconds: 0 });
    expect(card).toEqual({
      question: 'trust',
      text: 'Do you believe this film?',
      delaySeconds: 0,
      choices: [
        { value: 1, label: '1 – No' },
        { value: 2, label: '2' },
        { value: 3, label: '3' },
        { value: 4, label: '4' },
        { value: 5, label: '5 – Fully' },
      ],
      close: 'Close',
      html: expect.stringContaining('>Do you believe this film?</p>'),
    });
  });

  it('answers the noticed question yes (1) or no (0)', () => {
    const card = toSurveyCard({ question: 'noticed', text: 'Did you notice that this ad was made with AI?', low: null, high: null, delaySeconds: 3 });
    expect(card).toEqual({
      question: 'noticed',
      text: 'Did you notice that this ad was made with AI?',
      delaySeconds: 3,
      choices: [
        { value: 1, label: 'Yes' },
        { value: 0, label: 'No' },
      ],
      close: 'Close',
      html: expect.stringContaining('data-candor-answer="0"'),
    });
  });

  it('offers exactly the answer values ingestion accepts for each question', () => {
    for (const question of ['trust', 'noticed'] as const) {
      const card = toSurveyCard({ question, text: '?', low: null, high: null, delaySeconds: 3 })!;
      const [min, max] = SURVEY_QUESTIONS[question];
      const values = card.choices.map((choice) => choice.value).sort();
      expect(values, question).toEqual(Array.from({ length: max - min + 1 }, (_, index) => min + index));
    }
  });

  it('gives no card to an experiment that asks no survey', () => {
    expect(toSurveyCard(null)).toBeNull();
  });
});

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
          // Computed by the server's buckets.ts: the snippet only hashes and finds its range.
          ranges: bucketRanges(
            running.variants.map((variant: any) => variant.weight),
            0.8,
          ),
          survey: null,
          variants: running.variants.map((variant: any) => ({
            key: variant.key,
            control: variant.control,
            weight: variant.weight,
            media: variant.media,
            disclosure: variant.disclosure,
            clickUrl: variant.clickUrl,
            html: creativeHtml(variant),
          })),
        },
      ],
      segments: SNIPPET_SEGMENT_RULES,
    });
    const text = JSON.stringify(reply.body);
    for (const internal of ['generator', 'consentRef', 'likeness', 'hypothesis', running.id]) expect(text).not.toContain(internal);
    expect(reply.body.experiments[0].variants[0].media).toEqual({
      type: 'image',
      url: 'https://cdn.aurum.example/studio.jpg',
      poster: null,
      alt: 'A gold ring on linen',
      width: null,
      height: null,
    });
  });

  it('gives each experiment its survey card, with every word and answer value the snippet renders', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const trust = await createExperiment(t, site.id, { key: 'trust', slot: 'hero', survey: { question: 'trust' } });
    t.clock.now += 1000;
    const noticed = await createExperiment(t, site.id, { key: 'noticed', slot: 'footer', survey: { question: 'noticed', text: 'Was this picture made with AI?', delaySeconds: 10 } });
    await setStatus(t, trust.id, 'running');
    await setStatus(t, noticed.id, 'running');
    const reply = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null });
    expect(reply.body.experiments.map((experiment: { key: string; survey: unknown }) => [experiment.key, experiment.survey])).toEqual([
      ['trust', TRUST_CARD],
      [
        'noticed',
        {
          question: 'noticed',
          text: 'Was this picture made with AI?',
          delaySeconds: 10,
          choices: [
            { value: 1, label: 'Yes' },
            { value: 0, label: 'No' },
          ],
          close: 'Close',
          html: expect.stringContaining('>Was this picture made with AI?</p>'),
        },
      ],
    ]);
  });

  it('carries each creative\'s width and height, so the snippet can reserve the slot\'s shape before it loads', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const experiment = await createExperiment(t, site.id, {
      variants: [
        variantBody('studio', { control: true, media: { type: 'image', url: 'https://cdn.aurum.example/studio.jpg', alt: 'A ring', width: 1200, height: 1500 } }),
        variantBody('ai', {
          origin: 'ai',
          disclosure: { style: 'badge' },
          media: { type: 'video', url: 'https://cdn.aurum.example/ai.mp4', poster: 'https://cdn.aurum.example/ai.jpg', alt: 'A ring turning', width: 1920, height: 1080 },
        }),
        variantBody('plain', { media: { type: 'image', url: 'https://cdn.aurum.example/plain.jpg', alt: 'A ring' } }),
      ],
    });
    await setStatus(t, experiment.id, 'running');
    const reply = await t.call('GET', `/v1/config?site=${site.publicKey}`, undefined, { token: null });
    expect(reply.body.experiments[0].variants.map((variant: { media: unknown }) => variant.media)).toEqual([
      { type: 'image', url: 'https://cdn.aurum.example/studio.jpg', poster: null, alt: 'A ring', width: 1200, height: 1500 },
      { type: 'video', url: 'https://cdn.aurum.example/ai.mp4', poster: 'https://cdn.aurum.example/ai.jpg', alt: 'A ring turning', width: 1920, height: 1080 },
      { type: 'image', url: 'https://cdn.aurum.example/plain.jpg', poster: null, alt: 'A ring', width: null, height: null },
    ]);
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

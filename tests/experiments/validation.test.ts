// Every rule on an experiment and its variants answers 400 invalid_field naming the field.
import { expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite, experimentBody, variantBody } from '../helpers/fixtures.js';

const control = variantBody('photo', { control: true });
const withVariant = (variant: Record<string, unknown>) => ({ variants: [control, variant] });
const media = (overrides: Record<string, unknown>) => ({ type: 'image', url: 'https://cdn.example/x.jpg', alt: 'A ring', ...overrides });

// Each survey rule, as [what, survey, field]: checked on create and on patch alike.
const surveyCases: Array<[string, Record<string, unknown>, string]> = [
  ['a survey given as a word', 'trust', 'survey'],
  ['a survey with no question', { text: 'Do you like it?' }, 'survey.question'],
  ['an unknown survey question', { question: 'mood' }, 'survey.question'],
  ['an empty survey text', { question: 'trust', text: '  ' }, 'survey.text'],
  ['a survey text past 200 characters', { question: 'trust', text: 'q'.repeat(201) }, 'survey.text'],
  ['a low end past 40 characters', { question: 'trust', low: 'l'.repeat(41) }, 'survey.low'],
  ['a high end past 40 characters', { question: 'trust', high: 'h'.repeat(41) }, 'survey.high'],
  ['a low end on the yes/no question', { question: 'noticed', low: 'No' }, 'survey.low'],
  ['a high end on the yes/no question', { question: 'noticed', high: 'Yes' }, 'survey.high'],
  ['a fractional delay', { question: 'trust', delaySeconds: 1.5 }, 'survey.delaySeconds'],
  ['a negative delay', { question: 'trust', delaySeconds: -1 }, 'survey.delaySeconds'],
  ['a delay past 60 seconds', { question: 'noticed', delaySeconds: 61 }, 'survey.delaySeconds'],
  ['an unknown survey field', { question: 'trust', choices: [1, 2, 3] }, 'survey.choices'],
].map(([what, survey, field]) => [what as string, { survey }, field as string]);

const cases: Array<[string, Record<string, unknown>, string]> = [
  ['a single variant', { variants: [control] }, 'variants'],
  ['no control', { variants: [variantBody('a'), variantBody('b')] }, 'variants'],
  ['two controls', { variants: [control, variantBody('b', { control: true })] }, 'variants'],
  ['nine variants', { variants: [control, ...Array.from({ length: 8 }, (_, i) => variantBody(`v${i}`))] }, 'variants'],
  ['a repeated variant key', { variants: [control, variantBody('photo')] }, 'variants[1].key'],
  ['a zero weight', withVariant(variantBody('b', { weight: 0 })), 'variants[1].weight'],
  ['a negative weight', withVariant(variantBody('b', { weight: -1 })), 'variants[1].weight'],
  ['a weight given as text', withVariant(variantBody('b', { weight: '1' })), 'variants[1].weight'],
  ['a javascript: media url', withVariant(variantBody('b', { media: media({ url: 'javascript:alert(1)' }) })), 'variants[1].media.url'],
  ['a relative media url', withVariant(variantBody('b', { media: media({ url: '/x.jpg' }) })), 'variants[1].media.url'],
  ['a data: click-through url', withVariant(variantBody('b', { clickUrl: 'data:text/html,hi' })), 'variants[1].clickUrl'],
  ['a url with credentials', withVariant(variantBody('b', { clickUrl: 'https://user:pw@shop.example/' })), 'variants[1].clickUrl'],
  ['a url past 2,048 characters', withVariant(variantBody('b', { clickUrl: `https://shop.example/${'a'.repeat(2048)}` })), 'variants[1].clickUrl'],
  ['an unknown media type', withVariant(variantBody('b', { media: media({ type: 'gif' }) })), 'variants[1].media.type'],
  ['an image with a poster', withVariant(variantBody('b', { media: media({ poster: 'https://cdn.example/p.jpg' }) })), 'variants[1].media.poster'],
  ['missing alt text', withVariant(variantBody('b', { media: { type: 'image', url: 'https://cdn.example/x.jpg' } })), 'variants[1].media.alt'],
  ['an unknown origin', withVariant(variantBody('b', { origin: 'cgi' })), 'variants[1].origin'],
  ['an AI label on a traditional creative', withVariant(variantBody('b', { disclosure: { style: 'label' } })), 'variants[1].disclosure.style'],
  ['an AI caption on a traditional creative', withVariant(variantBody('b', { disclosure: { style: 'caption' } })), 'variants[1].disclosure.style'],
  ['disclosure text with no style', withVariant(variantBody('b', { origin: 'ai', disclosure: { style: 'none', text: 'AI' } })), 'variants[1].disclosure.style'],
  ['a caption in a corner', withVariant(variantBody('b', { origin: 'ai', disclosure: { style: 'caption', position: 'top-left' } })), 'variants[1].disclosure.position'],
  ['a label below the creative', withVariant(variantBody('b', { origin: 'ai', disclosure: { style: 'label', position: 'below' } })), 'variants[1].disclosure.position'],
  ['disclosure text past 160 characters', withVariant(variantBody('b', { origin: 'ai', disclosure: { style: 'label', text: 'x'.repeat(161) } })), 'variants[1].disclosure.text'],
  ['a consented likeness with no consent reference', withVariant(variantBody('b', { likeness: 'consented' })), 'variants[1].consentRef'],
  ['a consent reference with no likeness', withVariant(variantBody('b', { consentRef: 'release-12' })), 'variants[1].likeness'],
  ['an unknown likeness', withVariant(variantBody('b', { likeness: 'celebrity' })), 'variants[1].likeness'],
  ['an unknown variant field', withVariant(variantBody('b', { colour: 'gold' })), 'variants[1].colour'],
  ['a generator past 120 characters', withVariant(variantBody('b', { generator: 'g'.repeat(121) })), 'variants[1].generator'],
  ['a width with no height', withVariant(variantBody('b', { media: media({ width: 1200 }) })), 'variants[1].media.height'],
  ['a height with no width', withVariant(variantBody('b', { media: media({ width: null, height: 800 }) })), 'variants[1].media.width'],
  ['a zero width', withVariant(variantBody('b', { media: media({ width: 0, height: 800 }) })), 'variants[1].media.width'],
  ['a fractional height', withVariant(variantBody('b', { media: media({ width: 1200, height: 800.5 }) })), 'variants[1].media.height'],
  ['a width past 20,000 pixels', withVariant(variantBody('b', { media: media({ width: 20_001, height: 800 }) })), 'variants[1].media.width'],
  ['a height given as text', withVariant(variantBody('b', { media: media({ width: 1200, height: '800' }) })), 'variants[1].media.height'],
  ['an upper-case key', { key: 'Hero' }, 'key'],
  ['a key past 64 characters', { key: 'k'.repeat(65) }, 'key'],
  ['an empty name', { name: '   ' }, 'name'],
  ['a hypothesis past 2,000 characters', { hypothesis: 'h'.repeat(2001) }, 'hypothesis'],
  ['a slot with spaces', { slot: 'hero banner' }, 'slot'],
  ['zero coverage', { coverage: 0 }, 'coverage'],
  ['coverage above 1', { coverage: 1.5 }, 'coverage'],
  ['an unknown primary metric', { primaryMetric: 'happiness' }, 'primaryMetric'],
  ['an unknown guardrail', { guardrailMetrics: ['trust', 'joy'] }, 'guardrailMetrics[1]'],
  ['a fractional planned sample size', { plannedSampleSize: 10.5 }, 'plannedSampleSize'],
  ['a negative planned sample size', { plannedSampleSize: -10 }, 'plannedSampleSize'],
  ['an unknown experiment field', { status: 'running' }, 'status'],
  ...surveyCases,
];

describeEachDialect('experiment validation', (database) => {
  it.each(cases)('refuses %s', async (_, overrides, field) => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const reply = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody(overrides));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field });
    expect(reply.body.error.message.startsWith(field)).toBe(true);
    const list = await t.call('GET', `/api/sites/${site.id}/experiments`);
    expect(list.body.experiments).toEqual([]);
  });

  it('accepts a traditional creative with the Content Credentials mark, which is no AI label', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const reply = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody(withVariant(variantBody('b', { disclosure: { style: 'credentials' } }))));
    expect(reply.status).toBe(201);
  });

  it.each(surveyCases)('refuses %s in a patch too, and leaves the draft as it was', async (_, patch, field) => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const created = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody({ survey: { question: 'trust' } }));
    const reply = await t.call('PATCH', `/api/experiments/${created.body.id}`, patch);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field });
    expect((await t.call('GET', `/api/experiments/${created.body.id}`)).body).toEqual(created.body);
  });

  it('refuses invalid variants in a patch too, and leaves the draft as it was', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const created = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody());
    const reply = await t.call('PATCH', `/api/experiments/${created.body.id}`, withVariant(variantBody('b', { weight: 0 })));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_field', field: 'variants[1].weight' });
    expect((await t.call('GET', `/api/experiments/${created.body.id}`)).body).toEqual(created.body);
  });
});

// Disclosure designs through the real app: arms that differ in style, wording and timing take
// events through /v1/events; the results' factor model and the noticed-against-cost section equal
// the statistics engine's on the counts that went in.
import { expect, it } from 'vitest';
import { armMoments, fitFactorModel, nonInferiority, relativeLift, wilsonInterval } from '../../server/stats/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { createSite, experimentBody, variantBody } from '../helpers/fixtures.js';
import { armEvent, armOf, runningSetup, send } from '../collect/helpers.js';

const video = (key: string) => ({ type: 'video', url: `https://cdn.aurum.example/${key}.mp4`, alt: 'A ring turning in light' });
const DESIGNS = [
  variantBody('studio', { control: true }),
  variantBody('ai-plain', { origin: 'ai', media: video('ai') }),
  variantBody('ai-label', { origin: 'ai', media: video('ai'), disclosure: { style: 'label', text: 'Made with AI' } }),
  variantBody('ai-label-3s', { origin: 'ai', media: video('ai'), disclosure: { style: 'label', text: 'Made with AI', showForSeconds: 3 } }),
  variantBody('ai-words', { origin: 'ai', media: video('ai'), disclosure: { style: 'label', text: 'AI-generated video' } }),
  variantBody('ai-icon', { origin: 'ai', media: video('ai'), disclosure: { style: 'icon', text: 'Made with AI' } }),
];

interface Count { n: number; carts: number; answered: number; noticed: number }

/** 480 visitors; whether one adds to cart or noticed the label follows its number and arm, so every arm differs. */
async function traffic(t: TestApp) {
  const { site, experiment } = await runningSetup(t, { variants: DESIGNS, seed: 'designs-seed' }, { disclosurePolicy: 'research' });
  const counts = new Map<string, Count>(experiment.variants.map((v: { key: string }) => [v.key, { n: 0, carts: 0, answered: 0, noticed: 0 }]));
  const now = t.clock.now;
  for (let i = 0; i < 480; i++) {
    const visitor = `visitor-${i}`;
    const arm = armOf(experiment, visitor);
    const index = experiment.variants.findIndex((v: { key: string }) => v.key === arm.key);
    const events = [armEvent(experiment, visitor, 'exposure', now - 60_000)];
    const carts = (i + index) % (4 + index) === 0;
    if (carts) events.push(armEvent(experiment, visitor, 'add_to_cart', now - 2000, { value: 90 }));
    const answers = i % 3 !== 0;
    const noticed = answers && (i + index) % (index + 2) !== 0;
    if (answers) events.push(armEvent(experiment, visitor, 'survey', now - 1000, { name: 'noticed', value: noticed ? 1 : 0 }));
    expect((await send(t, site, visitor, events)).status).toBe(202);
    const count = counts.get(arm.key)!;
    count.n++;
    if (carts) count.carts++;
    if (answers) count.answered++;
    if (noticed) count.noticed++;
  }
  return { experiment, counts };
}

const binary = (n: number, k: number) => ({ n, sum: k, sumSquares: k });
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 12);

describeEachDialect('disclosure designs in the results', (database) => {
  it('fits origin, disclosure, style, wording and timing from the events, as the engine does on the same counts', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { experiment, counts } = await traffic(t);
    const reply = await t.call('GET', `/api/experiments/${experiment.id}/results`);
    expect(reply.status).toBe(200);
    const factors = reply.body.disclosure.factors;
    const expected = fitFactorModel(
      DESIGNS.map((body: any) => ({
        key: body.key,
        origin: body.origin,
        style: body.disclosure?.style ?? 'none',
        wording: body.disclosure?.text ?? null,
        showForSeconds: body.disclosure?.showForSeconds ?? null,
        sample: binary(counts.get(body.key)!.n, counts.get(body.key)!.carts),
      })),
    );
    expect(factors.terms.map((term: any) => term.name)).toEqual(['origin:ai', 'disclosure', 'style:icon', 'wording:1', 'timing:first-3s']);
    expect(factors.factors.find((f: any) => f.name === 'wording')).toEqual({ name: 'wording', levels: ['Made with AI', 'AI-generated video'], reference: 'Made with AI' });
    expect(factors.factors.find((f: any) => f.name === 'timing')).toEqual({ name: 'timing', levels: ['throughout', 'first 3 s'], reference: 'throughout' });
    factors.terms.forEach((term: any, j: number) => {
      close(term.estimate, expected.terms[j]!.estimate);
      close(term.standardError, expected.terms[j]!.standardError);
    });
    expect(factors.n).toBe(480);
  });

  it('sets each design\'s noticed share beside its cost against the undisclosed AI arm, non-inferior at the requested margin', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { experiment, counts } = await traffic(t);
    const reply = await t.call('GET', `/api/experiments/${experiment.id}/results?margin=-0.2`);
    expect(reply.status).toBe(200);
    const section = reply.body.designs;
    expect(section.baseline).toMatchObject({ against: 'undisclosed-ai', variants: ['ai-plain'], n: counts.get('ai-plain')!.n });
    expect(section.margin).toBe(-0.2);
    expect(section.designs.map((d: any) => [d.variant, d.style, d.wording, d.showForSeconds])).toEqual([
      ['ai-label', 'label', 'Made with AI', null],
      ['ai-label-3s', 'label', 'Made with AI', 3],
      ['ai-words', 'label', 'AI-generated video', null],
      ['ai-icon', 'icon', 'Made with AI', null],
    ]);
    const plain = counts.get('ai-plain')!;
    for (const design of section.designs) {
      const count = counts.get(design.variant)!;
      const noticed = wilsonInterval(binary(count.answered, count.noticed));
      expect(design.noticed).toMatchObject({ answered: count.answered, yes: count.noticed });
      close(design.noticed.share, noticed.estimate);
      const cost = relativeLift(armMoments(binary(plain.n, plain.carts), 'binary'), armMoments(binary(count.n, count.carts), 'binary'));
      close(design.cost.estimate, cost.estimate);
      close(design.cost.lower, cost.lower);
      const test = nonInferiority(binary(plain.n, plain.carts), binary(count.n, count.carts), { margin: -0.2 });
      expect(design.nonInferiority.nonInferior).toBe(test.nonInferior);
      close(design.nonInferiority.lowerBound, test.lowerBound);
      const share = Math.round(noticed.estimate * 100);
      expect(design.sentence).toMatch(new RegExp(`^noticed by ${share}% · costs [+−]?\\d+\\.\\d% add-to-cart · not worse than −20\\.0%: (yes|not shown)$`, 'i'));
    }
    close(section.baseline.noticed.share, plain.noticed / plain.answered);
  });

  it('measures the cost against the control when every AI arm is disclosed, and says so', async () => {
    const t = buildTestApp(database(), { env: { CANDOR_RATE_LIMIT: '0' } });
    const { experiment } = await runningSetup(t, { variants: DESIGNS.filter((body: any) => body.key !== 'ai-plain') });
    const reply = await t.call('GET', `/api/experiments/${experiment.id}/results`);
    expect(reply.status).toBe(200);
    expect(reply.body.designs.baseline).toMatchObject({ against: 'control', variants: ['studio'], n: 0 });
    expect(reply.body.designs.note).toContain('against the control');
    expect(reply.body.designs.designs[0].sentence).toBe('noticed: no answers yet · cost on add-to-cart: not yet estimable · not worse than −5.0%: not yet');
  });

  it('refuses a display time on an image, on a caption, or outside 1–30 seconds, naming the field', async () => {
    const t = buildTestApp(database());
    const site = await createSite(t);
    const cases: [Record<string, unknown>, string][] = [
      [variantBody('ai', { origin: 'ai', disclosure: { style: 'label', showForSeconds: 3 } }), 'variants[1].disclosure.showForSeconds'],
      [variantBody('ai', { origin: 'ai', media: video('ai'), disclosure: { style: 'caption', showForSeconds: 3 } }), 'variants[1].disclosure.showForSeconds'],
      [variantBody('ai', { origin: 'ai', media: video('ai'), disclosure: { style: 'label', showForSeconds: 31 } }), 'variants[1].disclosure.showForSeconds'],
      [variantBody('ai', { origin: 'ai', media: video('ai'), disclosure: { style: 'label', showForSeconds: 0.5 } }), 'variants[1].disclosure.showForSeconds'],
      [variantBody('photo', { disclosure: { style: 'icon' } }), 'variants[1].disclosure.style'],
    ];
    for (const [variant, field] of cases) {
      const reply = await t.call('POST', `/api/sites/${site.id}/experiments`, experimentBody({ variants: [variantBody('studio', { control: true }), variant] }));
      expect(reply.status, JSON.stringify(variant)).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'invalid_field', field });
    }
  });
});

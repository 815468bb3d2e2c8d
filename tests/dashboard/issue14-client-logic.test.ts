// The words and requests of the results' new sections and the editor's planning, in Node: a
// decision's headline and the list's chip, the correction and interaction sentences of results by
// segment, the honest variance sentence of adjusted figures, the plan's body and answer, and the
// planned effect and revenue cap sent only where the server's edit rules know them.
import { describe, expect, it } from 'vitest';
import { dayLabel, noveltyChart } from '../../client/dashboard/charts/novelty-chart.js';
import { bodyFromForm, formFromExperiment, newExperimentForm } from '../../client/dashboard/experiments/experiment-form.js';
import { baselineKind, isProblem, needsSd, planRequest, planSentence, type PlanAnswer } from '../../client/dashboard/experiments/plan-request.js';
import { fieldLocked, planSettingsBody, planSettingsFrom, revenueCapValue, serverKnows } from '../../client/dashboard/experiments/plan-settings.js';
import { strataWords, varianceRemoved, varianceSentence } from '../../client/dashboard/results/adjusted-words.js';
import { decisionHeadline, listDecision, moreDays, type Decision } from '../../client/dashboard/results/decision-words.js';
import { showsRevenue } from '../../client/dashboard/results/revenue-cap-note.js';
import { correctionSentence, interactionSentence, segmentMetrics } from '../../client/dashboard/results/segment-words.js';
import { experimentInput } from '../../server/experiments/experiment-input.js';
import type { MetricName } from '../../server/metrics/registry.js';
import { planRequest as planRequestSchema } from '../../server/planning/route.js';

const names = { variant: 'AI with label', control: '“Traditional creative”', metric: 'add-to-cart' };

function decision(overrides: Partial<Decision>): Decision {
  return {
    metric: 'added_to_cart',
    role: 'primary',
    variant: 'ai',
    decision: 'inconclusive',
    sentence: '',
    basis: 'always-valid',
    daysMore: null,
    expectedLoss: { treatment: null, control: null },
    lossSentence: '',
    ...overrides,
  };
}

describe('decision words', () => {
  it.each([
    [{ decision: 'ship' as const }, 'AI with label wins on add-to-cart'],
    [{ decision: 'keep-control' as const }, 'Keep “Traditional creative”'],
    [{ decision: 'keep-control' as const, role: 'guardrail' as const }, 'Keep “Traditional creative”: AI with label harms add-to-cart'],
    [{ decision: 'keep-running' as const, daysMore: 11.2 }, 'Keep running: about 12 more days'],
    [{ decision: 'keep-running' as const, daysMore: 0.3 }, 'Keep running: about 1 more day'],
    [{ decision: 'keep-running' as const, daysMore: null }, 'Keep running'],
    [{ decision: 'no-difference' as const }, 'No difference worth waiting for'],
    [{ decision: 'inconclusive' as const }, 'No clear answer yet'],
    [{ decision: 'no-data' as const }, 'Not enough data yet'],
  ])('%j reads "%s"', (given, words) => {
    expect(decisionHeadline(decision(given), names)).toBe(words);
  });

  it('never promises a negative or infinite wait', () => {
    expect(moreDays(-1)).toBeNull();
    expect(moreDays(Number.POSITIVE_INFINITY)).toBeNull();
    expect(moreDays(2)).toBe('about 2 more days');
  });

  it('sums up the primary metric over arms for the list: a winner first, then the longest wait, then the rest', () => {
    const nameOf = (key: string) => ({ ai: 'AI with label', hybrid: 'Hybrid' })[key] ?? key;
    expect(listDecision([], nameOf)).toBeNull();
    expect(listDecision([decision({ role: 'guardrail', decision: 'ship' })], nameOf)).toBeNull();
    expect(listDecision([decision({ decision: 'ship' }), decision({ variant: 'hybrid', decision: 'keep-running', daysMore: 3 })], nameOf)).toEqual({ kind: 'ship', words: 'AI with label wins' });
    expect(listDecision([decision({ decision: 'ship' }), decision({ variant: 'hybrid', decision: 'ship' })], nameOf)).toEqual({ kind: 'ship', words: '2 arms win' });
    expect(listDecision([decision({ decision: 'keep-running', daysMore: 3 }), decision({ variant: 'hybrid', decision: 'keep-running', daysMore: 9.5 })], nameOf)).toEqual({
      kind: 'keep-running',
      words: 'Keep running, about 10 more days',
    });
    expect(listDecision([decision({ decision: 'keep-control' }), decision({ variant: 'hybrid', decision: 'keep-control' })], nameOf)).toEqual({ kind: 'keep-control', words: 'Keep the control' });
    expect(listDecision([decision({ decision: 'no-difference' }), decision({ variant: 'hybrid', decision: 'keep-control' })], nameOf)?.kind).toBe('keep-control');
    expect(listDecision([decision({ decision: 'no-difference' })], nameOf)).toEqual({ kind: 'no-difference', words: 'No difference worth waiting for' });
  });
});

describe('segment words', () => {
  it('says what the correction covers, and that a level is not a win by chance', () => {
    expect(correctionSentence(36, 'holm')).toMatch(/^Every level's p-value is Holm-corrected for all 36 level comparisons shown/);
    expect(correctionSentence(36, 'benjamini-hochberg')).toContain('Benjamini–Hochberg-corrected');
    expect(correctionSentence(4, 'none')).toContain('not corrected for the 4 comparisons');
  });

  it('flags an interaction with its corrected p-value, and gives the all-clear otherwise', () => {
    const interaction = { statistic: 9.1, df: 2, pValue: 0.0011, adjustedPValue: 0.0042, differs: true };
    expect(interactionSentence('AI image', 'device', interaction)).toBe('The effect of AI image differs by device (interaction p = 0.004, corrected).');
    expect(interactionSentence('AI image', 'device', { ...interaction, adjustedPValue: 0.0002 })).toBe('The effect of AI image differs by device (interaction p < 0.001, corrected).');
    expect(interactionSentence('AI image', 'device', { ...interaction, adjustedPValue: 0.41, differs: false })).toBe(
      'No sign that the effect of AI image differs by device (interaction p = 0.41, corrected): read the overall lift.',
    );
    expect(interactionSentence('AI image', 'device', { ...interaction, adjustedPValue: null, differs: false })).toMatch(/^Not enough data/);
  });

  it('lists each metric of the section once, in the server’s order', () => {
    const dimension = (metrics: string[]) => ({ name: 'd', label: 'D', levels: [], metrics: metrics.map((metric) => ({ metric: metric as never, label: metric, comparisons: [] })) });
    expect(segmentMetrics({ visitorsWithSegment: 0, tests: 0, note: '', dimensions: [dimension(['added_to_cart', 'trust']), dimension(['added_to_cart', 'revenue'])] })).toEqual([
      { metric: 'added_to_cart', label: 'added_to_cart' },
      { metric: 'trust', label: 'trust' },
      { metric: 'revenue', label: 'revenue' },
    ]);
  });
});

describe('adjusted figures in words', () => {
  it.each([
    [0.23, '23%', 'Adjustment removed 23% of the variance, so its interval is narrower than the raw one.'],
    [0.004, '0.4%', 'Adjustment removed only 0.4% of the variance: hardly any gain, so the raw figure is about as precise.'],
    [-0.01, 'none', 'Adjustment removed none of the variance: the raw figure is as precise.'],
    [null, '—', 'How much variance the adjustment removed cannot be said yet.'],
  ])('a reduction of %s reads %s', (reduction, short, sentence) => {
    expect(varianceRemoved(reduction)).toBe(short);
    expect(varianceSentence(reduction)).toBe(sentence);
  });

  it('names the strata crossed and the cells', () => {
    expect(strataWords({ strata: ['zip_code', 'newbie'], cells: 6, minimumPerCell: 50 })).toBe('zip_code × newbie (6 cells, at least 50 visitors per arm in each)');
    expect(strataWords({ strata: [], cells: 0, minimumPerCell: 0 })).toBe('no strata');
  });

  it('speaks of the revenue cap only where money is shown', () => {
    expect(showsRevenue({ metrics: [{ metric: 'revenue' }, { metric: 'added_to_cart' }] as never })).toBe(true);
    expect(showsRevenue({ metrics: [{ metric: 'added_to_cart' }] as never })).toBe(false);
  });
});

describe('novelty chart', () => {
  it('draws each arm against days since first exposure, with one arm’s band', () => {
    const point = (daysSince: number, estimate: number) => ({ daysSince, arms: [], lifts: [{ variant: 'ai', estimate, lower: estimate - 0.1, upper: estimate + 0.1 }] });
    const config = noveltyChart({ points: [point(0, 0.3), point(1, 0.1), point(2, 5)], treatments: [{ key: 'ai', name: 'AI', colour: '#0072b2' }], band: 'ai' });
    expect(config.data.labels).toEqual(['Day 0', 'Day 1', 'Day 2']);
    expect(config.data.datasets.map((dataset) => dataset.label)).toEqual(['AI band low', 'AI band', 'AI']);
    // Past +200% the line is cut at the edge, as on the calendar chart.
    expect(config.data.datasets[2]!.data).toEqual([0.3, 0.1, 2]);
    expect(dayLabel(0)).toBe('Day 0');
  });
});

describe('planning request', () => {
  const base = { dailyVisitors: '800', arms: 2, plannedEffect: '', defaultEffect: 0.1, metrics: ['added_to_cart', 'revenue'] as MetricName[], baselines: { added_to_cart: { baseline: '4', sd: '' }, revenue: { baseline: '3.5', sd: '12' } } };

  it('sends a rate as a fraction, a mean with its SD, and the default effect when none is typed', () => {
    expect(needsSd('added_to_cart')).toBe(false);
    expect(needsSd('revenue')).toBe(true);
    expect(planRequest(base)).toEqual({
      dailyVisitors: 800,
      arms: 2,
      plannedEffect: 0.1,
      metrics: [
        { metric: 'added_to_cart', baseline: 0.04 },
        { metric: 'revenue', baseline: 3.5, sd: 12 },
      ],
    });
    expect(planRequest({ ...base, plannedEffect: '20' })).toMatchObject({ plannedEffect: 0.2 });
    // A fall is planned for as well as a rise.
    expect(planRequest({ ...base, plannedEffect: '-20' })).toMatchObject({ plannedEffect: -0.2 });
  });

  it('asks a ratio for its value only: the server answers it with a note, not a figure', () => {
    expect(baselineKind('revenue_per_buyer')).toBe('ratio');
    expect(needsSd('revenue_per_buyer')).toBe(false);
    const body = planRequest({ ...base, metrics: ['revenue_per_buyer'], baselines: { revenue_per_buyer: { baseline: '62', sd: '' } } });
    expect(body).toMatchObject({ metrics: [{ metric: 'revenue_per_buyer', baseline: 62 }] });
  });

  it('builds bodies the server’s own schema accepts', () => {
    for (const plannedEffect of ['', '15', '-20']) {
      const body = planRequest({ ...base, plannedEffect, metrics: ['added_to_cart', 'revenue', 'revenue_per_buyer'], baselines: { ...base.baselines, revenue_per_buyer: { baseline: '62', sd: '' } } });
      const parsed = planRequestSchema.safeParse(body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it.each([
    [{ dailyVisitors: '' }, 'plan-daily'],
    [{ dailyVisitors: '-3' }, 'plan-daily'],
    [{ plannedEffect: 'ten' }, 'exp-planned-effect'],
    [{ plannedEffect: '0' }, 'exp-planned-effect'],
    [{ baselines: { added_to_cart: { baseline: '140', sd: '' } } }, 'plan-added_to_cart-baseline'],
    [{ baselines: { added_to_cart: { baseline: '4', sd: '' }, revenue: { baseline: '3.5', sd: '' } } }, 'plan-revenue-sd'],
  ])('points at the input to fix for %j', (change, field) => {
    const answer = planRequest({ ...base, ...change });
    expect(isProblem(answer) && answer.field).toBe(field);
  });

  it('reads the answer as days and visitors per arm, and says when a year is not enough', () => {
    const entry: PlanAnswer['metrics'][number] = { metric: 'purchased', kind: 'binary', baseline: 0.015, sd: null, perArm: 23_228, total: 46_456, days: 39, note: null };
    expect(planSentence(entry, 0.8)).toBe('about 39 days (23,228 visitors per arm) for 80% power');
    expect(planSentence({ ...entry, days: 400 }, 0.8)).toBe('about 400 days (23,228 visitors per arm) for 80% power: more than a year, so at this traffic the test cannot answer this.');
    expect(planSentence({ ...entry, days: null, perArm: null }, 0.8)).toBe('Cannot be planned from these figures.');
  });
});

describe('planned effect and revenue cap in the editor', () => {
  it('reads them from an experiment that has them, and leaves them empty on one that has not', () => {
    expect(planSettingsFrom({ plannedEffect: 0.15, revenueCap: { kind: 'percentile', percentile: 99, days: 7 } })).toEqual({
      plannedEffect: '15',
      revenueCap: { kind: 'percentile', value: '', percentile: '99', days: '7' },
    });
    expect(planSettingsFrom({ plannedEffect: null, revenueCap: { kind: 'value', value: 500 } }).revenueCap).toMatchObject({ kind: 'value', value: '500' });
    expect(planSettingsFrom({})).toEqual({ plannedEffect: '', revenueCap: { kind: 'none', value: '', percentile: '99', days: '7' } });
    expect(revenueCapValue({ kind: 'none', value: '9', percentile: '99', days: '7' })).toBeNull();
  });

  it('sends them only where the server’s edit rules name them, and only while they may change', () => {
    const form = { plannedEffect: '15', revenueCap: { kind: 'value' as const, value: '500', percentile: '', days: '' } };
    const draft = planSettingsBody(form, 'everything');
    expect('plannedEffect' in draft).toBe(serverKnows('plannedEffect'));
    expect('revenueCap' in draft).toBe(serverKnows('revenueCap'));
    if (serverKnows('plannedEffect')) expect(draft.plannedEffect).toBe(0.15);
    if (serverKnows('revenueCap')) expect(draft.revenueCap).toEqual({ kind: 'value', value: 500 });
    // Not a note: once started the cap is frozen, and neither is sent from an archived experiment.
    expect(fieldLocked('notes', 'revenueCap')).toBe(true);
    expect(fieldLocked('everything', 'revenueCap')).toBe(false);
    expect(fieldLocked('notes', 'name')).toBe(false);
    expect(fieldLocked('nothing', 'name')).toBe(true);
    expect(planSettingsBody(form, 'nothing')).toEqual({});
    expect('revenueCap' in planSettingsBody(form, 'notes')).toBe(false);
  });

  it('saves a form with a planned effect and a cap in a body the API’s own schema accepts, and reads it back', () => {
    const form = newExperimentForm();
    form.name = 'Planned';
    form.plannedEffect = '15';
    form.revenueCap = { kind: 'percentile', value: '', percentile: '99', days: '7' };
    form.variants = form.variants.map((variant) => ({ ...variant, url: `https://cdn.example/${variant.key}.jpg`, alt: 'A ring' }));
    const parsed = experimentInput.safeParse(bodyFromForm(form));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    const back = formFromExperiment({ ...(parsed.data as object), id: 'e', variants: [] } as never);
    expect(back.plannedEffect).toBe(serverKnows('plannedEffect') ? '15' : '');
  });
});

// Tests for server/metrics/registry.ts: every metric is fully described, its words are its own,
// and a sample visitor's fact yields the value each metric is defined as, which an imported cell
// writes back.
import { describe, expect, it } from 'vitest';
import { emptyFact, type Fact } from '../../server/collect/facts.js';
import { readMetricCell } from '../../server/imports/cells.js';
import { METRIC_NAMES, METRIC_REGISTRY, findMetric, isMetricName, metricDefinition, type MetricName } from '../../server/metrics/registry.js';

const window = { id: 'exp', siteId: 'site', stoppedAt: null };
const blank = (): Fact => emptyFact(window, 'visitor', 'control', Date.UTC(2026, 0, 5));

/** A visitor who saw the video twice, watched 80%, clicked three times, bought for 42.5 and answered both questions. */
const sample: Fact = {
  ...blank(),
  exposures: 2,
  viewable: 1,
  videoStarted: 1,
  watchPct: 80,
  videoCompleted: 0,
  clicks: 3,
  addedToCart: 1,
  purchased: 1,
  revenue: 42.5,
  trustSum: 7,
  trustAnswers: 2,
  noticedDisclosure: 1,
  answeredSurvey: 1,
  revenueCap: 30,
};

/** x and y as the sums fold takes them; null when the visitor has no value. */
function valueOf(metric: MetricName, fact: Fact): { x: number; y: number } | null {
  const { value, per } = metricDefinition(metric);
  const x = value(fact);
  return x === null ? null : { x, y: per ? per(fact) : 0 };
}

const EXPECTED: Record<MetricName, { x: number; y: number }> = {
  viewable: { x: 1, y: 0 },
  video_started: { x: 1, y: 0 },
  video_completed: { x: 0, y: 0 },
  watch_pct: { x: 80, y: 0 },
  clicked: { x: 1, y: 0 },
  clicks: { x: 3, y: 2 },
  added_to_cart: { x: 1, y: 0 },
  purchased: { x: 1, y: 0 },
  revenue: { x: 42.5, y: 0 },
  revenue_capped: { x: 30, y: 0 },
  revenue_per_buyer: { x: 42.5, y: 1 },
  trust: { x: 3.5, y: 0 },
  noticed_disclosure: { x: 1, y: 0 },
  answered_survey: { x: 1, y: 0 },
};

describe('the metric registry', () => {
  it('describes every metric with every property', () => {
    const fields = Object.keys(blank());
    for (const metric of METRIC_NAMES) {
      const entry = metricDefinition(metric);
      expect(entry.label.length, metric).toBeGreaterThan(0);
      expect(['binary', 'continuous', 'ratio']).toContain(entry.kind);
      expect(['binary', 'count', 'continuous']).toContain(entry.stored);
      expect(['rate', 'share', 'money', 'score', 'ratio']).toContain(entry.format);
      expect(['all', 'video', 'survey']).toContain(entry.appliesTo);
      expect(entry.reads.length, metric).toBeGreaterThan(0);
      for (const field of entry.reads) expect(fields, `${metric} reads ${field}`).toContain(field);
      expect(typeof entry.value).toBe('function');
      expect(typeof entry.importInto).toBe('function');
      if (entry.per) expect(typeof entry.per).toBe('function');
    }
  });

  it('gives each metric words of its own', () => {
    const labels = METRIC_NAMES.map((metric) => METRIC_REGISTRY[metric].label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps a binary metric stored as 0/1 and shown as a rate, and gives only a ratio a denominator', () => {
    for (const metric of METRIC_NAMES) {
      const { kind, stored, format, reads } = metricDefinition(metric);
      if (kind === 'binary') expect([stored, format], metric).toEqual(['binary', 'rate']);
      if (kind === 'ratio') expect(reads.length, metric).toBe(2);
      expect(metricDefinition(metric).per !== undefined, metric).toBe(kind === 'ratio');
    }
  });

  it('folds a sample fact into the value each metric is defined as', () => {
    for (const metric of METRIC_NAMES) expect(valueOf(metric, sample), metric).toEqual(EXPECTED[metric]);
  });

  it('gives the survey metrics no value for a visitor who did not answer, and the others a 0', () => {
    const silent = { ...sample, trustSum: 0, trustAnswers: 0, noticedDisclosure: null, answeredSurvey: 0 };
    for (const metric of METRIC_NAMES) {
      const value = valueOf(metric, silent);
      if (metricDefinition(metric).appliesTo === 'survey') expect(value, metric).toBeNull();
      else expect(value, metric).not.toBeNull();
    }
    expect(valueOf('answered_survey', silent)).toEqual({ x: 0, y: 0 });
  });

  it('reads back what an imported cell writes into a fact', () => {
    const cells: Record<MetricName, string> = {
      viewable: 'yes',
      video_started: 'TRUE',
      video_completed: '1',
      watch_pct: '62.5',
      clicked: 'true',
      clicks: '4',
      added_to_cart: 'yes',
      purchased: '1',
      revenue: '19.99',
      revenue_capped: '250',
      revenue_per_buyer: '24.90',
      trust: '4',
      noticed_disclosure: 'no',
      answered_survey: 'yes',
    };
    for (const metric of METRIC_NAMES) {
      const value = readMetricCell(metric, { text: cells[metric], line: 2, column: 'c' });
      expect(value, metric).not.toBeNull();
      // Under a cap above every cell, so the capped revenue reads back the revenue written.
      const fact = { ...blank(), exposures: 1, revenueCap: 1000 };
      metricDefinition(metric).importInto(fact, value!);
      expect(metricDefinition(metric).value(fact), metric).toBe(value);
    }
  });

  it('reads an empty imported cell as "not answered" for survey metrics only', () => {
    for (const metric of METRIC_NAMES) {
      const expected = metricDefinition(metric).appliesTo === 'survey' ? null : 0;
      expect(readMetricCell(metric, { text: ' ', line: 2, column: 'c' }), metric).toBe(expected);
    }
  });

  it('gives capped revenue no value before a cap is in force, and the smaller of revenue and cap after', () => {
    expect(valueOf('revenue_capped', { ...sample, revenueCap: null })).toBeNull();
    expect(valueOf('revenue_capped', { ...sample, revenueCap: 100 })).toEqual({ x: 42.5, y: 0 });
    expect(valueOf('revenue_capped', { ...sample, revenue: 0, purchased: 0, revenueCap: 100 })).toEqual({ x: 0, y: 0 });
  });

  it('finds an entry by a name from outside and refuses names that are not metrics', () => {
    expect(findMetric('watch_pct')?.format).toBe('share');
    expect(findMetric('dist:trust_1')).toBeUndefined();
    expect(findMetric('toString')).toBeUndefined();
    expect(isMetricName('revenue')).toBe(true);
    expect(isMetricName('__proto__')).toBe(false);
  });
});

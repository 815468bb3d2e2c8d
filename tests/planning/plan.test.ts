// Tests for server/planning/plan.ts: each metric's visitors per arm come from the statistics'
// sample-size functions (checked against statsmodels in tests/stats/), and days from the traffic.
import { describe, expect, it } from 'vitest';
import { buildPlan, type PlanRequest } from '../../server/planning/plan.js';
import { sampleSizeMeans, sampleSizePerArm } from '../../server/stats/power.js';

const request = (overrides: Partial<PlanRequest> = {}): PlanRequest => ({
  dailyVisitors: 1000,
  arms: 2,
  plannedEffect: -0.2,
  alpha: 0.05,
  power: 0.8,
  metrics: [{ metric: 'purchased', baseline: 0.015 }],
  ...overrides,
});

describe('buildPlan', () => {
  it('plans a rate with the two-proportion sample size: −20% on 1.5% purchases takes 23,228 per arm', () => {
    const plan = buildPlan(request());
    expect(plan.metrics).toEqual([
      { metric: 'purchased', kind: 'binary', baseline: 0.015, sd: null, perArm: 23_228, total: 46_456, days: 47, note: null },
    ]);
    expect(plan).toMatchObject({ plannedEffect: -0.2, alpha: 0.05, power: 0.8, dailyVisitors: 1000, arms: 2 });
  });

  it('plans a mean with the t-test sample size, and counts every arm in the days', () => {
    const plan = buildPlan(request({ arms: 4, plannedEffect: 0.1, dailyVisitors: 250, metrics: [{ metric: 'revenue', baseline: 1.2, sd: 14 }] }));
    const perArm = sampleSizeMeans({ mean: 1.2, sd: 14, relativeEffect: 0.1 }).perArm;
    expect(plan.metrics[0]).toEqual({ metric: 'revenue', kind: 'continuous', baseline: 1.2, sd: 14, perArm, total: perArm * 4, days: Math.ceil((perArm * 4) / 250), note: null });
  });

  it('passes alpha and power through to the sample size', () => {
    const plan = buildPlan(request({ alpha: 0.01, power: 0.9, plannedEffect: 0.1, metrics: [{ metric: 'added_to_cart', baseline: 0.08 }] }));
    expect(plan.metrics[0]!.perArm).toBe(sampleSizePerArm({ baseline: 0.08, relativeEffect: 0.1, alpha: 0.01, power: 0.9 }).perArm);
  });

  it('gives a ratio no sample size, with a note saying planning is for rates and means', () => {
    const [ratio] = buildPlan(request({ metrics: [{ metric: 'revenue_per_buyer', baseline: 60 }] })).metrics;
    expect(ratio).toMatchObject({ kind: 'ratio', perArm: null, total: null, days: null });
    expect(ratio!.note).toMatch(/rates and means/);
  });

  it('says why when the planned effect would take a rate past 100%', () => {
    const [rate] = buildPlan(request({ plannedEffect: 1.5, metrics: [{ metric: 'clicked', baseline: 0.5 }] })).metrics;
    expect(rate).toMatchObject({ perArm: null, days: null });
    expect(rate!.note).toMatch(/past 100%/);
  });

  it('keeps the metrics in the order asked, one day at the least', () => {
    const plan = buildPlan(
      request({ dailyVisitors: 1e9, plannedEffect: 0.5, metrics: [{ metric: 'clicked', baseline: 0.3 }, { metric: 'purchased', baseline: 0.02 }] }),
    );
    expect(plan.metrics.map((m) => m.metric)).toEqual(['clicked', 'purchased']);
    expect(plan.metrics.map((m) => m.days)).toEqual([1, 1]);
  });
});

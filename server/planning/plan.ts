// Planning before the start: for each metric, the visitors per arm a fixed-horizon test needs to
// detect the planned relative effect at the chosen α and power, and the days that takes at the
// shop's traffic. Rates use the two-proportion z-test's sample size, means the t-test's; a ratio
// (clicks per view, revenue per buyer) has no planning formula here and says so.
import { metricDefinition, type MetricKind, type MetricName } from '../metrics/registry.js';
import { sampleSizeMeans, sampleSizePerArm } from '../stats/power.js';

export const DEFAULT_PLAN_ALPHA = 0.05;
export const DEFAULT_PLAN_POWER = 0.8;
export const DEFAULT_PLAN_ARMS = 2;

export interface PlanRequest {
  /** Visitors entering the experiment per day, all arms together. */
  dailyVisitors: number;
  arms: number;
  /** The relative change to detect: 0.1 is +10%. */
  plannedEffect: number;
  alpha: number;
  power: number;
  metrics: readonly { metric: MetricName; baseline: number; sd?: number | undefined }[];
}

export interface MetricPlan {
  metric: MetricName;
  kind: MetricKind;
  /** The control's rate (binary) or mean per visitor (continuous, ratio) today. */
  baseline: number;
  sd: number | null;
  perArm: number | null;
  /** perArm × arms. */
  total: number | null;
  /** ⌈total / dailyVisitors⌉. */
  days: number | null;
  /** Why perArm is null, when it is. */
  note: string | null;
}

export interface Plan {
  plannedEffect: number;
  alpha: number;
  power: number;
  dailyVisitors: number;
  arms: number;
  metrics: MetricPlan[];
}

const RATIO_NOTE = 'Planning is for rates and means; this metric is a ratio of two sums, which has no sample-size formula here.';

function visitorsPerArm(request: PlanRequest, kind: MetricKind, baseline: number, sd: number | undefined): { perArm: number; note: string | null } {
  const { plannedEffect: relativeEffect, alpha, power } = request;
  if (kind === 'binary') {
    const treated = baseline * (1 + relativeEffect);
    if (treated < 0 || treated > 1) {
      return { perArm: NaN, note: `A ${formatShare(relativeEffect)} change would take the rate of ${formatShare(baseline)} past ${treated > 1 ? '100%' : '0%'}.` };
    }
    return { perArm: sampleSizePerArm({ baseline, relativeEffect, alpha, power }).perArm, note: null };
  }
  return { perArm: sampleSizeMeans({ mean: baseline, sd: sd as number, relativeEffect, alpha, power }).perArm, note: null };
}

function formatShare(x: number): string {
  return `${Number((x * 100).toPrecision(4))}%`;
}

/** The plan for every metric asked about, in the order asked. */
export function buildPlan(request: PlanRequest): Plan {
  const metrics = request.metrics.map(({ metric, baseline, sd }): MetricPlan => {
    const kind = metricDefinition(metric).kind;
    const common = { metric, kind, baseline, sd: sd ?? null };
    if (kind === 'ratio') return { ...common, perArm: null, total: null, days: null, note: RATIO_NOTE };
    const { perArm, note } = visitorsPerArm(request, kind, baseline, sd);
    if (!Number.isFinite(perArm)) {
      return { ...common, perArm: null, total: null, days: null, note: note ?? 'No sample size exists for these figures.' };
    }
    const total = perArm * request.arms;
    return { ...common, perArm, total, days: Math.ceil(total / request.dailyVisitors), note: null };
  });
  const { plannedEffect, alpha, power, dailyVisitors, arms } = request;
  return { plannedEffect, alpha, power, dailyVisitors, arms, metrics };
}

// Two settings of an experiment's analysis plan: the effect it is planned to detect (it words the
// decisions: "about N more days for 80% power on it", "no difference worth waiting for") and the
// cap revenue per visitor is winsorized at, so that one huge order cannot decide the test.
import { z } from 'zod';

/**
 * A fixed amount, in the site's currency; or a percentile of what the control arm's buyers spent
 * in the first `days` whole days after the start (fixed once those days are over).
 */
export type RevenueCap = { kind: 'value'; value: number } | { kind: 'percentile'; percentile: number; days: number };

export const REVENUE_CAP_LIMITS = { maxValue: 1e12, maxDays: 14, maxPlannedEffect: 5 } as const;

export const plannedEffectInput = z
  .number()
  .refine((value) => value !== 0, 'must not be 0: a test planned to detect no change cannot be powered')
  .refine((value) => Math.abs(value) <= REVENUE_CAP_LIMITS.maxPlannedEffect, `must be between -${REVENUE_CAP_LIMITS.maxPlannedEffect} and ${REVENUE_CAP_LIMITS.maxPlannedEffect} (a relative lift: 0.1 is 10%)`)
  .nullable()
  .meta({ description: 'The relative lift the test is planned to detect (0.1 = 10%); null: 10%.' });

export const revenueCapInput = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('value'),
      value: z.number().gt(0).max(REVENUE_CAP_LIMITS.maxValue),
    }),
    z.strictObject({
      kind: z.literal('percentile'),
      percentile: z.number().gt(50).lt(100),
      days: z.number().int().min(1).max(REVENUE_CAP_LIMITS.maxDays),
    }),
  ])
  .nullable()
  .meta({
    description:
      "Revenue per visitor is winsorized at this cap in the metric revenue_capped: a fixed value, or a percentile (50–100, exclusive) of the control arm's buyers' revenue in the first 1–14 days; null: no cap.",
  });

export function revenueCapToColumn(cap: RevenueCap | null): string | null {
  return cap === null ? null : JSON.stringify(cap);
}

export function revenueCapFromColumn(column: string | null): RevenueCap | null {
  return column === null ? null : (JSON.parse(column) as RevenueCap);
}

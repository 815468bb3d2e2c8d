// One segment dimension (device, visitor age, source…) for one treatment against control and one
// metric: each level's effect, computed by the same comparison as the whole arms so that a level
// reads like the headline figures, and the interaction test of whether the effect differs between
// levels. Correcting across dimensions × arms × metrics is the caller's (multiple.ts).
import { heterogeneityTest, type HeterogeneityTest } from './heterogeneity.js';
import { welchTest } from './means.js';
import { compareProportions } from './proportions.js';
import { DEFAULT_ALPHA, type Effect, type MetricKind, type Sample } from './types.js';

export interface LevelSamples {
  level: string;
  control: Sample;
  treatment: Sample;
}

export interface LevelEffect {
  level: string;
  /** Treatment visitors at this level. */
  n: number;
  /** Control visitors at this level. */
  controlN: number;
  /** treatment − control (Welch's t for means; Wald interval with the pooled z-test's p for rates). */
  absolute: Effect;
  /** treatment/control − 1 by the delta method. */
  relative: Effect;
}

function effectOnly(e: Effect): Effect {
  return { estimate: e.estimate, standardError: e.standardError, lower: e.lower, upper: e.upper, statistic: e.statistic, pValue: e.pValue };
}

export function analyseLevels(
  levels: readonly LevelSamples[],
  kind: MetricKind,
  alpha = DEFAULT_ALPHA,
): { levels: LevelEffect[]; interaction: HeterogeneityTest } {
  const effects = levels.map(({ level, control, treatment }): LevelEffect => {
    const comparison = kind === 'binary' ? compareProportions(control, treatment, alpha) : welchTest(control, treatment, alpha);
    return {
      level,
      n: treatment.n,
      controlN: control.n,
      absolute: effectOnly(comparison.difference),
      relative: comparison.relativeLift,
    };
  });
  return { levels: effects, interaction: heterogeneityTest(effects.map((e) => e.absolute)) };
}

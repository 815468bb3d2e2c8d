// The interval chart's clipping decision, in Node: an interval the axis's hard limits cut gets an
// arrow at that end (and says so in its tooltip); one inside them does not.
import type { TooltipItem } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { clippedEnds, intervalChart } from '../../client/dashboard/charts/interval-chart.js';

const bounds = { min: -1, max: 2 };

describe('interval chart clipping', () => {
  it.each([
    ['inside both limits', { estimate: 0.1, lower: -0.2, upper: 0.4 }, { lower: false, upper: false }],
    ['past the upper limit', { estimate: 1.5, lower: 0.4, upper: 3.1 }, { lower: false, upper: true }],
    ['past the lower limit', { estimate: -0.9, lower: -1.3, upper: -0.2 }, { lower: true, upper: false }],
    ['past both', { estimate: 0.5, lower: -4, upper: 5 }, { lower: true, upper: true }],
    ['exactly at the limits', { estimate: 0, lower: -1, upper: 2 }, { lower: false, upper: false }],
  ])('an interval %s', (_name, point, ends) => {
    expect(clippedEnds(point, bounds)).toEqual(ends);
  });

  it('cuts nothing without limits, and has nothing to cut without an interval', () => {
    expect(clippedEnds({ estimate: 9, lower: 8, upper: 10 })).toEqual({ lower: false, upper: false });
    expect(clippedEnds({ estimate: 0.1, lower: null, upper: null }, bounds)).toBeNull();
    expect(clippedEnds(null, bounds)).toBeNull();
  });

  it('hands the arrows to the chart and names the cut in the tooltip', () => {
    const config = intervalChart({
      categories: ['Add-to-cart', 'Trust'],
      series: [{ label: 'AI video', colour: '#1d4ed8', points: [{ estimate: 1.5, lower: 0.4, upper: 3.1 }, { estimate: 0.1, lower: -0.2, upper: 0.4 }] }],
      format: (value) => `${Math.round(value * 100)}%`,
      reference: 0,
      bounds,
    });
    expect(config.options!.plugins!.clipArrows!.ends).toEqual([[{ lower: false, upper: true }, { lower: false, upper: false }]]);
    expect(config.options!.scales!.x).toMatchObject({ max: 2 });
    const label = config.options!.plugins!.tooltip!.callbacks!.label as (item: TooltipItem<'bar'>) => string;
    const item = (dataIndex: number) => ({ datasetIndex: 0, dataIndex, dataset: { label: 'AI video' } }) as unknown as TooltipItem<'bar'>;
    expect(label.call(undefined as never, item(0))).toBe('AI video: 150% (40% to 310%), past the edge of the chart');
    expect(label.call(undefined as never, item(1))).toBe('AI video: 10% (-20% to 40%)');
  });
});

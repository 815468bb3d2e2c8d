// The chart of estimates with intervals that the forest plot, trust, video and disclosure panels
// share: each interval a thin floating bar [lower, upper], its estimate a diamond (plugins.ts),
// the line of no effect dashed. Pure: it returns the Chart.js configuration to draw.
import type { ChartConfiguration, Scale, TooltipItem } from 'chart.js';
import { withAlpha } from '../palette.js';

export interface IntervalPoint {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface IntervalSeries {
  label: string;
  /** One colour for the series, or one per category. */
  colour: string | string[];
  points: Array<IntervalPoint | null>;
}

export interface IntervalChartInput {
  categories: string[];
  series: IntervalSeries[];
  format: (value: number) => string;
  /** Where "no effect" lies (0 for a lift); null for none. */
  reference?: number | null;
  /** Hard limits of the value axis; intervals beyond are cut at the edge, with an arrow there. */
  bounds?: { min?: number; max?: number };
  /** Bars along the value axis from left to right (the default), or upright. */
  horizontal?: boolean;
  legend?: boolean;
}

export type IntervalConfig = ChartConfiguration<'bar', Array<[number, number] | null>, string | string[]>;

export function intervalChartHeight(input: IntervalChartInput): number {
  if (input.horizontal === false) return 260;
  return 56 + input.categories.length * Math.max(30, input.series.length * 16 + 12);
}

export function intervalChart(input: IntervalChartInput): IntervalConfig {
  const horizontal = input.horizontal !== false;
  const reference = input.reference ?? null;
  const valueAxis = {
    ...axisRange(input, reference),
    beginAtZero: false,
    grid: { color: '#eef0f3' },
    ticks: { callback: (value: string | number) => input.format(Number(value)) },
    afterBuildTicks: thinTicks,
  };
  const categoryAxis = { grid: { display: false }, ticks: { autoSkip: false, color: '#1f2937' } };
  const title = (items: TooltipItem<'bar'>[]) => input.categories[items[0]?.dataIndex ?? 0] ?? '';
  const tooltip = (item: TooltipItem<'bar'>) => {
    const point = input.series[item.datasetIndex]?.points[item.dataIndex];
    if (!point || point.estimate == null) return `${item.dataset.label}: no estimate yet`;
    const interval = point.lower != null && point.upper != null ? ` (${input.format(point.lower)} to ${input.format(point.upper)})` : '';
    const ends = clippedEnds(point, input.bounds);
    const past = ends && (ends.lower || ends.upper) ? ', past the edge of the chart' : '';
    return `${item.dataset.label}: ${input.format(point.estimate)}${interval}${past}`;
  };
  return {
    type: 'bar',
    data: {
      labels: input.categories.map((category) => wrapLabel(category)),
      datasets: input.series.map((series) => ({
        label: series.label,
        data: series.points.map((point) => (point && point.lower != null && point.upper != null ? [point.lower, point.upper] : null)),
        backgroundColor: mapColour(series.colour, (colour) => withAlpha(colour, 0.28)),
        borderColor: series.colour,
        borderWidth: 1,
        borderSkipped: false,
        borderRadius: 3,
        barPercentage: 0.7,
        categoryPercentage: 0.8,
        maxBarThickness: 14,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: input.legend ?? input.series.length > 1, position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: { callbacks: { title, label: tooltip } },
        estimateMarks: {
          estimates: input.series.map((series) => series.points.map((point) => (point && point.estimate != null ? point.estimate : null))),
          colours: input.series.map((series) => series.colour),
        },
        referenceLine: { value: reference },
        clipArrows: {
          ends: input.series.map((series) => series.points.map((point) => clippedEnds(point, input.bounds))),
          colours: input.series.map((series) => series.colour),
        },
      },
    },
  };
}

function mapColour(colour: string | string[], change: (value: string) => string): string | string[] {
  return Array.isArray(colour) ? colour.map(change) : change(colour);
}

/**
 * The value axis: Chart.js picks round ticks around the data (suggested bounds), except where
 * an interval runs past the hard limits, which then cut it.
 */
function axisRange(input: IntervalChartInput, reference: number | null): { suggestedMin: number; suggestedMax: number; min?: number; max?: number } {
  const values: number[] = reference === null ? [] : [reference];
  for (const series of input.series) {
    for (const point of series.points) {
      for (const value of [point?.lower, point?.upper, point?.estimate]) if (value != null) values.push(value);
    }
  }
  const low = values.length ? Math.min(...values) : 0;
  const high = values.length ? Math.max(...values) : 1;
  const { min, max } = input.bounds ?? {};
  return {
    suggestedMin: min !== undefined ? Math.max(low, min) : low,
    suggestedMax: max !== undefined ? Math.min(high, max) : high,
    ...(min !== undefined && low < min && { min }),
    ...(max !== undefined && high > max && { max }),
  };
}

/**
 * Which ends of an interval the hard limits cut: an end past a limit is drawn at the edge with an
 * arrow, so a reader sees the interval goes on. Null where there is no interval to draw.
 */
export function clippedEnds(point: IntervalPoint | null, bounds?: { min?: number; max?: number }): { lower: boolean; upper: boolean } | null {
  if (!point || point.lower == null || point.upper == null) return null;
  const { min, max } = bounds ?? {};
  return { lower: min !== undefined && point.lower < min, upper: max !== undefined && point.upper > max };
}

/** Keeps every other tick until the labels have room (about 70 px each), for narrow screens. */
export function thinTicks(scale: Scale): void {
  const room = Math.max(2, Math.floor((scale.isHorizontal() ? scale.width : scale.height) / (scale.isHorizontal() ? 70 : 28)));
  while (scale.ticks.length > room) scale.ticks = scale.ticks.filter((_, index) => index % 2 === 0);
}

/** Splits a long category name into lines of about `width` characters, at spaces. */
export function wrapLabel(text: string, width = 20): string | string[] {
  if (text.length <= width) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

// Small Chart.js plugins, since it has no error bars: `estimateMarks` draws each interval's point
// estimate as a tick across its floating bar, `referenceLine` the line of no effect, and
// `clipArrows` an arrow where the axis cuts an interval short.
import type { BarElement, Chart, ChartType, Plugin } from 'chart.js';

export interface EstimateMarksOptions {
  /** estimates[dataset][index]; null where there is none to mark. */
  estimates: Array<Array<number | null>> | null;
  colours: Array<string | string[]>;
}

export interface ClipArrowsOptions {
  /** ends[dataset][index]: which ends the axis cut; null where there is no bar. */
  ends: Array<Array<{ lower: boolean; upper: boolean } | null>> | null;
  colours: Array<string | string[]>;
}

export interface ReferenceLineOptions {
  value: number | null;
  label?: string;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    estimateMarks?: EstimateMarksOptions;
    referenceLine?: ReferenceLineOptions;
    clipArrows?: ClipArrowsOptions;
  }
}

const horizontal = (chart: Chart) => chart.options.indexAxis === 'y';

export const estimateMarks: Plugin = {
  id: 'estimateMarks',
  defaults: { estimates: null, colours: [] },
  afterDatasetsDraw(chart, _args, options: EstimateMarksOptions) {
    if (!options.estimates) return;
    const { ctx } = chart;
    const valueScale = horizontal(chart) ? chart.scales.x! : chart.scales.y!;
    ctx.save();
    options.estimates.forEach((estimates, datasetIndex) => {
      const meta = chart.getDatasetMeta(datasetIndex);
      if (meta.hidden) return;
      estimates.forEach((estimate, index) => {
        const bar = meta.data[index] as BarElement | undefined;
        if (estimate === null || !Number.isFinite(estimate) || !bar) return;
        const { x, y, width, height } = bar.getProps(['x', 'y', 'width', 'height'], true) as { x: number; y: number; width: number; height: number };
        const at = valueScale.getPixelForValue(estimate);
        const colour = options.colours[datasetIndex];
        ctx.fillStyle = (Array.isArray(colour) ? colour[index] : colour) ?? '#000';
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 1.5;
        const size = Math.max(5, Math.min(8, (horizontal(chart) ? height : width) / 2 + 2));
        ctx.beginPath();
        if (horizontal(chart)) diamond(ctx, at, y, size);
        else diamond(ctx, x, at, size);
        ctx.fill();
        ctx.stroke();
      });
    });
    ctx.restore();
  },
};

function diamond(ctx: CanvasRenderingContext2D, x: number, y: number, size: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  ctx.moveTo(x, y - size);
  ctx.lineTo(x + size, y);
  ctx.lineTo(x, y + size);
  ctx.lineTo(x - size, y);
  ctx.closePath();
}

export const referenceLine: Plugin = {
  id: 'referenceLine',
  defaults: { value: null },
  beforeDatasetsDraw(chart, _args, options: ReferenceLineOptions) {
    if (options.value === null || options.value === undefined) return;
    const { ctx, chartArea } = chart;
    const isHorizontal = horizontal(chart);
    const scale = isHorizontal ? chart.scales.x : chart.scales.y;
    if (!scale) return;
    const at = scale.getPixelForValue(options.value);
    if (at < (isHorizontal ? chartArea.left : chartArea.top) || at > (isHorizontal ? chartArea.right : chartArea.bottom)) return;
    ctx.save();
    ctx.strokeStyle = '#374151';
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    if (isHorizontal) {
      ctx.moveTo(at, chartArea.top);
      ctx.lineTo(at, chartArea.bottom);
    } else {
      ctx.moveTo(chartArea.left, at);
      ctx.lineTo(chartArea.right, at);
    }
    ctx.stroke();
    ctx.restore();
  },
};

export const clipArrows: Plugin = {
  id: 'clipArrows',
  defaults: { ends: null, colours: [] },
  afterDatasetsDraw(chart, _args, options: ClipArrowsOptions) {
    if (!options.ends) return;
    const { ctx, chartArea } = chart;
    const isHorizontal = horizontal(chart);
    ctx.save();
    options.ends.forEach((ends, datasetIndex) => {
      const meta = chart.getDatasetMeta(datasetIndex);
      if (meta.hidden) return;
      ends.forEach((end, index) => {
        const bar = meta.data[index] as BarElement | undefined;
        if (!end || !bar || !(end.lower || end.upper)) return;
        const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
        const colour = options.colours[datasetIndex];
        ctx.fillStyle = (Array.isArray(colour) ? colour[index] : colour) ?? '#000';
        // An arrowhead just inside the edge, pointing out of the chart: the interval goes on.
        if (isHorizontal) {
          if (end.lower) arrow(ctx, chartArea.left, y, -1, 0);
          if (end.upper) arrow(ctx, chartArea.right, y, 1, 0);
        } else {
          if (end.lower) arrow(ctx, x, chartArea.bottom, 0, 1);
          if (end.upper) arrow(ctx, x, chartArea.top, 0, -1);
        }
      });
    });
    ctx.restore();
  },
};

/** A filled arrowhead whose tip is at (x, y), pointing along (dx, dy). */
function arrow(ctx: CanvasRenderingContext2D, x: number, y: number, dx: number, dy: number): void {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return;
  const length = 9;
  const half = 6;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - dx * length - dy * half, y - dy * length - dx * half);
  ctx.lineTo(x - dx * length + dy * half, y - dy * length + dx * half);
  ctx.closePath();
  ctx.fill();
}

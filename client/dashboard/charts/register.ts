// Only the Chart.js parts the dashboard draws with, so the rest is left out of the bundle:
// floating and stacked bars (intervals, shares of answers), lines with points or a filled band
// (watch-through, cumulative lift), their two scales, tooltips and a legend. Plus the house font
// and colours for every chart.
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { clipArrows, estimateMarks, referenceLine } from './plugins.js';

let registered = false;

export function registerCharts(): typeof Chart {
  if (registered) return Chart;
  registered = true;
  Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip, Legend, estimateMarks, referenceLine, clipArrows);
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#4b5563';
  Chart.defaults.borderColor = '#e5e7eb';
  Chart.defaults.animation = false;
  return Chart;
}

// 100% stacked horizontal bars, one per arm: how each arm's answers split into a few ordered
// parts (the trust scale 1–5, or yes and no). Tooltips give each part's share and count; the
// legend names the parts in order. Pure: it returns the Chart.js configuration to draw.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { count, percent } from '../format.js';
import { wrapLabel } from './interval-chart.js';

export interface SharePart {
  label: string;
  colour: string;
  /** counts[arm]: how many of that arm's answers are this part. */
  counts: number[];
}

export interface ShareBarsInput {
  /** The arms' names, top to bottom. */
  categories: string[];
  parts: SharePart[];
}

export type ShareBarsConfig = ChartConfiguration<'bar', number[], string | string[]>;

export function shareBarsHeight(input: ShareBarsInput): number {
  return 64 + input.categories.length * 34;
}

export function shareBars(input: ShareBarsInput): ShareBarsConfig {
  const totals = input.categories.map((_, arm) => input.parts.reduce((sum, part) => sum + (part.counts[arm] ?? 0), 0));
  // An arm without answers keeps its row, empty, rather than a bar of NaN.
  const share = (value: number, arm: number) => (totals[arm]! > 0 ? value / totals[arm]! : 0);
  const label = (item: TooltipItem<'bar'>) => {
    const part = input.parts[item.datasetIndex]!;
    const n = part.counts[item.dataIndex] ?? 0;
    return `${part.label}: ${percent(share(n, item.dataIndex), 0)} (${count(n)} of ${count(totals[item.dataIndex])})`;
  };
  return {
    type: 'bar',
    data: {
      labels: input.categories.map((category, arm) => wrapLabel(totals[arm] === 0 ? `${category} (no answers)` : category)),
      datasets: input.parts.map((part) => ({
        label: part.label,
        data: part.counts.map(share),
        backgroundColor: part.colour,
        borderColor: '#ffffff',
        borderWidth: 1,
        borderSkipped: false,
        barPercentage: 0.75,
        categoryPercentage: 0.9,
        maxBarThickness: 26,
      })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      // Hovering anywhere on an arm's row lists all its parts: the counts read as one answer.
      interaction: { mode: 'index', axis: 'y', intersect: false },
      scales: {
        x: { stacked: true, min: 0, max: 1, grid: { color: '#eef0f3' }, ticks: { stepSize: 0.25, callback: (value) => percent(Number(value), 0) } },
        y: { stacked: true, grid: { display: false }, ticks: { autoSkip: false, color: '#1f2937' } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: { callbacks: { label } },
      },
    },
  };
}

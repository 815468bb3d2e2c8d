// Video watch-through: for each video arm, the share of its exposed visitors who started the
// video and who reached 25, 50, 75 and 100% of it, as one line of five steps per arm (falling
// from left to right). Tooltips give the count behind each share. Pure configuration.
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { count, percent } from '../format.js';

export interface WatchArm {
  name: string;
  colour: string;
  exposed: number;
  /** Visitors at each step, in STEP_LABELS' order. */
  steps: number[];
}

export const STEP_LABELS = ['Started', '25%', '50%', '75%', '100%'];

export const WATCH_STEPS_HEIGHT = 280;

export function watchSteps(arms: WatchArm[]): ChartConfiguration<'line', Array<number | null>, string> {
  const label = (item: TooltipItem<'line'>) => {
    const arm = arms[item.datasetIndex]!;
    const n = arm.steps[item.dataIndex] ?? 0;
    return `${arm.name}: ${percent(item.parsed.y, 0)} (${count(n)} of ${count(arm.exposed)})`;
  };
  return {
    type: 'line',
    data: {
      labels: STEP_LABELS,
      datasets: arms.map((arm) => ({
        label: arm.name,
        // No exposed visitor, no share: a gap rather than a false 0%.
        data: arm.steps.map((n) => (arm.exposed > 0 ? n / arm.exposed : null)),
        borderColor: arm.colour,
        backgroundColor: arm.colour,
        borderWidth: 2,
        pointRadius: 4,
        pointHoverRadius: 5,
        tension: 0,
        fill: false,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, title: { display: true, text: 'Reached' } },
        y: { min: 0, max: 1, grid: { color: '#eef0f3' }, ticks: { stepSize: 0.25, callback: (value) => percent(Number(value), 0) }, title: { display: true, text: 'Of exposed visitors' } },
      },
      plugins: {
        legend: { display: arms.length > 1, position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: { callbacks: { title: (items) => (items[0]?.dataIndex ? `Reached ${items[0].label}` : 'Started the video'), label } },
      },
    },
  };
}

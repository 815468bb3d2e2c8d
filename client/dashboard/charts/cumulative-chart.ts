// Cumulative lift over time: for each treatment, its relative lift on the primary metric as of
// each day, inside its always-valid band (safe to read on any day: it holds at every look),
// or the fixed-horizon interval where no always-valid one exists. Pure configuration.
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { signedPercent } from '../format.js';
import { withAlpha } from '../palette.js';
import { thinTicks } from './interval-chart.js';
import type { SeriesPoint } from '../types.js';

export interface CumulativeInput {
  series: SeriesPoint[];
  treatments: Array<{ key: string; name: string; colour: string }>;
  /** The treatment whose band is drawn: one band at a time stays readable. */
  band: string | null;
}

type Dataset = ChartDataset<'line', Array<number | null>>;

/** Beyond ±200% a band says only "too early"; cutting the axis there keeps the lines readable. */
const AXIS_LIMIT = 2;

export function cumulativeChart({ series, treatments, band: shownBand }: CumulativeInput): ChartConfiguration<'line', Array<number | null>, string> {
  const labels = series.map((point) => point.date);
  const single = series.length === 1;
  const datasets: Dataset[] = [];
  for (const treatment of treatments) {
    const lifts = series.map((point) => point.lifts.find((lift) => lift.variant === treatment.key));
    const value = (pick: (lift: NonNullable<(typeof lifts)[number]>) => number | null) =>
      lifts.map((lift) => (lift && pick(lift) !== null ? clamp(pick(lift)!) : null));
    const lower = value((lift) => (lift.alwaysValidLower ?? lift.lower));
    const upper = value((lift) => (lift.alwaysValidUpper ?? lift.upper));
    const band = { borderWidth: 0, pointRadius: 0, pointHitRadius: 0, tension: 0, spanGaps: true } as const;
    if (treatment.key === shownBand) {
      datasets.push(
        { ...band, label: `${treatment.name} band low`, data: lower, fill: false, borderColor: 'transparent' },
        { ...band, label: `${treatment.name} band`, data: upper, fill: '-1', backgroundColor: withAlpha(treatment.colour, 0.16), borderColor: 'transparent' },
      );
    }
    datasets.push({
        label: treatment.name,
        data: value((lift) => lift.estimate),
        borderColor: treatment.colour,
        backgroundColor: treatment.colour,
        borderWidth: 2,
        pointRadius: single ? 4 : 0,
        pointHoverRadius: 4,
        tension: 0,
        spanGaps: true,
        fill: false,
    });
  }
  const isBand = (label: string | undefined) => / band( low)?$/.test(label ?? '');
  return {
    type: 'line',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { maxTicksLimit: 8, maxRotation: 0 } },
        y: { grid: { color: '#eef0f3' }, ticks: { callback: (value) => signedPercent(Number(value), 0) }, afterBuildTicks: thinTicks },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12, filter: (item) => !isBand(item.text) } },
        tooltip: {
          filter: (item) => !isBand(item.dataset.label),
          callbacks: { label: (item: TooltipItem<'line'>) => `${item.dataset.label}: ${signedPercent(item.parsed.y)}` },
        },
        referenceLine: { value: 0 },
      },
    },
  };
}

function clamp(value: number): number {
  return Math.max(-1, Math.min(AXIS_LIMIT, value));
}

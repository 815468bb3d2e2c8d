// Lift by days since a visitor's first exposure: a lift that fades from day 0 on is novelty, one
// that grows is a creative that needs time. Each arm's line, one arm's interval shaded. Pure
// configuration, like the calendar chart beside it.
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { signedPercent } from '../format.js';
import { withAlpha } from '../palette.js';
import type { ResultsDocument } from '../types.js';
import { thinTicks } from './interval-chart.js';

export type NoveltyPoint = ResultsDocument['novelty'][number]['points'][number];

export interface NoveltyInput {
  points: NoveltyPoint[];
  treatments: Array<{ key: string; name: string; colour: string }>;
  band: string | null;
}

type Dataset = ChartDataset<'line', Array<number | null>>;

/** As on the calendar chart: past ±200% an interval only says "too early". */
const AXIS_LIMIT = 2;

export function dayLabel(daysSince: number): string {
  return daysSince === 0 ? 'Day 0' : `Day ${daysSince}`;
}

export function noveltyChart({ points, treatments, band: shownBand }: NoveltyInput): ChartConfiguration<'line', Array<number | null>, string> {
  const datasets: Dataset[] = [];
  const line = { borderWidth: 0, pointRadius: 0, pointHitRadius: 0, tension: 0, spanGaps: true } as const;
  for (const treatment of treatments) {
    const lifts = points.map((point) => point.lifts.find((lift) => lift.variant === treatment.key));
    const pick = (take: (lift: NonNullable<(typeof lifts)[number]>) => number | null) =>
      lifts.map((lift) => (lift && take(lift) !== null ? Math.max(-1, Math.min(AXIS_LIMIT, take(lift)!)) : null));
    if (treatment.key === shownBand) {
      datasets.push(
        { ...line, label: `${treatment.name} band low`, data: pick((lift) => lift.lower), fill: false, borderColor: 'transparent' },
        { ...line, label: `${treatment.name} band`, data: pick((lift) => lift.upper), fill: '-1', backgroundColor: withAlpha(treatment.colour, 0.16), borderColor: 'transparent' },
      );
    }
    datasets.push({
      label: treatment.name,
      data: pick((lift) => lift.estimate),
      borderColor: treatment.colour,
      backgroundColor: treatment.colour,
      borderWidth: 2,
      pointRadius: points.length < 15 ? 3 : 0,
      pointHoverRadius: 4,
      tension: 0,
      spanGaps: true,
      fill: false,
    });
  }
  const isBand = (label: string | undefined) => / band( low)?$/.test(label ?? '');
  return {
    type: 'line',
    data: { labels: points.map((point) => dayLabel(point.daysSince)), datasets },
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

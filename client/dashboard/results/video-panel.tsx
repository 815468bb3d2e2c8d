// How far people watched, per arm: the share who started the video, the average share of it
// watched, and the share who watched to the end, each of all exposed visitors, with intervals.
// The results document has these three, not each arm's count at 25, 50 and 75%, so the curve
// has three steps rather than five.
import { useMemo } from 'preact/hooks';
import { intervalChart, intervalChartHeight } from '../charts/interval-chart.js';
import { Chart } from '../Chart.js';
import { percent } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import { finite, type ResultsDocument } from '../types.js';

const STEPS = [
  { metric: 'video_started', label: 'Started the video', colour: OKABE_ITO.sky, scale: 1 },
  { metric: 'watch_pct', label: 'Average share watched', colour: OKABE_ITO.blue, scale: 0.01 },
  { metric: 'video_completed', label: 'Watched to the end', colour: OKABE_ITO.vermillion, scale: 1 },
] as const;

/** `videoArms`: the keys of the arms whose creative is a video; image arms have nothing to watch. */
export function VideoPanel({ doc, videoArms }: { doc: ResultsDocument; videoArms: string[] }) {
  const arms = doc.variants.filter((variant) => videoArms.includes(variant.key));
  const steps = STEPS.map((step) => ({ ...step, result: doc.metrics.find((metric) => metric.metric === step.metric) })).filter((step) => step.result);
  const input = useMemo(
    () => ({
      categories: arms.map((variant) => variant.name),
      series: steps.map((step) => ({
        label: step.label,
        colour: step.colour,
        points: arms.map((variant) => {
          const arm = step.result!.arms.find((entry) => entry.variant === variant.key);
          const scaled = (value: number | null) => (finite(value) ? value * step.scale : null);
          return arm ? { estimate: scaled(arm.estimate), lower: scaled(arm.lower), upper: scaled(arm.upper) } : null;
        }),
      })),
      format: (value: number) => percent(value, 0),
      bounds: { min: 0, max: 1 },
    }),
    [doc, videoArms.join()],
  );
  const config = useMemo(() => intervalChart(input), [input]);
  if (arms.length === 0 || steps.length === 0 || !steps.some((step) => step.result!.arms.some((arm) => arm.n > 0))) return null;
  return (
    <section class="card" aria-labelledby="video-title">
      <h2 id="video-title">Video watch-through</h2>
      <p class="muted small">Of all visitors who saw each video arm: who started the video, how much of it they watched on average, and who saw it to the end.</p>
      <Chart id="video-chart" config={config} height={intervalChartHeight(input)} label="Video watch-through per arm: started, average share watched, watched to the end." />
    </section>
  );
}

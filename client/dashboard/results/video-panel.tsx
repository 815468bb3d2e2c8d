// How far people watched, per video arm: of all visitors who saw it, the share who started the
// video and who reached 25, 50, 75 and 100% of it, from the distributions (GET …/distributions),
// with the counts in a table. Without them, the three figures the results document has: started,
// average share watched and watched to the end, with intervals.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { intervalChart, intervalChartHeight } from '../charts/interval-chart.js';
import { STEP_LABELS, WATCH_STEPS_HEIGHT, watchSteps } from '../charts/watch-steps.js';
import { Chart } from '../Chart.js';
import { count, percent } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import { finite, type DistributionsDocument, type ResultsDocument, type VariantSummary } from '../types.js';

const STEPS = [
  { metric: 'video_started', label: 'Started the video', colour: OKABE_ITO.sky, scale: 1 },
  { metric: 'watch_pct', label: 'Average share watched', colour: OKABE_ITO.blue, scale: 0.01 },
  { metric: 'video_completed', label: 'Watched to the end', colour: OKABE_ITO.vermillion, scale: 1 },
] as const;

interface VideoPanelProps {
  doc: ResultsDocument;
  /** The keys of the arms whose creative is a video; image arms have nothing to watch. */
  videoArms: string[];
  colours: Map<string, string>;
  distributions: DistributionsDocument | null;
}

export function VideoPanel({ doc, videoArms, colours, distributions }: VideoPanelProps) {
  const arms = doc.variants.filter((variant) => videoArms.includes(variant.key));
  if (arms.length === 0) return null;
  if (distributions) {
    const video = arms.map((variant) => ({ variant, counts: distributions.video.find((entry) => entry.variant === variant.key) }));
    if (!video.some(({ counts }) => (counts?.exposed ?? 0) > 0)) return null;
    return (
      <VideoCard intro="Of all visitors who saw each video arm: who started the video, and who reached each quarter of it.">
        <WatchSteps video={video} colours={colours} />
      </VideoCard>
    );
  }
  return <VideoIntervals doc={doc} arms={arms} />;
}

function VideoCard({ intro, children }: { intro: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby="video-title">
      <h2 id="video-title">Video watch-through</h2>
      <p class="muted small">{intro}</p>
      {children}
    </section>
  );
}

type ArmCounts = { variant: VariantSummary; counts: DistributionsDocument['video'][number] | undefined };

function WatchSteps({ video, colours }: { video: ArmCounts[]; colours: Map<string, string> }) {
  const steps = (counts: ArmCounts['counts']) => (counts ? [counts.started, counts.reached[25], counts.reached[50], counts.reached[75], counts.reached[100]] : [0, 0, 0, 0, 0]);
  const config = useMemo(
    () => watchSteps(video.map(({ variant, counts }) => ({ name: variant.name, colour: colours.get(variant.key)!, exposed: counts?.exposed ?? 0, steps: steps(counts) }))),
    [video.map(({ counts }) => JSON.stringify(counts)).join(), colours],
  );
  return (
    <>
      <Chart id="video-chart" config={config} height={WATCH_STEPS_HEIGHT} label="Video watch-through per arm: the share of exposed visitors who started the video and who reached 25, 50, 75 and 100% of it." />
      <div class="table-scroll">
        <table class="table">
          <caption class="visually-hidden">Visitors per video arm who started the video and reached each mark</caption>
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col" class="num">
                Exposed
              </th>
              {STEP_LABELS.map((label) => (
                <th key={label} scope="col" class="num">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {video.map(({ variant, counts }) => (
              <tr key={variant.key}>
                <th scope="row">{variant.name}</th>
                <td class="num">{count(counts?.exposed ?? 0)}</td>
                {steps(counts).map((n, index) => (
                  <td key={index} class="num">
                    {count(n)}
                    <span class="ci">{counts && counts.exposed > 0 ? percent(n / counts.exposed, 0) : '—'}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function VideoIntervals({ doc, arms }: { doc: ResultsDocument; arms: VariantSummary[] }) {
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
    [doc, arms.map((variant) => variant.key).join()],
  );
  const config = useMemo(() => intervalChart(input), [input]);
  if (steps.length === 0 || !steps.some((step) => step.result!.arms.some((arm) => arm.n > 0))) return null;
  return (
    <VideoCard intro="Of all visitors who saw each video arm: who started the video, how much of it they watched on average, and who saw it to the end.">
      <Chart id="video-chart" config={config} height={intervalChartHeight(input)} label="Video watch-through per arm: started, average share watched, watched to the end." />
    </VideoCard>
  );
}

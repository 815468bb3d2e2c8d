// How far people watched, per video arm: of all visitors who saw it, the share who started the
// video and who reached 25, 50, 75 and 100% of it (the document's distributions), with the counts
// in a table.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { STEP_LABELS, WATCH_STEPS_HEIGHT, watchSteps } from '../charts/watch-steps.js';
import { Chart } from '../Chart.js';
import { count, percent } from '../format.js';
import type { ResultsDocument, VariantSummary, VideoDistribution } from '../types.js';

interface VideoPanelProps {
  doc: ResultsDocument;
  colours: Map<string, string>;
}

/** Only the arms whose creative is a video (the document's videoArms): image arms have nothing to watch. */
export function VideoPanel({ doc, colours }: VideoPanelProps) {
  const arms = doc.variants.filter((variant) => doc.videoArms.includes(variant.key));
  const video = arms.map((variant) => ({ variant, counts: doc.distributions.video.find((entry) => entry.variant === variant.key) }));
  if (!video.some(({ counts }) => (counts?.exposed ?? 0) > 0)) return null;
  return (
    <VideoCard intro="Of all visitors who saw each video arm: who started the video, and who reached each quarter of it.">
      <WatchSteps video={video} colours={colours} />
    </VideoCard>
  );
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

type ArmCounts = { variant: VariantSummary; counts: VideoDistribution | undefined };

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

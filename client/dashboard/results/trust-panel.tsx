// Trust, as visitors said it: each arm's trust answers 1–5 as stacked bars, beside the mean with
// its interval, and whether visitors noticed the creative was made with AI (the check that a
// disclosure was seen at all) as yes and no, from the document's distributions.
import { useMemo } from 'preact/hooks';
import { intervalChart, intervalChartHeight } from '../charts/interval-chart.js';
import { Chart } from '../Chart.js';
import { count, percent } from '../format.js';
import type { MetricResult, ResultsDocument } from '../types.js';
import { NoticedAnswers } from './noticed-answers.js';
import { TrustAnswers } from './trust-answers.js';

interface TrustPanelProps {
  doc: ResultsDocument;
  colours: Map<string, string>;
}

export function TrustPanel({ doc, colours }: TrustPanelProps) {
  const { distributions } = doc;
  const trust = doc.metrics.find((metric) => metric.metric === 'trust');
  const noticed = doc.metrics.find((metric) => metric.metric === 'noticed_disclosure');
  const answered = (metric: MetricResult | undefined) => metric?.arms.some((arm) => arm.n > 0) ?? false;
  if (!answered(trust) && !answered(noticed)) return null;
  const confidence = Math.round((1 - doc.alpha) * 100);
  return (
    <section class="card" aria-labelledby="trust-title">
      <h2 id="trust-title">Trust</h2>
      <p class="muted small">From the one-question survey, asked alike in every arm. Only visitors who answered count.</p>
      {answered(trust) && <TrustAnswers variants={doc.variants} trust={distributions.trust} survey={doc.experiment.survey} />}
      <div class="two-columns">
        {answered(trust) && (
          <ArmIntervals
            id="trust-chart"
            title="Mean trust, 1 to 5"
            metric={trust!}
            doc={doc}
            colours={colours}
            format={(value) => value.toFixed(1)}
            bounds={{ min: 1, max: 5 }}
          />
        )}
        {answered(noticed) &&
<NoticedAnswers variants={doc.variants} noticed={distributions.noticed} metric={noticed} confidence={confidence} />}
      </div>
    </section>
  );
}

interface ArmIntervalsProps {
  id: string;
  title: string;
  metric: MetricResult;
  doc: ResultsDocument;
  colours: Map<string, string>;
  format: (value: number) => string;
  bounds: { min: number; max: number };
}

/** One interval per arm, in the arm's colour, with each arm's number of answers under it. */
export function ArmIntervals({ id, title, metric, doc, colours, format, bounds }: ArmIntervalsProps) {
  const input = useMemo(
    () => ({
      categories: doc.variants.map((variant) => variant.name),
      series: [
        {
          label: title,
          colour: doc.variants.map((variant) => colours.get(variant.key)!),
          points: doc.variants.map((variant) => metric.arms.find((arm) => arm.variant === variant.key) ?? null),
        },
      ],
      format,
      bounds,
      legend: false,
    }),
    [doc, colours, metric],
  );
  const config = useMemo(() => intervalChart(input), [input]);
  return (
    <div>
      <h3>{title}</h3>
      <Chart id={id} config={config} height={intervalChartHeight(input)} label={`${title}, per arm, with ${Math.round((1 - doc.alpha) * 100)}% intervals.`} />
      <p class="muted small">
        Answers: {metric.arms.map((arm) => `${doc.variants.find((variant) => variant.key === arm.variant)?.name ?? arm.variant} ${count(arm.n)}`).join(' · ')}
      </p>
    </div>
  );
}

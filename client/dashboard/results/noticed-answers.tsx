// The manipulation check as it was answered: per arm, the share of answering visitors who said
// they noticed the creative was made with AI and the share who said not, with the counts, and
// the share's interval from the results document underneath.
import { useMemo } from 'preact/hooks';
import { shareBars, shareBarsHeight } from '../charts/share-bars.js';
import { Chart } from '../Chart.js';
import { percent, range } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import type { Distributions, MetricResult, VariantSummary } from '../types.js';

interface NoticedAnswersProps {
  variants: VariantSummary[];
  noticed: Distributions['noticed'];
  /** The noticed_disclosure metric of the results document, for each arm's interval. */
  metric: MetricResult | undefined;
  confidence: number;
}

export function NoticedAnswers({ variants, noticed, metric, confidence }: NoticedAnswersProps) {
  const input = useMemo(() => {
    const of = (key: string) => noticed.find((entry) => entry.variant === key);
    return {
      categories: variants.map((variant) => variant.name),
      parts: [
        { label: 'Yes, noticed AI', colour: OKABE_ITO.purple, counts: variants.map((variant) => of(variant.key)?.yes ?? 0) },
        { label: 'No', colour: '#BBBBBB', counts: variants.map((variant) => of(variant.key)?.no ?? 0) },
      ],
    };
  }, [variants, noticed]);
  const config = useMemo(() => shareBars(input), [input]);
  const intervals = variants.flatMap((variant) => {
    const arm = metric?.arms.find((entry) => entry.variant === variant.key);
    return arm && arm.n > 0 ? [`${variant.name} ${percent(arm.estimate, 0)} (${range(percent(arm.lower, 0), percent(arm.upper, 0))})`] : [];
  });
  return (
    <div>
      <h3>Noticed it was made with AI</h3>
      <Chart id="noticed-chart" config={config} height={shareBarsHeight(input)} label="Share of each arm's answering visitors who said they noticed the creative was made with AI, and who said not." />
      <p class="muted small">
        A visitor who ever answered yes counts as yes.
        {intervals.length > 0 && ` Yes, with ${confidence}% intervals: ${intervals.join(' · ')}.`}
      </p>
    </div>
  );
}

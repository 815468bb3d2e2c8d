// The forest plot: every metric's relative lift against the control, one interval per arm,
// right of the dashed line is better. The interval is the one the verdict rests on: always-valid
// while the test runs, fixed-horizon once it has stopped.
import { useMemo } from 'preact/hooks';
import { intervalChart, intervalChartHeight } from '../charts/interval-chart.js';
import { Chart } from '../Chart.js';
import { signedPercent } from '../format.js';
import type { Comparison, ResultsDocument } from '../types.js';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function decisiveInterval(doc: ResultsDocument, comparison: Comparison) {
  const valid = doc.peekingSafe && comparison.alwaysValid ? comparison.alwaysValid : comparison.relative;
  return { estimate: comparison.relative.estimate, lower: valid.lower, upper: valid.upper };
}

export function ForestPlot({ doc, colours }: { doc: ResultsDocument; colours: Map<string, string> }) {
  const treatments = doc.variants.filter((variant) => !variant.control);
  const metrics = doc.metrics.filter((metric) => metric.comparisons.some((comparison) => comparison.relative.estimate !== null));
  const input = useMemo(
    () => ({
      categories: metrics.map((metric) => `${capital(metric.label)}${metric.role === 'secondary' ? '' : ` (${metric.role})`}`),
      series: treatments.map((treatment) => ({
        label: treatment.name,
        colour: colours.get(treatment.key)!,
        points: metrics.map((metric) => {
          const comparison = metric.comparisons.find((entry) => entry.variant === treatment.key);
          return comparison ? decisiveInterval(doc, comparison) : null;
        }),
      })),
      format: (value: number) => signedPercent(value, 0),
      reference: 0,
      bounds: { min: -1, max: 2 },
    }),
    [doc, colours],
  );
  const config = useMemo(() => intervalChart(input), [input]);
  const hidden = doc.metrics.length - metrics.length;

  return (
    <section class="card" aria-labelledby="forest-title">
      <h2 id="forest-title">Lift on every metric</h2>
      <p class="muted small">
        Relative change against the control, with its {doc.peekingSafe ? 'always-valid ' : ''}
        {Math.round((1 - doc.alpha) * 100)}% interval. Right of the dashed line is better; an interval crossing it is not conclusive; an arrow at the edge means the interval runs on past it.
      </p>
      {metrics.length === 0 ? (
        <p class="empty">No metric has data in every arm yet.</p>
      ) : (
        <Chart id="forest-plot" config={config} height={intervalChartHeight(input)} label={`Forest plot of the relative lift of ${treatments.length} arms on ${metrics.length} metrics, against the control.`} />
      )}
      {hidden > 0 && metrics.length > 0 && (
        <p class="muted small">
          {hidden} metric{hidden === 1 ? '' : 's'} without data yet {hidden === 1 ? 'is' : 'are'} left out.
        </p>
      )}
    </section>
  );
}

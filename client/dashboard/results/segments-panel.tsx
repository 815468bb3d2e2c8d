// Results by segment: for each dimension (device, new or returning, traffic source, or an
// imported column), each level's relative lift with its interval per arm, the corrected p-value,
// and the interaction test that says whether the effect really differs between levels.
import { useMemo, useState } from 'preact/hooks';
import { intervalChart, intervalChartHeight } from '../charts/interval-chart.js';
import { Chart } from '../Chart.js';
import { count, pEquals, range, signedPercent } from '../format.js';
import type { ResultsDocument } from '../types.js';
import { correctionSentence, interactionSentence, segmentMetrics, type SegmentDimension } from './segment-words.js';
import { VerdictChip } from './verdict-chip.js';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function SegmentsPanel({ doc, colours }: { doc: ResultsDocument; colours: Map<string, string> }) {
  const { segments } = doc;
  const metrics = segmentMetrics(segments);
  const [chosen, setChosen] = useState<string | null>(null);
  const metric = metrics.find((entry) => entry.metric === chosen) ?? metrics.find((entry) => entry.metric === doc.experiment.primaryMetric) ?? metrics[0];
  return (
    <section class="card" aria-labelledby="segments-title" data-testid="segments-panel">
      <h2 id="segments-title">By segment</h2>
      {segments.dimensions.length === 0 || !metric ? (
        <p class="empty" data-testid="segments-empty">
          No segment data yet. {segments.note}
        </p>
      ) : (
        <>
          <p class="callout small" data-testid="segments-correction">
            {correctionSentence(segments.tests, doc.adjustment)} {count(segments.visitorsWithSegment)} visitors have a segment.
          </p>
          {metrics.length > 1 && (
            <div class="segmented" role="radiogroup" aria-label="Metric shown by segment">
              <span class="muted small">Metric</span>
              {metrics.map((entry) => (
                <button type="button" key={entry.metric} role="radio" aria-checked={entry.metric === metric.metric} onClick={() => setChosen(entry.metric)}>
                  {capital(entry.label)}
                </button>
              ))}
            </div>
          )}
          {segments.dimensions.map((dimension) => (
            <Dimension key={dimension.name} doc={doc} dimension={dimension} metric={metric.metric} colours={colours} />
          ))}
        </>
      )}
    </section>
  );
}

function Dimension({ doc, dimension, metric, colours }: { doc: ResultsDocument; dimension: SegmentDimension; metric: string; colours: Map<string, string> }) {
  const comparisons = dimension.metrics.find((entry) => entry.metric === metric)?.comparisons ?? [];
  const nameOf = (key: string) => doc.variants.find((variant) => variant.key === key)?.name ?? key;
  const levels = dimension.levels.map((level) => level.level);
  const input = useMemo(
    () => ({
      categories: levels,
      series: comparisons.map((comparison) => ({
        label: nameOf(comparison.variant),
        colour: colours.get(comparison.variant) ?? '#555',
        points: levels.map((level) => comparison.levels.find((entry) => entry.level === level)?.relative ?? null),
      })),
      format: (value: number) => signedPercent(value, 0),
      reference: 0,
      bounds: { min: -1, max: 2 },
    }),
    [dimension, metric, colours],
  );
  const config = useMemo(() => intervalChart(input), [input]);
  const label = dimension.label.toLowerCase();
  const differs = comparisons.some((comparison) => comparison.interaction.differs);
  return (
    <section class={`segment-dimension${differs ? ' segment-differs' : ''}`} aria-labelledby={`segment-${dimension.name}`} data-dimension={dimension.name}>
      <h3 id={`segment-${dimension.name}`}>
        By {label}
        {differs && (
          <span class="flag-differs" data-testid="differs-flag">
            <span aria-hidden="true">⚠</span> differs by {label}
          </span>
        )}
      </h3>
      <ul class="sentences sentences-small">
        {comparisons.map((comparison) => (
          <li key={comparison.variant}>
            <span>{interactionSentence(nameOf(comparison.variant), label, comparison.interaction)}</span>
          </li>
        ))}
      </ul>
      {comparisons.length > 0 && (
        <Chart config={config} height={intervalChartHeight(input)} label={`Relative lift in each ${label} level, for each arm against the control, with intervals.`} />
      )}
      <div class="table-scroll">
        <table class="table segment-table">
          <caption class="visually-hidden">Lift by {label}</caption>
          <thead>
            <tr>
              <th scope="col">{capital(dimension.label)}</th>
              <th scope="col" class="num">
                Visitors
              </th>
              {comparisons.map((comparison) => (
                <th scope="col" class="num" key={comparison.variant}>
                  {nameOf(comparison.variant)}: lift, p (corrected)
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dimension.levels.map((level) => (
              <tr key={level.level}>
                <th scope="row">{level.level}</th>
                <td class="num">{count(level.visitors)}</td>
                {comparisons.map((comparison) => {
                  const cell = comparison.levels.find((entry) => entry.level === level.level);
                  return (
                    <td class="num" key={comparison.variant}>
                      {cell ? (
                        <>
                          <VerdictChip verdict={cell.verdict} short /> {signedPercent(cell.relative.estimate)}
                          <span class="ci">{range(signedPercent(cell.relative.lower), signedPercent(cell.relative.upper))}</span>
                          <span class="ci">{pEquals(cell.adjustedPValue)}</span>
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// Adjusted figures beside the raw ones: the difference post-stratified on the visitors'
// segments (Lin's estimator), its interval, and how much of the variance that removed, said
// plainly when it is small. When no adjusted figure is given, the reason.
import { metricDifference, range, signedPercent } from '../format.js';
import type { ResultsDocument } from '../types.js';
import { strataWords, varianceRemoved, varianceSentence } from './adjusted-words.js';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function AdjustedPanel({ doc }: { doc: ResultsDocument }) {
  const { adjusted } = doc;
  const confidence = Math.round((1 - doc.alpha) * 100);
  const nameOf = (key: string) => doc.variants.find((variant) => variant.key === key)?.name ?? key;
  const rows = adjusted.metrics.flatMap((entry) => {
    const metric = doc.metrics.find((candidate) => candidate.metric === entry.metric);
    return entry.comparisons.map((comparison) => ({ metric: entry.metric, label: metric?.label ?? entry.metric, kind: metric?.kind ?? 'continuous', comparison }));
  });
  return (
    <section class="card" aria-labelledby="adjusted-title" data-testid="adjusted-panel">
      <h2 id="adjusted-title">Adjusted for segments</h2>
      {!adjusted.available || rows.length === 0 ? (
        <p class="empty" data-testid="adjusted-empty">
          No adjusted figures. {adjusted.reason ?? 'No metric could be adjusted.'}
        </p>
      ) : (
        <>
          <p class="muted small">
            The difference weighted by each stratum’s share of visitors, from {strataWords(adjusted)}: the same answer with less noise when the strata explain some of it. The raw figure stays beside it; {confidence}% intervals.
          </p>
          <div class="table-scroll">
            <table class="table adjusted-table">
              <caption class="visually-hidden">Raw and adjusted differences</caption>
              <thead>
                <tr>
                  <th scope="col">Metric and arm</th>
                  <th scope="col" class="num">
                    Raw difference
                  </th>
                  <th scope="col" class="num">
                    Adjusted difference
                  </th>
                  <th scope="col" class="num">
                    Adjusted lift
                  </th>
                  <th scope="col" class="num">
                    Variance removed
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ metric, label, kind, comparison }) => {
                  const diff = (value: number | null) => metricDifference(metric, kind, value);
                  return (
                    <tr key={`${metric}-${comparison.variant}`}>
                      <th scope="row">
                        {capital(label)}
                        <div class="muted small">{nameOf(comparison.variant)}</div>
                      </th>
                      <td class="num">
                        {diff(comparison.raw.estimate)}
                        <span class="ci">{range(diff(comparison.raw.lower), diff(comparison.raw.upper))}</span>
                      </td>
                      <td class="num">
                        <strong>{diff(comparison.adjusted.estimate)}</strong>
                        <span class="ci">{range(diff(comparison.adjusted.lower), diff(comparison.adjusted.upper))}</span>
                      </td>
                      <td class="num">
                        {signedPercent(comparison.relative.estimate)}
                        <span class="ci">{range(signedPercent(comparison.relative.lower), signedPercent(comparison.relative.upper))}</span>
                      </td>
                      <td class="num" title={varianceSentence(comparison.varianceReduction)}>
                        {varianceRemoved(comparison.varianceReduction)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ul class="sentences sentences-small" data-testid="variance-sentences">
            {rows.map(({ metric, label, comparison }) => (
              <li key={`${metric}-${comparison.variant}`}>
                {capital(label)}, {nameOf(comparison.variant)}: {varianceSentence(comparison.varianceReduction)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

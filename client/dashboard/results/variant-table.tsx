// Every number, for the analyst: per metric and arm, the value with its interval, the lift
// against the control with its fixed-horizon and (while running) always-valid intervals, the
// adjusted p-value, and the chance to beat the control. The plan's metrics first; the rest folded.
import { ResearchTag } from './research-note.js';
import { chance, count, DASH, metricValue, pValue, range, signedPercent } from '../format.js';
import { describePValue } from '../../../server/results/p-values.js';
import type { MetricResult, ResultsDocument } from '../types.js';
import { RevenueCapNote } from './revenue-cap-note.js';
import { VerdictChip } from './verdict-chip.js';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function VariantTable({ doc, colours }: { doc: ResultsDocument; colours: Map<string, string> }) {
  const planned = doc.metrics.filter((metric) => metric.role !== 'secondary');
  const others = doc.metrics.filter((metric) => metric.role === 'secondary');
  return (
    <section class="card" aria-labelledby="table-title">
      <h2 id="table-title">All the numbers</h2>
      <RevenueCapNote doc={doc} />
      <MetricTable doc={doc} metrics={planned} colours={colours} caption="The primary metric and guardrails" />
      {others.length > 0 && (
        <details class="more-metrics">
          <summary>
            {others.length} more metric{others.length === 1 ? '' : 's'}
          </summary>
          <MetricTable doc={doc} metrics={others} colours={colours} caption="Secondary metrics" />
        </details>
      )}
    </section>
  );
}

function MetricTable({ doc, metrics, colours, caption }: { doc: ResultsDocument; metrics: MetricResult[]; colours: Map<string, string>; caption: string }) {
  const confidence = Math.round((1 - doc.alpha) * 100);
  const columns = doc.peekingSafe ? 7 : 6;
  const noteId = `p-note-${caption.toLowerCase().replace(/\W+/g, '-')}`;
  // Each cell names its own test (rates, means and ratios differ); the header says what they share.
  const headerNote = doc.peekingSafe
    ? `Always-valid p-value of the lift, ${adjustmentName(doc.adjustment)} within each family`
    : `Fixed-horizon p-value (pooled z-test for rates, Welch's t-test for means, delta method for ratios), ${adjustmentName(doc.adjustment)} within each family`;
  return (
    <div class="table-scroll">
      <p id={noteId} class="visually-hidden">
        {headerNote}
      </p>
      <table class="table numbers-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col" class="num">
              n
            </th>
            <th scope="col" class="num">
              Value ({confidence}% CI)
            </th>
            <th scope="col" class="num">
              Lift ({confidence}% CI)
            </th>
            {doc.peekingSafe && (
              <th scope="col" class="num">
                Always-valid CI
              </th>
            )}
            <th scope="col" class="num" title={headerNote} aria-describedby={noteId}>
              p (adj.)
            </th>
            <th scope="col" class="num">
              Chance to beat control
            </th>
          </tr>
        </thead>
        {metrics.map((metric) => (
          <tbody key={metric.metric}>
            <tr class="metric-row">
              <th scope="rowgroup" colSpan={columns}>
                {capital(metric.label)} {metric.role !== 'secondary' && <span class={`tag tag-${metric.role}`}>{metric.role}</span>}
              </th>
            </tr>
            {metric.arms.map((arm) => {
              const variant = doc.variants.find((entry) => entry.key === arm.variant);
              const comparison = metric.comparisons.find((entry) => entry.variant === arm.variant);
              const value = (x: number | null) => metricValue(metric.metric, metric.kind, x);
              return (
                <tr key={arm.variant}>
                  <th scope="row" class="arm-cell">
                    <span class="swatch" style={{ background: colours.get(arm.variant) }} aria-hidden="true" />
                    <span class="arm-name">{variant?.name ?? arm.variant}</span>
                    {variant?.control && <span class="tag">control</span>}
                    <ResearchTag variant={variant} />
                  </th>
                  <td class="num">{count(arm.n)}</td>
                  <td class="num">
                    {value(arm.estimate)}
                    <span class="ci">{range(value(arm.lower), value(arm.upper))}</span>
                  </td>
                  {comparison ? (
                    <>
                      <td class="num">
                        <VerdictChip verdict={comparison.verdict} short /> {signedPercent(comparison.relative.estimate)}
                        <span class="ci">{range(signedPercent(comparison.relative.lower), signedPercent(comparison.relative.upper))}</span>
                      </td>
                      {doc.peekingSafe && (
                        <td class="num">{comparison.alwaysValid ? range(signedPercent(comparison.alwaysValid.lower), signedPercent(comparison.alwaysValid.upper)) : DASH}</td>
                      )}
                      <td class="num p-cell" title={describePValue(comparison.pValueTest, doc.adjustment, metric.role)} aria-label={`${pValue(comparison.adjustedPValue)}: ${describePValue(comparison.pValueTest, doc.adjustment, metric.role)}`}>
                        {pValue(comparison.adjustedPValue)}
                      </td>
                      <td class="num">{chance(comparison.chanceToBeat)}</td>
                    </>
                  ) : (
                    <td class="num muted" colSpan={columns - 3}>
                      Reference
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function adjustmentName(adjustment: ResultsDocument['adjustment']): string {
  return adjustment === 'none' ? 'not adjusted' : adjustment === 'holm' ? 'Holm-adjusted' : 'Benjamini–Hochberg-adjusted';
}

// The question Candor exists for: what does AI-made do, what does saying so do, and does saying
// so matter more for AI creatives? The origin × disclosure grid of the primary metric, its main
// effects and interaction (or the contrasts the arms allow), and whether disclosing costs less
// than the margin.
import { useMemo } from 'preact/hooks';
import { intervalChart, intervalChartHeight } from '../charts/interval-chart.js';
import { Chart } from '../Chart.js';
import { count, metricDifference, metricValue, pValue, range, signedPercent } from '../format.js';
import { OKABE_ITO } from '../palette.js';
import type { ResultsDocument } from '../types.js';
import { DesignFactors } from './design-factors.js';
import { DesignsTable } from './designs-table.js';

const ORIGIN_NAMES = { ai: 'AI-made', traditional: 'Traditional', hybrid: 'Hybrid' } as const;

/** Short names for the chart's axis and the table; the server's full label goes beside them. */
const SHORT_NAMES: Record<string, string> = {
  origin: 'AI vs traditional',
  disclosure: 'Disclosed vs not',
  interaction: 'Interaction',
  'disclosure-within-ai': 'Disclosed vs not, AI',
  'disclosure-within-traditional': 'Disclosed vs not, traditional',
  'disclosure-within-hybrid': 'Disclosed vs not, hybrid',
  'origin-when-disclosed': 'AI vs traditional, disclosed',
  'origin-when-undisclosed': 'AI vs traditional, undisclosed',
  'origin-confounded': 'AI vs traditional (confounded)',
};
const shortName = (contrast: { name: string; label: string }) => SHORT_NAMES[contrast.name] ?? contrast.label;

export function DisclosurePanel({ doc }: { doc: ResultsDocument }) {
  const { grid, nonInferiority, metric } = doc.disclosure;
  const reported = doc.metrics.find((entry) => entry.metric === metric) ?? doc.metrics[0]!;
  const kind = reported.kind === 'ratio' ? 'continuous' : reported.kind;
  const names = new Map(doc.variants.map((variant) => [variant.key, variant.name]));
  const origins = (['ai', 'hybrid', 'traditional'] as const).filter((origin) => grid.cells.some((cell) => cell.origin === origin));
  const alpha = doc.alpha;
  const input = useMemo(
    () => ({
      categories: grid.contrasts.map(shortName),
      series: [
        {
          label: 'Difference',
          colour: grid.contrasts.map((contrast) => (contrast.name === 'interaction' ? OKABE_ITO.purple : contrast.name.startsWith('disclosure') ? OKABE_ITO.blue : OKABE_ITO.orange)),
          points: grid.contrasts.map((contrast) => ({ estimate: contrast.estimate, lower: contrast.lower, upper: contrast.upper })),
        },
      ],
      format: (value: number) => metricDifference(metric, kind, value),
      reference: 0,
      legend: false,
    }),
    [doc],
  );
  const config = useMemo(() => intervalChart(input), [input]);
  const interaction = grid.contrasts.find((contrast) => contrast.name === 'interaction');
  const cell = (origin: string, disclosed: boolean) => grid.cells.find((entry) => entry.origin === origin && entry.disclosed === disclosed);

  return (
    <section class="card" aria-labelledby="disclosure-title">
      <h2 id="disclosure-title">What AI and disclosure do</h2>
      <p class="muted small">
        {reported.label.charAt(0).toUpperCase() + reported.label.slice(1)} by how each creative was made and whether it said so. {grid.note}
      </p>
      {grid.cells.length > 0 && (
        <div class="table-scroll">
          <table class="table grid-table">
            <caption class="visually-hidden">{reported.label} by origin and disclosure</caption>
            <thead>
              <tr>
                <th scope="col">Creative</th>
                <th scope="col">Disclosed</th>
                <th scope="col">Not disclosed</th>
              </tr>
            </thead>
            <tbody>
              {origins.map((origin) => (
                <tr key={origin}>
                  <th scope="row">{ORIGIN_NAMES[origin]}</th>
                  {[true, false].map((disclosed) => {
                    const found = cell(origin, disclosed);
                    return (
                      <td key={String(disclosed)} class={found ? 'grid-cell' : 'grid-cell grid-empty'}>
                        {found ? (
                          <>
                            <strong>{metricValue(metric, kind, found.mean)}</strong>
                            <span class="muted small">
                              {count(found.n)} visitors · {found.keys.map((key) => names.get(key) ?? key).join(', ')}
                            </span>
                          </>
                        ) : (
                          <span class="muted small">No arm</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {grid.contrasts.length > 0 && (
        <>
          <h3>Effects</h3>
          <Chart id="disclosure-effects" config={config} height={intervalChartHeight(input)} label={`Effects of origin and disclosure on ${reported.label}, with intervals.`} />
          <div class="table-scroll">
            <table class="table effects-table">
              <thead>
                <tr>
                  <th scope="col">Effect</th>
                  <th scope="col" class="num">
                    Difference ({Math.round((1 - alpha) * 100)}% CI)
                  </th>
                  <th scope="col" class="num">
                    p
                  </th>
                </tr>
              </thead>
              <tbody>
                {grid.contrasts.map((contrast) => (
                  <tr key={contrast.name} class={contrast.name === 'interaction' ? 'row-strong' : ''}>
                    <th scope="row">
                      {shortName(contrast)}
                      <span class="ci">{contrast.label}</span>
                    </th>
                    <td class="num">
                      {metricDifference(metric, kind, contrast.estimate)}
                      <span class="ci">{range(metricDifference(metric, kind, contrast.lower), metricDifference(metric, kind, contrast.upper))}</span>
                    </td>
                    <td class="num">{pValue(contrast.pValue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {interaction && (
            <p class="callout">
              <strong>Does disclosure land differently on AI creatives?</strong>{' '}
              {clear(interaction, alpha) ? 'Yes: ' : 'No clear sign of it: '}
              the effect of disclosing on {reported.label} differs by {metricDifference(metric, kind, interaction.estimate)} between AI and traditional
              creatives ({range(metricDifference(metric, kind, interaction.lower), metricDifference(metric, kind, interaction.upper))}, the difference in
              differences).
            </p>
          )}
        </>
      )}
      {nonInferiority && (
        <p class={`callout ${nonInferiority.nonInferior ? 'callout-good' : ''}`}>
          <strong>Does disclosing cost less than {signedPercent(nonInferiority.margin, 0).replace(/^[−-]/, '')}?</strong>{' '}
          {nonInferiority.nonInferior ? 'Yes. ' : 'Not shown yet. '}
          The disclosed AI arms against the undisclosed ones: {signedPercent(nonInferiority.estimate)} on {reported.label}, and at worst{' '}
          {signedPercent(nonInferiority.lowerBound)} ({Math.round((1 - nonInferiority.alpha) * 100)}% one-sided bound; the margin is{' '}
          {signedPercent(nonInferiority.margin, 0)}).
        </p>
      )}
      <DesignFactors factors={doc.disclosure.factors} metric={metric} kind={kind} />
      <DesignsTable designs={doc.designs} names={names} videos={new Set(doc.videoArms)} />
    </section>
  );
}

/** A contrast whose interval leaves out zero at the test's level. */
function clear(contrast: { pValue: number | null; lower: number | null; upper: number | null }, alpha: number): boolean {
  const { pValue, lower, upper } = contrast;
  return pValue !== null && pValue < alpha && lower !== null && upper !== null && (lower > 0 || upper < 0);
}

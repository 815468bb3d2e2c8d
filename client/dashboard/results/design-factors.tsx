// The disclosure designs as factors: each style, wording and timing against its reference, the
// other factors held, from the server's linear model (HC2 errors).
import { metricDifference, pValue, range } from '../format.js';
import type { ResultsDocument } from '../types.js';

const FACTOR_NAMES: Record<string, string> = {
  origin: 'Origin',
  disclosure: 'Disclosure',
  style: 'Style',
  wording: 'Wording',
  timing: 'Timing',
  'origin × disclosure': 'Interaction',
};

export function DesignFactors({ factors, metric, kind }: { factors: ResultsDocument['disclosure']['factors']; metric: string; kind: string }) {
  // Origin and disclosure alone are the grid above; the model earns a table when designs differ.
  if (!factors.available || !factors.terms.some((term) => ['style', 'wording', 'timing'].includes(term.factor))) return null;
  return (
    <>
      <h3>Style, wording and timing</h3>
      <p class="muted small">{factors.note}</p>
      <div class="table-scroll">
        <table class="table factors-table">
          <thead>
            <tr>
              <th scope="col">Factor</th>
              <th scope="col">Level against reference</th>
              <th scope="col" class="num">Difference</th>
              <th scope="col" class="num">p</th>
            </tr>
          </thead>
          <tbody>
            {factors.terms.map((term) => (
              <tr key={term.name} data-term={term.name}>
                <th scope="row">{FACTOR_NAMES[term.factor] ?? term.factor}</th>
                <td>{term.label}</td>
                <td class="num">
                  {metricDifference(metric, kind, term.estimate)}
                  <span class="ci">{range(metricDifference(metric, kind, term.lower), metricDifference(metric, kind, term.upper))}</span>
                </td>
                <td class="num">{pValue(term.pValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

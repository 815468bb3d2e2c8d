// Cumulative lift over time on the primary metric, each arm's line inside its always-valid band:
// the band narrows as visitors come in, and a band clear of zero is a result whichever day you look.
import { useMemo, useState } from 'preact/hooks';
import { cumulativeChart } from '../charts/cumulative-chart.js';
import { Chart } from '../Chart.js';
import type { ResultsDocument } from '../types.js';

export function CumulativeLift({ doc, colours }: { doc: ResultsDocument; colours: Map<string, string> }) {
  const primary = doc.metrics[0]!;
  const control = doc.variants.find((variant) => variant.control);
  const treatments = doc.variants.filter((variant) => !variant.control).map((variant) => ({ key: variant.key, name: variant.name, colour: colours.get(variant.key)! }));
  const [chosen, setChosen] = useState<string | null>(null);
  const band = chosen && treatments.some((treatment) => treatment.key === chosen) ? chosen : (treatments[0]?.key ?? null);
  const config = useMemo(() => cumulativeChart({ series: doc.series, treatments, band }), [doc, colours, band]);
  const alwaysValid = doc.series.some((point) => point.lifts.some((lift) => lift.alwaysValidLower !== null));
  return (
    <section class="card" aria-labelledby="cumulative-title">
      <h2 id="cumulative-title">Lift over time</h2>
      <p class="muted small">
        Change in {primary.label} against “{control?.name}”, counting every visitor up to each day. Shaded: one arm’s {alwaysValid ? 'always-valid' : ''}{' '}
        {Math.round((1 - doc.alpha) * 100)}% band{alwaysValid ? ', which holds on every day you look' : ''}.
      </p>
      {treatments.length > 1 && doc.series.length > 0 && (
        <div class="segmented" role="radiogroup" aria-label="Whose band to shade">
          <span class="muted small">Band of</span>
          {treatments.map((treatment) => (
            <button type="button" key={treatment.key} role="radio" aria-checked={treatment.key === band} onClick={() => setChosen(treatment.key)}>
              <span class="swatch" style={{ background: treatment.colour }} aria-hidden="true" />
              {treatment.name}
            </button>
          ))}
        </div>
      )}
      {doc.series.length === 0 ? (
        <p class="empty">No visitors yet.</p>
      ) : (
        <Chart id="cumulative-lift" config={config} height={280} label={`Cumulative relative lift in ${primary.label} by day, for each arm against the control, with its band.`} />
      )}
    </section>
  );
}

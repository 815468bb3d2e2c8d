// Lift by days since first exposure, beside the calendar chart: does the effect fade once the
// creative is no longer new (novelty), or grow as visitors come back to it?
import { useMemo, useState } from 'preact/hooks';
import { noveltyChart } from '../charts/novelty-chart.js';
import { Chart } from '../Chart.js';
import type { ResultsDocument } from '../types.js';

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function NoveltyLift({ doc, colours }: { doc: ResultsDocument; colours: Map<string, string> }) {
  const [chosenMetric, setMetric] = useState<string | null>(null);
  const section = doc.novelty.find((entry) => entry.metric === chosenMetric) ?? doc.novelty.find((entry) => entry.metric === doc.experiment.primaryMetric) ?? doc.novelty[0];
  const treatments = doc.variants.filter((variant) => !variant.control).map((variant) => ({ key: variant.key, name: variant.name, colour: colours.get(variant.key)! }));
  const points = section?.points ?? [];
  const [chosenBand, setBand] = useState<string | null>(null);
  const band = chosenBand && treatments.some((treatment) => treatment.key === chosenBand) ? chosenBand : (treatments[0]?.key ?? null);
  const config = useMemo(() => noveltyChart({ points, treatments, band }), [section, colours, band]);
  return (
    <section class="card" aria-labelledby="novelty-title" data-testid="novelty-panel">
      <h2 id="novelty-title">Lift by days since first seen</h2>
      <p class="muted small">
        First conversions on each day after a visitor first saw the slot, against the control: a lift that shrinks with the days is novelty wearing off; one that grows is a creative that needs time.
      </p>
      {doc.novelty.length > 1 && (
        <div class="segmented" role="radiogroup" aria-label="Metric shown by days since first seen">
          {doc.novelty.map((entry) => (
            <button type="button" key={entry.metric} role="radio" aria-checked={entry.metric === section?.metric} onClick={() => setMetric(entry.metric)}>
              {capital(entry.label)}
            </button>
          ))}
        </div>
      )}
      {treatments.length > 1 && points.length > 0 && (
        <div class="segmented" role="radiogroup" aria-label="Whose interval to shade by days since first seen">
          <span class="muted small">Band of</span>
          {treatments.map((treatment) => (
            <button type="button" key={treatment.key} role="radio" aria-checked={treatment.key === band} onClick={() => setBand(treatment.key)}>
              <span class="swatch" style={{ background: treatment.colour }} aria-hidden="true" />
              {treatment.name}
            </button>
          ))}
        </div>
      )}
      {!section || points.length === 0 ? (
        <p class="empty" data-testid="novelty-empty">
          No lift by day since first exposure yet.{section?.note ? ` ${section.note}` : ''}
        </p>
      ) : (
        <>
          <Chart id="novelty-lift" config={config} height={280} label={`Relative lift in ${section.label} by days since first exposure, for each arm against the control.`} />
          {section.note && <p class="muted small">{section.note}</p>}
        </>
      )}
    </section>
  );
}

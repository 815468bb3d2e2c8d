// Can these results be trusted yet? A banner when the traffic split is off (sample ratio
// mismatch: a broken installation, not a finding), progress toward the planned visitors, the
// days running, and who went where.
import { count, date, days, pValue } from '../format.js';
import type { ResultsDocument } from '../types.js';
import { Notice } from '../ui/controls.js';

export function Health({ doc, colours }: { doc: ResultsDocument; colours: Map<string, string> }) {
  const { srm, progress } = doc.health;
  const imported = doc.experiment.imported;
  const fraction = progress.fraction;
  const srmState = srm.mismatch ? 'Off: see the warning above' : srm.enoughData ? 'Matches the weights' : 'Too few visitors to check yet';
  return (
    <>
      {srm.mismatch && (
        <Notice tone="error" title="The traffic split is off (sample ratio mismatch)">
          The arms received visitors in proportions their weights would give less than once in a thousand tests (χ² p = {pValue(srm.pValue)}).
          Something is losing visitors in some arm: a creative that fails to load, a filter, a broken page. Fix that before trusting these
          results.
        </Notice>
      )}
      <section class="tiles" aria-label="Health">
        <div class="tile">
          <div class="tile-label">Visitors</div>
          <div class="tile-value">{count(progress.visitors)}</div>
          {progress.planned ? (
            <>
              <div
                class="progress"
                role="progressbar"
                aria-label="Progress toward the planned visitors"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round((fraction ?? 0) * 100)}
              >
                <div class="progress-bar" style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
              </div>
              <div class="tile-note">
                {Math.round((fraction ?? 0) * 100)}% of {count(progress.planned)} planned
              </div>
            </>
          ) : (
            <div class="tile-note">No planned sample size</div>
          )}
        </div>
        <div class="tile">
          <div class="tile-label">{imported ? 'Imported' : 'Running'}</div>
          <div class="tile-value">{imported ? date(doc.experiment.importedAt) : days(progress.daysRunning)}</div>
          <div class="tile-note">
            {imported ? 'A past test, from a file' : doc.experiment.startedAt ? `Since ${date(doc.experiment.startedAt)}` : 'Not started'}
            {doc.experiment.stoppedAt ? ` · stopped ${date(doc.experiment.stoppedAt)}` : ''}
          </div>
        </div>
        <div class={`tile${srm.mismatch ? ' tile-bad' : ''}`}>
          <div class="tile-label">Traffic split</div>
          <div class="tile-value tile-value-small">{srmState}</div>
          <ul class="arm-counts">
            {doc.variants.map((variant) => (
              <li key={variant.key}>
                <span class="swatch" style={{ background: colours.get(variant.key) }} aria-hidden="true" />
                <span class="arm-name">{variant.name}</span> <span class="num">{count(variant.visitors)}</span>
              </li>
            ))}
          </ul>
        </div>
      </section>
    </>
  );
}

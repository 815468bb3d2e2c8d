// The revenue cap, set before the start: none, a fixed value, or a percentile of the control's
// buyers in the first days. Revenue per visitor is capped there, so one huge order cannot decide
// the test; the uncapped figure stays in the results. Frozen once the experiment has run.
import type { EditScope } from '../../../server/experiments/edit-rules.js';
import { Field, fieldError } from '../ui/controls.js';
import { fieldLocked, serverKnows, type RevenueCapForm } from './plan-settings.js';

interface RevenueCapFieldsProps {
  cap: RevenueCapForm;
  scope: EditScope;
  error: unknown;
  onChange: (patch: Partial<RevenueCapForm>) => void;
}

const CHOICES: Array<{ kind: RevenueCapForm['kind']; label: string }> = [
  { kind: 'none', label: 'No cap' },
  { kind: 'value', label: 'A fixed value' },
  { kind: 'percentile', label: 'A percentile of the control’s buyers' },
];

export function RevenueCapFields({ cap, scope, error, onChange }: RevenueCapFieldsProps) {
  const stored = serverKnows('revenueCap');
  const locked = !stored || fieldLocked(scope, 'revenueCap');
  return (
    <fieldset class="subsection" data-testid="revenue-cap-fields">
      <legend>Revenue cap</legend>
      <p class="hint" id="revenue-cap-hint">
        {stored
          ? 'Fixed before the start: revenue per visitor above the cap counts as the cap, so one huge order cannot decide the test. The uncapped revenue stays in the results.'
          : 'This server does not store a revenue cap yet.'}
      </p>
      <div class="checkboxes" role="radiogroup" aria-describedby="revenue-cap-hint">
        {CHOICES.map((choice) => (
          <label key={choice.kind} class="checkbox">
            <input type="radio" name="revenue-cap" value={choice.kind} checked={cap.kind === choice.kind} disabled={locked} onChange={() => onChange({ kind: choice.kind })} />
            {choice.label}
          </label>
        ))}
      </div>
      {cap.kind === 'value' && (
        <div class="row">
          <Field id="cap-value" label="Cap per visitor (in the site’s currency)" error={fieldError(error, 'revenueCap')}>
            <input id="cap-value" type="number" min={0} step="any" value={cap.value} disabled={locked} onInput={(event) => onChange({ value: event.currentTarget.value })} />
          </Field>
        </div>
      )}
      {cap.kind === 'percentile' && (
        <div class="row">
          <Field id="cap-percentile" label="Percentile (50–100)" error={fieldError(error, 'revenueCap')}>
            <input id="cap-percentile" type="number" min={50} max={100} step="any" value={cap.percentile} disabled={locked} onInput={(event) => onChange({ percentile: event.currentTarget.value })} />
          </Field>
          <Field id="cap-days" label="Of the first days" hint="The cap is fixed once these days have passed.">
            <input id="cap-days" type="number" min={1} step={1} value={cap.days} disabled={locked} onInput={(event) => onChange({ days: event.currentTarget.value })} />
          </Field>
        </div>
      )}
    </fieldset>
  );
}

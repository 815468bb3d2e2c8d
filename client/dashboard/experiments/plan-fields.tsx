// What the experiment is and how it is judged: name, key, slot and share of traffic; the primary
// metric, the guardrails that must not get worse, and the planned number of visitors.
import { METRIC_NAMES, METRIC_REGISTRY } from '../../../server/metrics/registry.js';
import { Field, fieldError } from '../ui/controls.js';
import type { ExperimentForm } from './experiment-form.js';

interface PlanFieldsProps {
  form: ExperimentForm;
  /** Once started, only the name, hypothesis and guardrails may change. */
  frozen: boolean;
  /** Name, hypothesis and guardrails too (an archived experiment is read-only). */
  notesLocked: boolean;
  error: unknown;
  onChange: (patch: Partial<ExperimentForm>) => void;
}

const label = (metric: (typeof METRIC_NAMES)[number]) => METRIC_REGISTRY[metric].label;
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function PlanFields({ form, frozen, notesLocked, error, onChange }: PlanFieldsProps) {
  const input = (name: 'name' | 'key' | 'slot' | 'coverage' | 'plannedSampleSize', title: string, props: Record<string, unknown>, hint?: string, locked = frozen) => (
    <Field id={`exp-${name}`} label={title} error={fieldError(error, name)} hint={hint}>
      <input id={`exp-${name}`} value={form[name]} disabled={locked} onInput={(event) => onChange({ [name]: event.currentTarget.value })} {...props} />
    </Field>
  );
  const toggleGuardrail = (metric: ExperimentForm['primaryMetric'], on: boolean) =>
    onChange({ guardrailMetrics: on ? [...form.guardrailMetrics, metric] : form.guardrailMetrics.filter((entry) => entry !== metric) });

  return (
    <>
      <fieldset class="subsection">
        <legend>The test</legend>
        <div class="row">
          {input('name', 'Name', { required: true, maxLength: 120, placeholder: 'AI video in the hero slot' }, undefined, notesLocked)}
          {input('key', 'Key', { required: true, maxLength: 64, pattern: '[a-z0-9][a-z0-9_\\-]*' }, 'Lower-case; the snippet and events use it.')}
        </div>
        <Field id="exp-hypothesis" label="Hypothesis" error={fieldError(error, 'hypothesis')}>
          <textarea
            id="exp-hypothesis"
            rows={2}
            maxLength={2000}
            disabled={notesLocked}
            value={form.hypothesis}
            placeholder="A labelled AI video earns as many add-to-carts as the studio photo."
            onInput={(event) => onChange({ hypothesis: event.currentTarget.value })}
          />
        </Field>
        <div class="row">
          {input('slot', 'Slot', { required: true, maxLength: 64, pattern: '[a-z0-9][a-z0-9_\\-]*' }, 'The data-candor-slot on the page.')}
          {input('coverage', 'Visitors in the test (%)', { type: 'number', min: 1, max: 100, step: 'any', required: true })}
        </div>
      </fieldset>
      <fieldset class="subsection">
        <legend>How it is judged</legend>
        <div class="row">
          <Field id="exp-primary" label="Primary metric" error={fieldError(error, 'primaryMetric')} hint="The one the headline answers.">
            <select id="exp-primary" value={form.primaryMetric} disabled={frozen} onChange={(event) => onChange({ primaryMetric: event.currentTarget.value as ExperimentForm['primaryMetric'] })}>
              {METRIC_NAMES.map((metric) => (
                <option key={metric} value={metric}>
                  {capital(label(metric))}
                </option>
              ))}
            </select>
          </Field>
          {input('plannedSampleSize', 'Planned visitors (all arms)', { type: 'number', min: 1, step: 1, placeholder: 'Optional' }, 'Progress is shown against it.')}
        </div>
        <fieldset class="checkbox-group" aria-describedby="guardrails-hint">
          <legend>Guardrails</legend>
          <p class="hint" id="guardrails-hint">
            Metrics that must not get worse, checked apart from the primary one.
          </p>
          <div class="checkboxes">
            {METRIC_NAMES.filter((metric) => metric !== form.primaryMetric).map((metric) => (
              <label key={metric} class="checkbox">
                <input type="checkbox" checked={form.guardrailMetrics.includes(metric)} disabled={notesLocked} onChange={(event) => toggleGuardrail(metric, event.currentTarget.checked)} />
                {capital(label(metric))}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>
    </>
  );
}
